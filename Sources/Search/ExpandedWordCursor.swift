import Storage

/// A word with many terms (a prefix or fuzzy expansion: up to 512 terms × 2 fields) over one segment,
/// evaluated up front: every list is decoded once into per-document frequency slots and each matching
/// document scored with `WordScorer` (the reference's arithmetic), then iterated in doc order. A union
/// cursor would pay O(lists) per document; this pays O(postings) once — Lucene rewrites large multi-term
/// queries to a doc-id set for the same reason. `maxScore` is the exact largest score.
final class ExpandedWordCursor: ScoredCursor {
    /// Words with more (field, term) lists than this are expanded up front.
    static let threshold = 24

    private let docs: [Int]
    private let scores: [Double]
    @exclusivity(unchecked) private var i = -1

    init?(word: WordClause, mode: SearchRequest.Analysis, seg: SegmentScoring, scoring: Scoring) throws {
        let scorer = WordScorer(word)
        let slots = scorer.slots, maxDoc = seg.segment.maxDoc
        var acc = [Double](repeating: 0, count: maxDoc * slots)
        var matched = [Bool](repeating: false, count: maxDoc)
        for f in word.fields {
            let fi = f == .title ? 0 : 1
            for (si, s) in word.sources.enumerated() {
                let name = Scoring.fieldName(f, s.kind, mode)
                let slot = scorer.slot(field: fi, source: si)
                for t in s.terms {
                    guard let c = try seg.segment.searchPostings(field: name, term: t) else { continue }
                    while true {
                        try c.next()
                        let d = c.doc
                        if d == SearchPostings.end { break }
                        matched[d] = true
                        let k = d * slots + slot, tf = Double(c.freq)
                        if s.combineMax { if tf > acc[k] { acc[k] = tf } } else { acc[k] += tf }
                    }
                }
            }
        }
        var ds: [Int] = [], ss: [Double] = []
        var one = [Double](repeating: 0, count: slots)
        for d in 0..<maxDoc where matched[d] {
            for j in 0..<slots { one[j] = acc[d * slots + j] }
            ds.append(d)
            ss.append(scorer.score(one, doc: d, seg: seg, scoring: scoring))
        }
        if ds.isEmpty { return nil }
        docs = ds; scores = ss
        super.init()
        maxScore = (ss.max() ?? 0) * (1 + 1e-12)
    }

    override func next() throws {
        i += 1
        doc = i < docs.count ? docs[i] : ScoredCursor.end
    }

    override func advance(to target: Int) throws {
        if doc >= target { return }
        var lo = i + 1, hi = docs.count
        while lo < hi { let m = (lo + hi) >> 1; if docs[m] < target { lo = m + 1 } else { hi = m } }
        i = lo
        doc = i < docs.count ? docs[i] : ScoredCursor.end
    }

    override func score() throws -> Double { scores[i] }
}
