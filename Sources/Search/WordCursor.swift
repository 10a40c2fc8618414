import Storage

/// A word's cursor over one segment: the union of its terms' postings in the fields it searches
/// (`title.stem`, `title.exact`, `body.stem`, `body.exact`), scored by BM25F (`WordScorer`), with
/// block-max bounds from each posting list's skip data (index/README.md §5): for a target doc, each
/// list's block holding it contributes `maxFreq · factor(minNorm)`, and the range ends at the earliest of
/// those blocks' last docs.
final class WordCursor: ScoredCursor {
    struct Sub {
        var cursor: PostingsCursor
        var field: Int
        var source: Int
        var term: String
        var fieldName: String
        var doc: Int
        /// Per block: last doc id and bound of `factor · tf`.
        var lastDocs: [Int]
        var blockBounds: [Double]
        var shallow: Int
    }

    let scorer: WordScorer
    let scoring: Scoring
    let seg: SegmentScoring
    private var subs: [Sub]
    private var acc: [Double]
    private var slotBounds: [Double]

    /// nil when none of the word's terms occurs in the segment.
    init?(word: WordClause, mode: SearchRequest.Analysis, seg: SegmentScoring, scoring: Scoring) throws {
        scorer = WordScorer(word)
        self.scoring = scoring
        self.seg = seg
        var subs: [Sub] = []
        for f in word.fields {
            let fi = f == .title ? 0 : 1
            for (si, s) in word.sources.enumerated() {
                let name = Scoring.fieldName(f, s.kind, mode)
                for t in s.terms {
                    guard let c = try seg.segment.postings(field: name, term: t) else { continue }
                    if c.blockCount == 1 { _ = try c.currentSkipEntry() }
                    let table = seg.factor[fi]
                    var ld: [Int] = [], bb: [Double] = []
                    ld.reserveCapacity(c.skipEntries.count); bb.reserveCapacity(c.skipEntries.count)
                    for e in c.skipEntries {
                        ld.append(Int(e.lastDoc))
                        bb.append(Double(e.maxFreq) * table[Int(e.minNorm)])
                    }
                    subs.append(Sub(cursor: c, field: fi, source: si, term: t, fieldName: name, doc: -1, lastDocs: ld, blockBounds: bb, shallow: 0))
                }
            }
        }
        if subs.isEmpty { return nil }
        self.subs = subs
        acc = [Double](repeating: 0, count: scorer.slots)
        slotBounds = acc
        super.init()
        // Global bound: each sub's largest block bound.
        for s in subs {
            let m = s.blockBounds.max() ?? 0
            let i = scorer.slot(field: s.field, source: s.source)
            if scorer.combineMax[s.source] { slotBounds[i] = max(slotBounds[i], m) } else { slotBounds[i] += m }
        }
        maxScore = scorer.bound(slotBounds, scoring: scoring)
    }

    private func settle() {
        var m = ScoredCursor.end
        for s in subs where s.doc < m { m = s.doc }
        doc = m
    }

    override func next() throws {
        if doc == -1 {
            for i in subs.indices { subs[i].doc = Self.docOf(try subs[i].cursor.next()) }
        } else {
            let d = doc
            for i in subs.indices where subs[i].doc == d { subs[i].doc = Self.docOf(try subs[i].cursor.next()) }
        }
        settle()
    }

    override func advance(to target: Int) throws {
        if doc >= target { return }
        for i in subs.indices where subs[i].doc < target {
            subs[i].doc = Self.docOf(try subs[i].cursor.advance(to: UInt32(clamping: target)))
        }
        settle()
    }

    @inline(__always) static func docOf(_ d: UInt32) -> Int { d == PostingsCursor.terminated ? ScoredCursor.end : Int(d) }

    override func score() throws -> Double {
        let d = doc
        for i in acc.indices { acc[i] = 0 }
        for s in subs where s.doc == d {
            scorer.accumulate(&acc, field: s.field, source: s.source, Double(s.cursor.freq))
        }
        return scorer.score(acc, doc: d, seg: seg, scoring: scoring)
    }

    /// Matched (index field name, term, frequency) at the current doc, for match info and explanations.
    func matchedTerms() -> [(field: String, term: String, freq: Int)] {
        subs.filter { $0.doc == doc }.map { ($0.fieldName, $0.term, Int($0.cursor.freq)) }
    }

    override func blockMax(at target: Int) -> (bound: Double, end: Int) {
        for i in slotBounds.indices { slotBounds[i] = 0 }
        var end = Cursor.endDoc
        for i in subs.indices {
            var b = subs[i].shallow
            let ld = subs[i].lastDocs
            while b > 0 && ld[b - 1] >= target { b -= 1 }
            while b < ld.count && ld[b] < target { b += 1 }
            subs[i].shallow = b
            if b >= ld.count { continue }
            if ld[b] < end { end = ld[b] }
            let slot = scorer.slot(field: subs[i].field, source: subs[i].source)
            let v = subs[i].blockBounds[b]
            if scorer.combineMax[subs[i].source] { if v > slotBounds[slot] { slotBounds[slot] = v } } else { slotBounds[slot] += v }
        }
        return (scorer.bound(slotBounds, scoring: scoring), end)
    }
}
