/// Writes the term dictionary (`.tdi`, index/README.md §4): terms in byte order, in blocks of
/// `TermDictionaryWriter.blockTerms` with prefix compression against the previous term, and at the end a
/// sparse index holding each block's first term, read into memory by `TermDictionaryReader`.
/// (The layout of Lucene's block-tree and tantivy's sstable term dictionaries, without the trie.)
public struct TermDictionaryWriter {
    public static let blockTerms = 32

    private var w = FileFormat.begin(.terms, capacity: 1 << 16)
    private var previous: [UInt8] = []
    private var current: [UInt8] = []
    private var count = 0
    private var index = ByteWriter()
    private var blocks = 0
    private var lastPostingsEnd = 0
    private var lastPositionsEnd = 0

    public init() {}

    /// Adds `term` (greater than the previous one in byte order) with its info; postings and positions must
    /// be contiguous in term order (each term's start is the previous term's end).
    public mutating func add(_ term: [UInt8], _ info: TermInfo) {
        term.withUnsafeBufferPointer { add(prefix: nil, $0, info) }
    }

    /// Adds the term `[field] + term` (the segment writer's key: field number byte, then the UTF-8 bytes).
    mutating func add(field: UInt8, term: UnsafeBufferPointer<UInt8>, _ info: TermInfo) {
        add(prefix: field, term, info)
    }

    private mutating func add(prefix: UInt8?, _ rest: UnsafeBufferPointer<UInt8>, _ info: TermInfo) {
        current.removeAll(keepingCapacity: true)
        if let prefix { current.append(prefix) }
        current.append(contentsOf: rest)
        precondition(count == 0 || previous.lexicographicallyPrecedes(current), "terms out of order")
        let bodyOffset = w.count - FileFormat.headerSize
        let blockStart = count % Self.blockTerms == 0
        if blockStart {
            // Block start: full term, absolute offsets in the index.
            index.writeVarint(current.count)
            index.writeBytes(current)
            index.writeVarint(bodyOffset)
            index.writeVarint(info.postingsOffset)
            index.writeVarint(info.positionsOffset)
            blocks += 1
        } else {
            precondition(info.postingsOffset == lastPostingsEnd && info.positionsOffset == lastPositionsEnd,
                         "postings not contiguous")
        }
        var shared = 0
        if !blockStart {
            let limit = min(previous.count, current.count)
            while shared < limit && previous[shared] == current[shared] { shared += 1 }
        }
        w.writeVarint(shared)
        w.writeVarint(current.count - shared)
        w.writeBytes(current[shared...])
        w.writeVarint(info.docFreq)
        w.writeVarint(info.totalTermFreq - info.docFreq)
        w.writeVarint(info.postingsLength)
        w.writeVarint(info.positionsLength)
        swap(&previous, &current)
        lastPostingsEnd = info.postingsOffset + info.postingsLength
        lastPositionsEnd = info.positionsOffset + info.positionsLength
        count += 1
    }

    public var termCount: Int { count }

    /// Appends the sparse index and trailer and returns the file's bytes.
    public mutating func finish() -> [UInt8] {
        let indexOffset = w.count - FileFormat.headerSize
        w.writeVarint(blocks)
        w.writeBytes(index.bytes)
        w.writeUInt64(UInt64(indexOffset))
        w.writeUInt64(UInt64(count))
        return FileFormat.finish(&w)
    }
}
