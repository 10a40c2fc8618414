/// The document store (`.doc`, index/README.md §8): stored documents (bytes given by the caller, in doc-id
/// order) packed into blocks of about 16 KiB, each compressed with `LZ4Block`; at the end an index of the
/// blocks (first doc, offset, compressed and raw length) that the reader keeps in memory.
struct DocStoreWriter {
    static let blockTarget = 16 * 1024
    private var w = FileFormat.begin(.documents, capacity: 1 << 20)
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    private var index = ByteWriter()
    private var blocks = 0
    private var docs = 0

    mutating func add(_ stored: [UInt8]) {
        pending.append(stored)
        pendingBytes += stored.count
        docs += 1
        if pendingBytes >= Self.blockTarget { flushBlock() }
    }

    private mutating func flushBlock() {
        guard !pending.isEmpty else { return }
        var raw = ByteWriter(capacity: pendingBytes + 8 * pending.count)
        raw.writeVarint(pending.count)
        for p in pending { raw.writeVarint(p.count) }
        for p in pending { raw.writeBytes(p) }
        let compressed = LZ4Block.compress(raw.bytes)
        index.writeVarint(docs - pending.count)
        index.writeVarint(w.count - FileFormat.headerSize)
        index.writeVarint(compressed.count)
        index.writeVarint(raw.count)
        w.writeBytes(compressed)
        blocks += 1
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }

    mutating func finish() -> [UInt8] {
        flushBlock()
        let indexOffset = w.count - FileFormat.headerSize
        w.writeVarint(blocks)
        w.writeBytes(index.bytes)
        w.writeUInt64(UInt64(indexOffset))
        return FileFormat.finish(&w)
    }
}
