import CCodec
import Storage

/// BM25F parameters (Robertson, Zaragoza & Taylor, "Simple BM25 extension to multiple weighted fields",
/// CIKM 2004): one saturation over a pseudo-frequency that sums each field's weighted, length-normalised
/// frequency. k1 = 1.2 and b = 0.75 as Lucene; the title counts 2.5× the body.
public struct BM25FParameters: Sendable, Hashable {
    public var k1 = 1.2
    public var b = 0.75
    public var titleWeight = 2.5
    public var bodyWeight = 1.0
    public init() {}
}

/// Index-wide statistics and each word's idf for one plan (collection statistics over all segments, so a
/// document's score does not depend on which segment holds it).
struct Scoring {
    let params: BM25FParameters
    let documents: Int
    /// Average field lengths of the title and the body (two values, no array per query).
    let averageTitleLength: Double, averageBodyLength: Double

    init(reader: IndexReader, params: BM25FParameters) {
        self.params = params
        documents = reader.maxDoc
        averageTitleLength = reader.averageLength(slot: "title")
        averageBodyLength = reader.averageLength(slot: "body")
    }

    static func fieldName(_ f: TextField, _ k: TermSource.Kind, _ mode: SearchRequest.Analysis) -> String {
        let stem = k == .stem || mode == .plain
        switch f {
        case .title: return stem ? "title.stem" : "title.exact"
        case .body: return stem ? "body.stem" : "body.exact"
        }
    }

    /// idf of a word: Lucene's BM25 idf of the largest document frequency among its terms (as Lucene's
    /// SynonymQuery takes for alternatives of one position), in either field.
    func prepare(_ plan: QueryPlan, reader: IndexReader) throws {
        let segments = reader.segments
        // First every term's dictionary block is found and starts loading, then the look-ups scan them (each
        // starting to load its list's head): the query's cache misses overlap instead of following one
        // another. `blocks` holds the first pass's blocks in the second's order.
        var blocks: [Int] = []
        func lists(_ w: WordClause) -> Int { w.fields.count * w.sources.reduce(0) { $0 + $1.terms.count } }
        var count = 0
        for w in plan.words { count += lists(w) }
        for p in plan.phrases { for w in p.words { count += lists(w) } }
        blocks.reserveCapacity(count * segments.count)
        func locate(_ w: WordClause) {
            // By index, as `prep` reads them: no copy (and retains) of a source, a term or a segment per term.
            let sources = w.sources
            for f in w.fields {
                for si in 0..<sources.count {
                    let name = Self.fieldName(f, sources[si].kind, plan.mode)
                    for j in 0..<sources[si].terms.count {
                        for i in 0..<segments.count {
                            blocks.append(segments[i].prefetchTerm(field: name, term: sources[si].terms[j]))
                        }
                    }
                }
            }
        }
        for w in plan.words { locate(w) }
        for p in plan.phrases { for w in p.words { locate(w) } }
        var next = 0
        func prep(_ w: WordClause) throws {
            // Each segment's term infos, in the cursors' order (field, source, term), kept for the cursors so
            // every term is looked up once per query. Sources by index, the arrays read once: no per-term
            // copies of a source (and the retains of its arrays).
            let sources = w.sources, fields = w.fields
            var terms = 0
            for si in 0..<sources.count { terms += sources[si].terms.count }
            terms *= fields.count
            // One flat array, segment after segment (one allocation per word, not one per segment and one
            // holding them).
            var infos = [TermInfo?](repeating: nil, count: terms * segments.count)
            var df = 0
            var k = 0
            for f in fields {
                for si in 0..<sources.count {
                    let name = Self.fieldName(f, sources[si].kind, plan.mode)
                    for j in 0..<sources[si].terms.count {
                        let t = sources[si].terms[j]
                        var sum = 0
                        for i in 0..<segments.count {
                            let ti = try segments[i].termInfo(field: name, term: t, block: blocks[next])
                            next += 1
                            infos[i * terms + k] = ti
                            if let ti { segments[i].prefetchPostings(ti) }
                            sum += ti?.docFreq ?? 0
                        }
                        df = max(df, sum)
                        k += 1
                    }
                }
            }
            w.termInfos = infos
            w.termsPerSegment = terms
            w.idf = BM25.idf(docFreq: max(df, 1), documents: max(documents, 1))
        }
        for w in plan.words { try prep(w) }
        for p in plan.phrases { for w in p.words { try prep(w) } }
    }

    @inline(__always) func saturate(_ s: Double) -> Double { s * (params.k1 + 1) / (params.k1 + s) }
}

/// One segment's BM25F length factors: `factor[field][normByte]` = field weight / (1 − b + b·len/avglen),
/// so a document's factor is one table look-up (norm bytes decode to 256 lengths at most).
final class SegmentScoring {
    let segment: SegmentReader
    let params: BM25FParameters
    /// norms[field][doc] for title (0) and body (1); empty when the segment lacks the slot.
    let norms: [[UInt8]]
    let factor: [[Double]]

    /// The segment's position in the snapshot (`WordClause.termInfos` holds its terms' infos at
    /// `index · termsPerSegment`).
    let index: Int

    init(segment: SegmentReader, index: Int, scoring: Scoring) {
        self.segment = segment
        self.index = index
        let p = scoring.params
        params = p
        var n: [[UInt8]] = [], fac: [[Double]] = []
        for (i, slot) in ["title", "body"].enumerated() {
            n.append(segment.norms.norms(slot: slot) ?? [UInt8](repeating: 0, count: segment.maxDoc))
            let w = i == 0 ? p.titleWeight : p.bodyWeight
            let avg = max(i == 0 ? scoring.averageTitleLength : scoring.averageBodyLength, 1e-9)
            fac.append((0..<256).map { byte in
                w / (1 - p.b + p.b * Double(NormEncoding.decode(UInt8(byte))) / avg)
            })
        }
        norms = n; factor = fac
        titleNorms = .allocate(capacity: max(segment.maxDoc, 1))
        bodyNorms = .allocate(capacity: max(segment.maxDoc, 1))
        titleFactor = .allocate(capacity: 256)
        bodyFactor = .allocate(capacity: 256)
        for d in 0..<segment.maxDoc { titleNorms[d] = n[0][d]; bodyNorms[d] = n[1][d] }
        for b in 0..<256 { titleFactor[b] = fac[0][b]; bodyFactor[b] = fac[1][b] }
    }

    /// The same tables as raw memory for the cursors' loops (no array retains or bounds checks).
    let titleNorms: UnsafeMutablePointer<UInt8>
    let bodyNorms: UnsafeMutablePointer<UInt8>
    let titleFactor: UnsafeMutablePointer<Double>
    let bodyFactor: UnsafeMutablePointer<Double>

    @inline(__always) func factor(_ field: Int, _ doc: Int) -> Double { factor[field][Int(norms[field][doc])] }

    /// Per posting list (keyed by what decides its postings: `BlockTableKey`), per block: the largest
    /// `tf · factor(norm)` of its documents — the block's own largest length-normalised frequency, as PISA's block-max indexes
    /// keep each block's largest score (Ding & Suel 2011), instead of the skip data's `maxFreq ·
    /// factor(minNorm)`, which pairs the block's largest frequency with its shortest document — with the
    /// blocks' last doc ids beside it. Computed on a list's first use and kept for the snapshot: cursors
    /// read the tables in place (nothing copied per query). Only touched inside `Searcher.search`, which its
    /// lock serialises: unchecked, so a list's look-up costs no dynamic exclusivity check.
    @exclusivity(unchecked) private var blockTables = BlockTableMap()

    /// Starts loading the map slots of `word`'s lists in this segment, which its cursor reads when it opens
    /// (a hint: no effect on results).
    func prefetchBlockTables(_ word: WordClause) {
        let known = word.termsPerSegment, infos = word.termInfos
        let start = index * known
        guard known > 0, start + known <= infos.count else { return }
        var k = 0
        for f in word.fields {
            let fi = f == .title ? 0 : 1
            for s in word.sources {
                for _ in 0..<s.terms.count {
                    if let ti = infos[start + k] {
                        blockTables.prefetch(hash: BlockTableKey.hash(ti.postingsOffset, fi))
                    }
                    k += 1
                }
            }
        }
    }

    func blockTable(field fi: Int, name: String, postings c: SearchPostings) throws -> BlockTable {
        let key = BlockTableKey(offset: c.info.postingsOffset, length: c.info.postingsLength, docFreq: c.info.docFreq,
                                field: fi, options: c.options)
        if let t = blockTables[key] { return t }
        // The walk is opened before the table is allocated: nothing to free if opening throws.
        let walk = try segment.searchPostings(field: name, info: c.info)
        var t = BlockTable(count: c.blockCount)
        for b in 0..<c.blockCount { t.last[b] = c.lastDoc(b); t.bound[b] = 0 }
        guard let walk else { blockTables.insert(t, for: key); return t }
        let table = fi == 0 ? titleFactor : bodyFactor, ns = fi == 0 ? titleNorms : bodyNorms
        var b = 0
        do {
            try walk.next()
            while walk.doc != SearchPostings.end {
                let d = walk.doc
                while b < c.blockCount - 1 && d > c.lastDoc(b) { b += 1 }
                let v = Double(walk.freq) * table[Int(ns[d])]
                if v > t.bound[b] { t.bound[b] = v }
                try walk.next()
            }
        } catch { t.free(); throw error }
        for b in 0..<c.blockCount where t.bound[b] > t.max { t.max = t.bound[b] }
        blockTables.insert(t, for: key)
        return t
    }

    deinit {
        titleNorms.deallocate(); bodyNorms.deallocate(); titleFactor.deallocate(); bodyFactor.deallocate()
        blockTables.forEach { $0.free() }
    }
}

/// What a list's block table is computed from: the bytes its postings are decoded from (offset and length
/// in the `.pst` body), how many documents and what they hold (document frequency, index options), and the
/// field whose norms weigh them. Two lists alike in all of these decode to the same postings and get the
/// same table, so a dictionary whose terms share an offset (only a damaged or crafted one) cannot hand one
/// term another's bounds.
struct BlockTableKey: Equatable {
    var offset: Int
    var length: Int
    var docFreq: Int
    /// 0 title, 1 body.
    var field: Int
    var options: IndexOptions

    /// Where the map's probe starts: offsets differ between a real dictionary's terms.
    @inline(__always) static func hash(_ offset: Int, _ field: Int) -> Int { offset &* 2 &+ field }
    @inline(__always) var hash: Int { Self.hash(offset, field) }
}

/// `SegmentScoring`'s block tables by `BlockTableKey`: open addressing with linear probing over a
/// power-of-two table at most half full, hashed by one multiplication of the key's `hash` (Fibonacci
/// hashing) — a list's look-up costs a few instructions where a `Dictionary`'s SipHash of the key cost over
/// a hundred.
struct BlockTableMap {
    private var slots = [(key: BlockTableKey, table: BlockTable)?](repeating: nil, count: 64)
    /// log2 of `slots.count`.
    private var bits = 6
    private(set) var count = 0

    @inline(__always) private func home(_ hash: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: hash) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    subscript(key: BlockTableKey) -> BlockTable? {
        get {
            var i = home(key.hash)
            let mask = slots.count - 1
            while let s = slots[i] {
                if s.key == key { return s.table }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Adds `table` under `key`, which is not in the map.
    mutating func insert(_ table: BlockTable, for key: BlockTableKey) {
        if 2 * (count + 1) > slots.count {
            let old = slots
            slots = [(key: BlockTableKey, table: BlockTable)?](repeating: nil, count: 2 * old.count)
            bits += 1
            count = 0
            for case let s? in old { insert(s.table, for: s.key) }
        }
        var i = home(key.hash)
        let mask = slots.count - 1
        while slots[i] != nil { i = (i + 1) & mask }
        slots[i] = (key, table)
        count += 1
    }

    func forEach(_ body: (BlockTable) -> Void) { for case let s? in slots { body(s.table) } }

    /// Starts loading the slot where a look-up of a key with this `hash` begins (a hint: no effect on the map).
    @inline(__always) func prefetch(hash: Int) {
        let i = home(hash)
        slots.withUnsafeBufferPointer { kerko_prefetch($0.baseAddress! + i) }
    }
}

/// One posting list's blocks for block-max bounds: each block's last doc id and largest `tf · factor(norm)`,
/// in raw memory owned by the `SegmentScoring` that computed them and freed with it (cursors hold that, so
/// the pointers stay valid while a cursor lives). A plain struct: handing one out counts no references.
struct BlockTable {
    let count: Int
    let last: UnsafeMutablePointer<Int>
    let bound: UnsafeMutablePointer<Double>
    /// The largest block bound (the list's bound).
    var max = 0.0

    /// One allocation, the bounds first then the last doc ids: a list of one block (most lists) has its
    /// table in one cache line.
    init(count: Int) {
        self.count = count
        let c = Swift.max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 16 * c, alignment: 16)
        bound = raw.bindMemory(to: Double.self, capacity: c)
        last = (raw + 8 * c).bindMemory(to: Int.self, capacity: c)
    }

    func free() { UnsafeMutableRawPointer(bound).deallocate() }

    /// Starts loading the table's first entries (a hint).
    @inline(__always) func prefetch() { kerko_prefetch(bound); kerko_prefetch(last) }
}

/// How one word's postings are combined into its BM25F score: the (field, source) slots and the shared
/// per-document arithmetic used by every cursor and by the reference scorer, so their scores agree to
/// the last bit.
struct WordScorer {
    let word: WordClause
    let sourceCount: Int
    /// The word's sources (weights and combination rules read from them: no arrays built per scorer).
    let sources: [TermSource]
    let coefficient: Double   // boost · idf

    init(_ w: WordClause) {
        word = w
        sourceCount = w.sources.count
        sources = w.sources
        coefficient = w.boost * w.idf
    }

    var slots: Int { 2 * sourceCount }
    @inline(__always) func slot(field: Int, source: Int) -> Int { field * sourceCount + source }

    /// Adds a frequency to a slot's accumulator (max for alternatives, sum for expansions).
    @inline(__always) func accumulate(_ acc: inout [Double], field: Int, source: Int, _ tf: Double) {
        let i = field * sourceCount + source
        if sources[source].combineMax { if tf > acc[i] { acc[i] = tf } } else { acc[i] += tf }
    }

    /// The word's score for `doc` from its slot accumulators.
    @inline(__always) func score(_ acc: [Double], doc: Int, seg: SegmentScoring, scoring: Scoring) -> Double {
        var s = 0.0
        for f in 0..<2 {
            var fs = 0.0
            for k in 0..<sourceCount { fs += sources[k].weight * acc[f * sourceCount + k] }
            if fs > 0 { s += seg.factor(f, doc) * fs }
        }
        return coefficient * scoring.saturate(s)
    }

    /// Upper bound from per-slot bounds of the weighted, length-normalised frequency.
    @inline(__always) func bound(_ slotBounds: UnsafePointer<Double>, scoring: Scoring) -> Double {
        var s = 0.0
        for f in 0..<2 {
            for k in 0..<sourceCount { s += sources[k].weight * slotBounds[f * sourceCount + k] }
        }
        return coefficient * scoring.saturate(s) * (1 + 1e-12)
    }

    @inline(__always) func bound(_ slotBounds: [Double], scoring: Scoring) -> Double {
        var s = 0.0
        for f in 0..<2 {
            for k in 0..<sourceCount { s += sources[k].weight * slotBounds[f * sourceCount + k] }
        }
        return coefficient * scoring.saturate(s) * (1 + 1e-12)
    }
}
