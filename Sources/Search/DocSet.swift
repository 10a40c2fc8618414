import Storage

/// A set of one segment's local doc ids as a bitmap: filters (`type:`, `lang:`, dates) and match sets for
/// counting and facets.
struct DocSet {
    private(set) var words: [UInt64]
    let maxDoc: Int

    init(maxDoc: Int, full: Bool = false) {
        self.maxDoc = maxDoc
        words = [UInt64](repeating: full ? ~0 : 0, count: (maxDoc + 63) / 64)
        if full && maxDoc % 64 != 0 { words[words.count - 1] = (1 << UInt64(maxDoc % 64)) - 1 }
    }

    /// Every live document of a segment.
    static func live(_ s: SegmentReader) -> DocSet {
        var d = DocSet(maxDoc: s.maxDoc, full: true)
        if s.deletions != nil { for i in 0..<s.maxDoc where s.isDeleted(i) { d.remove(i) } }
        return d
    }

    @inline(__always) func contains(_ d: Int) -> Bool { (words[d >> 6] >> UInt64(d & 63)) & 1 == 1 }
    @inline(__always) mutating func insert(_ d: Int) { words[d >> 6] |= 1 << UInt64(d & 63) }
    @inline(__always) mutating func remove(_ d: Int) { words[d >> 6] &= ~(1 << UInt64(d & 63)) }

    mutating func formIntersection(_ o: DocSet) { for i in words.indices { words[i] &= o.words[i] } }
    mutating func formUnion(_ o: DocSet) { for i in words.indices { words[i] |= o.words[i] } }
    mutating func subtract(_ o: DocSet) { for i in words.indices { words[i] &= ~o.words[i] } }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The first member ≥ `d`, or `ScoredCursor.end`.
    func next(from d: Int) -> Int {
        if d >= maxDoc { return ScoredCursor.end }
        var w = d >> 6
        var bits = words[w] & (~0 << UInt64(d & 63))
        while bits == 0 {
            w += 1
            if w >= words.count { return ScoredCursor.end }
            bits = words[w]
        }
        return w << 6 + bits.trailingZeroBitCount
    }

    func forEach(_ body: (Int) throws -> Void) rethrows {
        for (wi, w0) in words.enumerated() {
            var w = w0
            while w != 0 {
                let b = w.trailingZeroBitCount
                try body(wi << 6 + b)
                w &= w - 1
            }
        }
    }

    /// Documents holding any of `terms` in `field` (live ones: cursors skip deletions).
    static func postings(_ s: SegmentReader, field: String, terms: [String]) throws -> DocSet {
        var d = DocSet(maxDoc: s.maxDoc)
        for t in terms {
            guard let c = try s.postings(field: field, term: t) else { continue }
            while true {
                let x = try c.next()
                if x == PostingsCursor.terminated { break }
                d.insert(Int(x))
            }
        }
        return d
    }
}

/// A filter's documents as a cursor (score 0): filters nested inside OR groups.
final class DocSetCursor: ScoredCursor {
    let set: DocSet
    init(_ set: DocSet) { self.set = set; super.init(); maxScore = 0 }
    override func next() throws { doc = set.next(from: doc + 1) }
    override func advance(to target: Int) throws { if doc < target { doc = set.next(from: target) } }
    override func score() throws -> Double { 0 }
    override func blockMax(at target: Int) -> (bound: Double, end: Int) { (0, Cursor.endDoc) }
}
