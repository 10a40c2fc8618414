/// Deleted documents of one segment (`_N_G.del`, index/README.md §9): a bitmap of `maxDoc` bits,
/// bit d of 64-bit word d/64 set when doc d is deleted. Each commit that deletes from a segment writes a
/// new generation G; the manifest names the current one, so older snapshots keep theirs.
public struct DeletionBitmap: Sendable, Hashable {
    public let maxDoc: Int
    private var words: [UInt64]
    public private(set) var count: Int = 0

    public init(maxDoc: Int) {
        self.maxDoc = maxDoc
        words = [UInt64](repeating: 0, count: (maxDoc + 63) / 64)
    }

    @inline(__always) public func isDeleted(_ doc: Int) -> Bool {
        doc >= 0 && doc < maxDoc && (words[doc >> 6] >> UInt64(doc & 63)) & 1 == 1
    }

    /// Marks `doc` deleted; returns false if it already was.
    @discardableResult
    public mutating func delete(_ doc: Int) -> Bool {
        precondition(doc >= 0 && doc < maxDoc)
        if isDeleted(doc) { return false }
        words[doc >> 6] |= 1 << UInt64(doc & 63)
        count += 1
        return true
    }

    func serialize() -> [UInt8] {
        var w = FileFormat.begin(.deletions, capacity: 32 + words.count * 8)
        w.writeUInt32(UInt32(maxDoc))
        w.writeUInt32(UInt32(count))
        for x in words { w.writeUInt64(x) }
        return FileFormat.finish(&w)
    }

    init(file: FileBytes, maxDoc expected: Int) throws {
        var md = 0, ct = 0, ws: [UInt64] = []
        try file.decode { r in
            md = Int(try r.readUInt32())
            ct = Int(try r.readUInt32())
            if md != expected { throw Truncated(what: "bitmap for \(md) documents, segment has \(expected)") }
            let n = (md + 63) / 64
            if r.remaining != n * 8 { throw Truncated(what: "bitmap of \(r.remaining) bytes, expected \(n * 8)") }
            for _ in 0..<n { ws.append(try r.readUInt64()) }
        }
        maxDoc = md; words = ws
        count = ws.reduce(0) { $0 + $1.nonzeroBitCount }
        if count != ct { throw IndexError.corrupt(file.name, "bitmap has \(count) deletions, header says \(ct)") }
    }
}

extension DeletionBitmap {
    /// Writes this bitmap as the file `entry.deletionFile` names.
    public func write(_ name: String, to dir: any Directory) throws { try dir.write(name, serialize()) }

    public static func read(_ name: String, from dir: any Directory, maxDoc: Int, checksum: Bool = true) throws -> DeletionBitmap {
        try DeletionBitmap(file: dir.open(name, kind: .deletions, checksum: checksum), maxDoc: maxDoc)
    }
}
