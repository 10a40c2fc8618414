/// Reads `.doc`: finds a document's block by binary search of the in-memory block index, decompresses it
/// and returns the document's stored bytes (the last block is cached).
public final class DocStoreReader: @unchecked Sendable {
    // @unchecked: the cache is guarded by `mutex`; everything else is immutable.
    let file: FileBytes
    private var firstDocs: [Int] = []
    private var offsets: [Int] = []
    private var compressed: [Int] = []
    private var raw: [Int] = []
    private let maxDoc: Int
    private var cache: (block: Int, docs: [[UInt8]])? = nil
    private let mutex = Mutex()

    init(file: FileBytes, maxDoc: Int) throws {
        self.file = file
        self.maxDoc = maxDoc
        let n = file.bodyCount
        var io = 0
        try file.decode { r in
            if n < 8 { throw Truncated(what: "document store shorter than its trailer") }
            // `Int(exactly:)`: a damaged or crafted u64 past `Int.max` is corruption, not a conversion trap.
            guard let o = Int(exactly: try r.getUInt64(at: n - 8)) else { throw Truncated(what: "document store index offset past Int.max") }
            io = o
            if io > n - 8 { throw Truncated(what: "document store index offset \(io) past the end") }
        }
        var f: [Int] = [], o: [Int] = [], c: [Int] = [], w: [Int] = []
        try file.decode(from: io) { r in
            let blocks = try r.readCount(max: n)
            for _ in 0..<blocks {
                f.append(try r.readCount()); o.append(try r.readCount(max: io))
                c.append(try r.readCount(max: io)); w.append(try r.readCount(max: 1 << 30))
                if o.last! + c.last! > io { throw Truncated(what: "document block past the index") }
            }
            if f.first.map({ $0 != 0 }) ?? (maxDoc != 0) { throw Truncated(what: "first document block does not start at doc 0") }
        }
        firstDocs = f; offsets = o; compressed = c; raw = w
    }

    /// The stored bytes of `doc`.
    public func document(_ doc: Int) throws -> [UInt8] {
        guard doc >= 0 && doc < maxDoc else {
            throw IndexError(.invalidArgument, file: file.name, reason: "doc \(doc) out of range 0..<\(maxDoc)")
        }
        var lo = 0, hi = firstDocs.count
        while lo < hi { let m = (lo + hi) / 2; if firstDocs[m] <= doc { lo = m + 1 } else { hi = m } }
        let b = lo - 1
        guard b >= 0 else { throw IndexError.corrupt(file.name, "no block holds doc \(doc)") }
        if let c = mutex.with({ cache }), c.block == b { return try pick(c.docs, doc - firstDocs[b]) }
        let docs = try decodeBlock(b)
        mutex.with { cache = (b, docs) }
        return try pick(docs, doc - firstDocs[b])
    }

    private func pick(_ docs: [[UInt8]], _ i: Int) throws -> [UInt8] {
        guard i < docs.count else { throw IndexError.corrupt(file.name, "block holds \(docs.count) documents, wanted #\(i)") }
        return docs[i]
    }

    func decodeBlock(_ b: Int) throws -> [[UInt8]] {
        let (o, c, w) = (offsets[b], compressed[b], raw[b])
        let bytes = try file.withBody { body in
            try LZ4Block.decompress(UnsafeRawBufferPointer(rebasing: body[o..<(o + c)]), rawCount: w)
        }
        return try bytes.withUnsafeBytes { buf in
            do {
                var r = ByteReader(buf)
                let count = try r.readCount(max: w)
                var lengths: [Int] = []
                for _ in 0..<count { lengths.append(try r.readCount(max: w)) }
                var docs: [[UInt8]] = []
                for l in lengths { docs.append(Array(try r.readBytes(l))) }
                return docs
            } catch let t as Truncated { throw IndexError.corrupt(file.name, t.what) }
        }
    }
}
