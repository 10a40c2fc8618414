import Codec
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The in-memory inverted index of the segment being built: for each field, term → (doc ids, frequencies,
/// positions), appended in doc order. `SegmentWriter` serializes it.
///
/// Layout (chosen for the per-token cost, which dominates indexing):
/// - Terms are interned as UTF-8 bytes in one arena with an open-addressing hash table of term ids —
///   the structure of Lucene's `BytesRefHash` (linear probing over a power-of-two table, the term bytes in
///   one pool, the full hash kept per term so a probe compares bytes only on a hash match). Hashing is
///   MurmurHash3's 64-bit finalizer (Appleby, "SMHasher/MurmurHash3", `fmix64`) over 8-byte words, seeded
///   per writer.
/// - Each recorded occurrence is three integers appended to flat arrays (term id, doc, position — or, for
///   fields without positions, a frequency increment): no per-term allocation while indexing.
/// - At flush the occurrences are grouped by term with one stable counting sort (arrival order, hence doc
///   and position order, is kept inside each term), and the terms are sorted once by (field, bytes).
public final class PostingsWriter {
    public let fields: [FieldInfo]
    /// All mutable state in one struct: a hot loop takes it `inout` once (`batch`), so the per-token work
    /// runs without the dynamic exclusivity checks that class properties cost on every access.
    var state: State
    /// Occurrences grouped by term, valid while `grouped.occurrences == state.occTerm.count`.
    private var grouped: Grouped?

    public struct State {
        let positionsByField: [Bool]
        /// Open-addressing table: (high 32 bits of the hash) << 32 | (term id + 1), or 0 for an empty slot, so
        /// most probes of other terms end without touching the term's own arrays. Size: a power of two.
        var slots: [UInt64]
        var mask: Int
        /// Per term id: full hash, field, and its bytes `termBytes[termStart[id]..<termStart[id + 1]]`.
        var termHash: [UInt64] = []
        var termField: [UInt8] = []
        var termStart: [Int] = [0]
        var termBytes: [UInt8] = []
        /// Occurrences in arrival order.
        var occTerm: [UInt32] = []
        var occDoc: [UInt32] = []
        /// The position (fields with positions) or the frequency to add (other fields).
        var occValue: [UInt32] = []
        var estimatedBytes = 0
        let seed: UInt64

        init(positionsByField: [Bool]) {
            self.positionsByField = positionsByField
            slots = [UInt64](repeating: 0, count: 1 << 12)
            mask = (1 << 12) - 1
            seed = UInt64.random(in: 0...UInt64.max)
        }

        var termCount: Int { termField.count }

        /// MurmurHash3 `fmix64` (Appleby) over the field and the term's 8-byte words.
        @inline(__always) static func fmix(_ x: UInt64) -> UInt64 {
            var k = x
            k ^= k >> 33; k &*= 0xff51_afd7_ed55_8ccd
            k ^= k >> 33; k &*= 0xc4ce_b9fe_1a85_ec53
            k ^= k >> 33
            return k
        }

        @inline(__always) func hash(field: Int, _ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h = seed ^ (UInt64(truncatingIfNeeded: field) &* 0x9e37_79b9_7f4a_7c15) ^ UInt64(b.count)
            let n = b.count
            var i = 0
            let raw = UnsafeRawPointer(b.baseAddress)
            while i + 8 <= n {
                h = Self.fmix(h ^ raw!.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            if i < n {
                var w: UInt64 = 0
                var s: UInt64 = 0
                while i < n { w |= UInt64(b[i]) << s; s += 8; i += 1 }
                h = Self.fmix(h ^ w)
            }
            return h
        }

        @inline(__always) func equals(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let s = termStart[id], e = termStart[id + 1]
            if e - s != b.count { return false }
            let n = b.count
            if n == 0 { return true }
            return termBytes.withUnsafeBufferPointer { tb in
                let x = UnsafeRawPointer(tb.baseAddress! + s), y = UnsafeRawPointer(b.baseAddress!)
                if n >= 8 {
                    // 8-byte words, the last one overlapping: most terms take one or two loads.
                    var i = 0
                    while i + 8 < n {
                        if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                        i += 8
                    }
                    return x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                }
                for i in 0..<n where x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
                return true
            }
        }

        /// The id of `field`'s term `b`, or nil.
        func find(field: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
            let h = hash(field: field, b)
            let tag = h >> 32
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let t = slots[s]
                if t == 0 { return nil }
                let id = Int(t & 0xffff_ffff) - 1
                if t >> 32 == tag && Int(termField[id]) == field && equals(id, b) { return id }
                s = (s + 1) & mask
            }
        }

        /// The id of `field`'s term `b`, interned if new.
        @inline(__always) mutating func id(field: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            let h = hash(field: field, b)
            let tag = h >> 32
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let t = slots[s]
                if t == 0 { break }
                let id = Int(t & 0xffff_ffff) - 1
                if t >> 32 == tag && Int(termField[id]) == field && equals(id, b) { return id }
                s = (s + 1) & mask
            }
            let id = termField.count
            termHash.append(h)
            termField.append(UInt8(truncatingIfNeeded: field))
            termBytes.append(contentsOf: b)
            termStart.append(termBytes.count)
            slots[s] = tag << 32 | UInt64(id + 1)
            estimatedBytes += b.count + 40
            if (id + 1) * 2 > slots.count { grow() }
            return id
        }

        /// Doubles the table (load factor stays ≤ 1/2).
        private mutating func grow() {
            let size = slots.count * 2
            var next = [UInt64](repeating: 0, count: size)
            let m = size - 1
            for id in 0..<termField.count {
                let h = termHash[id]
                var s = Int(truncatingIfNeeded: h) & m
                while next[s] != 0 { s = (s + 1) & m }
                next[s] = (h >> 32) << 32 | UInt64(id + 1)
            }
            estimatedBytes += (size - slots.count) * 8
            slots = next
            mask = m
        }

        @inline(__always) mutating func id(field: Int, term: String) -> Int {
            var t = term
            return t.withUTF8 { id(field: field, $0) }
        }

        @inline(__always) mutating func record(_ id: Int, doc: UInt32, value: UInt32) {
            occTerm.append(UInt32(truncatingIfNeeded: id))
            occDoc.append(doc)
            occValue.append(value)
            estimatedBytes += 12
        }

        /// Records `term` of `field` at `position` in `doc`. Calls for one doc come before any later doc;
        /// positions of one term in one doc are non-decreasing (a repeated position is recorded once).
        @inline(__always)
        public mutating func add(field: Int, term: String, doc: UInt32, position: UInt32) {
            let i = id(field: field, term: term)
            record(i, doc: doc, value: positionsByField[field] ? position : 1)
        }

        /// The id of `field`'s `term` in this writer, interned if new (see `add(termID:field:doc:position:)`).
        @inline(__always)
        public mutating func termID(field: Int, term: String) -> Int { id(field: field, term: term) }

        /// `add(field:term:doc:position:)` for a term id from `termID(field:term:)` of this same writer
        /// (`PostingsWriter.identity`): callers that see the same term often may remember its id.
        @inline(__always)
        public mutating func add(termID: Int, field: Int, doc: UInt32, position: UInt32) {
            record(termID, doc: doc, value: positionsByField[field] ? position : 1)
        }

        /// `add(field:term:doc:position:)` with the term as UTF-8 bytes.
        @inline(__always)
        public mutating func add(field: Int, utf8 term: UnsafeBufferPointer<UInt8>, doc: UInt32, position: UInt32) {
            let i = id(field: field, term)
            record(i, doc: doc, value: positionsByField[field] ? position : 1)
        }
    }

    /// The occurrences grouped by term id or rank `t`: its occurrences are `doc[start[t]..<start[t + 1]]` (and `value`).
    struct Grouped {
        var occurrences: Int
        var start: [Int]
        var doc: [UInt32]
        var value: [UInt32]
    }

    public init(fields: [FieldInfo]) {
        self.fields = fields
        state = State(positionsByField: fields.map { $0.options == .positions })
    }

    /// Distinguishes this writer from every other (term ids are only meaningful within one writer).
    public var identity: UInt64 { state.seed }

    /// Rough heap bytes held, for flush-by-RAM decisions.
    public var estimatedBytes: Int { state.estimatedBytes }

    /// Runs `body` with the writer's state for many `add` calls (one exclusivity check for all of them).
    public func batch<R>(_ body: (inout State) throws -> R) rethrows -> R { try body(&state) }

    /// Records `term` of `field` at `position` in `doc` (see `State.add`).
    public func add(field: Int, term: String, doc: UInt32, position: UInt32) {
        state.add(field: field, term: term, doc: doc, position: position)
    }

    /// Records a whole posting at once (merges): `positions` sorted, its count is the frequency
    /// (for fields without positions pass `freq` and an empty array).
    public func add(field: Int, term: String, doc: UInt32, freq: UInt32, positions: [UInt32]) {
        let withPositions = fields[field].options == .positions
        batch { s in
            let i = s.id(field: field, term: term)
            if withPositions {
                for p in positions { s.record(i, doc: doc, value: p) }
            } else {
                s.record(i, doc: doc, value: freq)
            }
        }
    }

    public var termCount: Int { state.termCount }

    /// One stable counting sort of the occurrences by term id (cached until the next add).
    func group() -> Grouped {
        let n = state.occTerm.count
        if let g = grouped, g.occurrences == n { return g }
        let g = group(rank: nil)
        grouped = g
        return g
    }

    /// One stable counting sort of the occurrences by `rank[term id]` (by term id when nil): `start` is
    /// indexed by rank, so a walk in rank order reads the grouped arrays front to back.
    func group(rank: [UInt32]?) -> Grouped {
        let n = state.occTerm.count
        let terms = state.termCount
        var start = [Int](repeating: 0, count: terms + 1)
        // Every slot is written by the scatter below, so the arrays start uninitialized (no memset).
        var doc = [UInt32](unsafeUninitializedCapacity: n) { _, c in c = n }
        var value = [UInt32](unsafeUninitializedCapacity: n) { _, c in c = n }
        let identity = rank == nil ? [UInt32]((0..<UInt32(terms))) : []
        (rank ?? identity).withUnsafeBufferPointer { rk in
        state.occTerm.withUnsafeBufferPointer { ot in
            start.withUnsafeMutableBufferPointer { st in
                for t in ot { st[Int(rk[Int(t)]) + 1] += 1 }
                for i in 0..<terms { st[i + 1] += st[i] }
                var next = Array(st[0..<terms])
                next.withUnsafeMutableBufferPointer { nx in
                    state.occDoc.withUnsafeBufferPointer { od in
                        state.occValue.withUnsafeBufferPointer { ov in
                            doc.withUnsafeMutableBufferPointer { d in
                                value.withUnsafeMutableBufferPointer { v in
                                    for k in 0..<n {
                                        let r = Int(rk[Int(ot[k])])
                                        let j = nx[r]
                                        nx[r] = j + 1
                                        d[j] = od[k]
                                        v[j] = ov[k]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        }
        return Grouped(occurrences: n, start: start, doc: doc, value: value)
    }

    /// Term ids sorted by (field, bytes) in byte order: an 8-byte big-endian key (field, first 7 bytes)
    /// decides almost every comparison; equal keys fall back to the whole bytes.
    func sortedTermIDs() -> [Int] {
        let s = state
        let count = s.termCount
        var keyed: [(key: UInt64, id: UInt32)] = []
        keyed.reserveCapacity(count)
        s.termBytes.withUnsafeBufferPointer { tb in
            for id in 0..<count {
                var k = UInt64(s.termField[id]) << 56
                let a = s.termStart[id], e = min(s.termStart[id + 1], a + 7)
                var shift: UInt64 = 48
                for j in a..<e { k |= UInt64(tb[j]) << shift; shift &-= 8 }
                keyed.append((k, UInt32(id)))
            }
            keyed.sort { x, y in
                if x.key != y.key { return x.key < y.key }
                let a0 = s.termStart[Int(x.id)], a1 = s.termStart[Int(x.id) + 1]
                let b0 = s.termStart[Int(y.id)], b1 = s.termStart[Int(y.id) + 1]
                let n = min(a1 - a0, b1 - b0)
                let c = n == 0 ? 0 : memcmp(tb.baseAddress! + a0, tb.baseAddress! + b0, n)
                return c != 0 ? c < 0 : (a1 - a0) < (b1 - b0)
            }
        }
        return keyed.map { Int($0.id) }
    }

    /// Calls `body` for every term in (field, bytes) order with its field, UTF-8 bytes and postings: doc ids,
    /// frequencies and (fields with positions) the positions of each doc in order. The buffers are only
    /// valid during the call.
    func forEachSortedTerm(_ body: (_ field: Int, _ term: UnsafeBufferPointer<UInt8>, _ docs: UnsafeBufferPointer<UInt32>,
                                    _ freqs: UnsafeBufferPointer<UInt32>, _ positions: UnsafeBufferPointer<UInt32>) throws -> Void) rethrows {
        let order = sortedTermIDs()
        var rank = [UInt32](repeating: 0, count: order.count)
        for (r, id) in order.enumerated() { rank[id] = UInt32(r) }
        let g = group(rank: rank)
        var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = []
        let s = state
        try s.termBytes.withUnsafeBufferPointer { tb in
            for (r, id) in order.enumerated() {
                let field = Int(s.termField[id])
                let (nd, np) = Self.postings(g, r, withPositions: s.positionsByField[field], docs: &docs, freqs: &freqs,
                                             positions: &positions)
                let term = UnsafeBufferPointer(rebasing: tb[s.termStart[id]..<s.termStart[id + 1]])
                try docs.withUnsafeBufferPointer { d in
                    try freqs.withUnsafeBufferPointer { f in
                        try positions.withUnsafeBufferPointer { p in
                            try body(field, term, UnsafeBufferPointer(rebasing: d[0..<nd]), UnsafeBufferPointer(rebasing: f[0..<nd]),
                                     UnsafeBufferPointer(rebasing: p[0..<np]))
                        }
                    }
                }
            }
        }
    }

    /// The postings of the term grouped at `id` (its term id or rank, as `g` was grouped) into reused arrays
    /// (see the next function).
    static func postings(_ g: Grouped, _ id: Int, withPositions: Bool, docs: inout [UInt32], freqs: inout [UInt32],
                         positions: inout [UInt32]) -> (postings: Int, positions: Int) {
        let lo = g.start[id], hi = g.start[id + 1]
        return g.doc.withUnsafeBufferPointer { gd in
            g.value.withUnsafeBufferPointer { gv in
                postings(doc: UnsafeBufferPointer(rebasing: gd[lo..<hi]), value: UnsafeBufferPointer(rebasing: gv[lo..<hi]),
                         withPositions: withPositions, docs: &docs, freqs: &freqs, positions: &positions)
            }
        }
    }

    /// One term's occurrences (doc, value) in arrival order → doc ids, frequencies, positions, written to the
    /// front of the arrays (grown if needed); returns the posting and position counts.
    static func postings(doc gd: UnsafeBufferPointer<UInt32>, value gv: UnsafeBufferPointer<UInt32>, withPositions: Bool,
                         docs: inout [UInt32], freqs: inout [UInt32], positions: inout [UInt32]) -> (postings: Int, positions: Int) {
        let n = gd.count
        if docs.count < n { docs = [UInt32](repeating: 0, count: max(n, 2 * docs.count)) }
        if freqs.count < n { freqs = [UInt32](repeating: 0, count: max(n, 2 * freqs.count)) }
        if withPositions && positions.count < n { positions = [UInt32](repeating: 0, count: max(n, 2 * positions.count)) }
        var nd = 0, np = 0
        docs.withUnsafeMutableBufferPointer { d in
            freqs.withUnsafeMutableBufferPointer { f in
                positions.withUnsafeMutableBufferPointer { p in
                    var lastDoc = UInt32.max, lastPos: UInt32 = 0
                    for k in 0..<n {
                        let dk = gd[k], v = gv[k]
                        if dk == lastDoc && nd > 0 {
                            if withPositions {
                                if v == lastPos { continue }   // a repeated position is recorded once
                                p[np] = v; np += 1
                                lastPos = v
                                f[nd - 1] += 1
                            } else {
                                f[nd - 1] += v
                            }
                        } else {
                            d[nd] = dk; nd += 1
                            lastDoc = dk
                            if withPositions {
                                p[np] = v; np += 1
                                lastPos = v
                                f[nd - 1] = 1
                            } else {
                                f[nd - 1] = v
                            }
                        }
                    }
                }
            }
        }
        return (nd, np)
    }

    /// The buffered terms of `field`, unordered.
    public func terms(field: Int) -> [String] {
        let s = state
        return (0..<s.termCount).compactMap { id in
            Int(s.termField[id]) == field ? String(decoding: s.termBytes[s.termStart[id]..<s.termStart[id + 1]], as: UTF8.self) : nil
        }
    }

    /// The buffered postings of one term (for tests and for the reference comparison).
    public func postings(field: Int, term: String) -> (docs: [UInt32], freqs: [UInt32], positions: [UInt32])? {
        var t = term
        guard let id = t.withUTF8({ state.find(field: field, $0) }) else { return nil }
        var docs: [UInt32] = [], freqs: [UInt32] = [], positions: [UInt32] = []
        let (nd, np) = Self.postings(group(), id, withPositions: state.positionsByField[field], docs: &docs, freqs: &freqs,
                                     positions: &positions)
        return (Array(docs[0..<nd]), Array(freqs[0..<nd]), Array(positions[0..<np]))
    }
}

/// Serializes postings (`.pst`) and positions (`.pos`) term by term (index/README.md §5–6).
struct PostingsSerializer {
    var postings = FileFormat.begin(.postings, capacity: 1 << 20)
    var positions = FileFormat.begin(.positions, capacity: 1 << 20)
    let encoder: any BlockEncoder
    private(set) var postingCount = 0
    private(set) var positionCount = 0
    // Scratch, reused across terms (most terms are short: per-term allocations were most of the cost).
    private var deltas = [UInt32](repeating: 0, count: blockSize)
    private var gaps: [UInt32] = []
    private var skips: [SkipEntry] = []
    private var blockBytes = ByteWriter(capacity: 1 << 12)
    private var codecScratch = Codec.ByteWriter(capacity: 4 * blockSize + 16)

    /// The postings file's name, for errors.
    let file: String
    /// Largest byte count of one term's doc blocks (`SkipTable.maxDocBytes`; smaller only in tests).
    let docBlockLimit: Int

    init(encoder: any BlockEncoder, file: String, docBlockLimit: Int) {
        self.encoder = encoder; self.file = file; self.docBlockLimit = docBlockLimit
    }

    /// Writes one term's postings; `norms` are the field's norm bytes by doc (nil when unnormed).
    /// - Throws: `IndexError` (`.invalidArgument`, naming the file) when the term's doc blocks exceed what
    ///   its skip table can address (`docBlockLimit`).
    mutating func write(docs: UnsafeBufferPointer<UInt32>, freqs: UnsafeBufferPointer<UInt32>,
                        positions pos: UnsafeBufferPointer<UInt32>, options: IndexOptions,
                        norms: UnsafeBufferPointer<UInt8>?) throws -> TermInfo {
        let n = docs.count
        let postingsStart = postings.count - FileFormat.headerSize
        let positionsStart = positions.count - FileFormat.headerSize
        if n <= blockSize {
            // One block (most terms): no skip data precedes it, so it is encoded straight into the postings
            // file — the same bytes as the general path below, without its staging buffer and skip entries.
            var ttf = 0
            let enc = encoder
            deltas.withUnsafeMutableBufferPointer { dl in
                var prev: UInt32 = 0
                for k in 0..<n {
                    dl[k] = docs[k] &- prev
                    prev = docs[k]
                    ttf += Int(freqs[k])
                }
                let g = UnsafeBufferPointer(rebasing: dl[0..<n])
                if options == .docs {
                    _ = PostingsBlock.encode(gaps: g, freqs: nil, encoder: enc, into: &postings)
                } else {
                    _ = PostingsBlock.encode(gaps: g, freqs: freqs, encoder: enc, into: &postings)
                }
            }
            if options == .positions {
                var cursor = 0
                writePositions(docs: 0..<n, freqs: freqs, positions: pos, cursor: &cursor)
            }
            postingCount += n
            if options == .docs { ttf = n }
            return TermInfo(docFreq: n, totalTermFreq: ttf, postingsOffset: postingsStart,
                            postingsLength: postings.count - FileFormat.headerSize - postingsStart,
                            positionsOffset: positionsStart,
                            positionsLength: positions.count - FileFormat.headerSize - positionsStart)
        }
        let blocks = (n + blockSize - 1) / blockSize
        skips.removeAll(keepingCapacity: true)
        blockBytes.bytes.removeAll(keepingCapacity: true)
        var prevDoc: UInt32 = 0
        var posCursor = 0
        var ttf = 0
        let enc = encoder
        for b in 0..<blocks {
            let lo = b * blockSize, hi = min(n, lo + blockSize)
            var maxFreq: UInt32 = 0, minNorm: UInt8 = 255
            deltas.withUnsafeMutableBufferPointer { dl in
                for k in lo..<hi {
                    dl[k - lo] = (b == 0 && k == 0) ? docs[k] : docs[k] - prevDoc
                    prevDoc = docs[k]
                    maxFreq = max(maxFreq, freqs[k])
                    if let norms { minNorm = min(minNorm, norms[Int(docs[k])]) }
                    ttf += Int(freqs[k])
                }
            }
            if norms == nil { minNorm = 0 }
            let docStart = blockBytes.count
            deltas.withUnsafeBufferPointer { dl in
                let g = UnsafeBufferPointer(rebasing: dl[0..<(hi - lo)])
                if options == .docs {
                    _ = PostingsBlock.encode(gaps: g, freqs: nil, encoder: enc, into: &blockBytes)
                } else {
                    _ = PostingsBlock.encode(gaps: g, freqs: UnsafeBufferPointer(rebasing: freqs[lo..<hi]), encoder: enc,
                                             into: &blockBytes)
                }
            }
            let posStart = positions.count
            if options == .positions { writePositions(docs: lo..<hi, freqs: freqs, positions: pos, cursor: &posCursor) }
            skips.append(SkipEntry(lastDoc: docs[hi - 1], docBytes: blockBytes.count - docStart,
                                   positionBytes: positions.count - posStart, maxFreq: maxFreq, minNorm: minNorm))
        }
        // Checked before anything of the term is appended to the postings (its positions are, but a thrown
        // error ends the segment: `SegmentBuilder.write` writes no file).
        if blockBytes.count > docBlockLimit {
            throw IndexError(.invalidArgument, file: file,
                             reason: "a term's \(n) postings take \(blockBytes.count) bytes of doc blocks, more than the \(docBlockLimit) its skip table can address (index/README.md §5)")
        }
        SkipTable(blocks: blocks, options: options, normed: norms != nil).write(skips, into: &postings)
        postings.writeBytes(blockBytes.bytes)
        postingCount += n
        if options == .docs { ttf = n }
        return TermInfo(docFreq: n, totalTermFreq: ttf, postingsOffset: postingsStart,
                        postingsLength: postings.count - FileFormat.headerSize - postingsStart,
                        positionsOffset: positionsStart,
                        positionsLength: positions.count - FileFormat.headerSize - positionsStart)
    }

    /// Appends the positions of the postings `docs` (a block's range): per document the first position, then
    /// gaps, all coded in blocks of `blockSize` (index/README.md §6). `cursor` indexes `positions`.
    private mutating func writePositions(docs: Range<Int>, freqs: UnsafeBufferPointer<UInt32>,
                                         positions pos: UnsafeBufferPointer<UInt32>, cursor posCursor: inout Int) {
        var total = 0
        for k in docs { total += Int(freqs[k]) }
        if gaps.count < total { gaps = [UInt32](repeating: 0, count: max(total, 2 * gaps.count)) }
        gaps.withUnsafeMutableBufferPointer { g in
            var n = 0
            for k in docs {
                var last: UInt32 = 0
                for j in 0..<Int(freqs[k]) {
                    let p = pos[posCursor + j]
                    g[n] = j == 0 ? p : p - last
                    n += 1
                    last = p
                }
                posCursor += Int(freqs[k])
            }
        }
        positionCount += total
        let enc = encoder
        gaps.withUnsafeBufferPointer { gp in
            var c = 0
            while c < total {
                let e = min(total, c + blockSize)
                enc.encode(UnsafeBufferPointer(rebasing: gp[c..<e]), into: &positions, scratch: &codecScratch)
                c = e
            }
        }
    }
}
