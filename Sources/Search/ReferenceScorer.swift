import Storage

/// The exhaustive evaluator the fast algorithms are tested against: every posting of every term is
/// decoded, every node's match set and per-document score is materialised over the whole segment, and
/// the boolean tree is evaluated on those sets. Also the counting path (`total`, facets) with
/// `scores: false`.
struct ReferenceScorer {
    let q: SegmentQuery
    let scores: Bool

    struct Result {
        var match: DocSet
        var score: [Double]
    }

    private var maxDoc: Int { q.segment.maxDoc }

    func evaluate(_ node: PlanNode) throws -> Result {
        switch node {
        case .word(let i): return try word(q.plan.words[i])
        case .phrase(let i): return try phrase(q.plan.phrases[i])
        case .filter(let i): return Result(match: try q.filter(i), score: zeros())
        case .all: return Result(match: q.live(), score: zeros())
        case .none: return Result(match: DocSet(maxDoc: maxDoc), score: zeros())
        case .bool(let m, let s, let x):
            var match = q.live()
            var score = zeros()
            let scoringMust = m.contains { !SegmentQuery.isFilter($0) }
            for n in m {
                let r = try evaluate(n)
                match.formIntersection(r.match)
                if scores { for d in 0..<maxDoc where r.match.contains(d) { score[d] += r.score[d] } }
            }
            if !s.isEmpty {
                var any = DocSet(maxDoc: maxDoc)
                for n in s {
                    let r = try evaluate(n)
                    any.formUnion(r.match)
                    if scores { for d in 0..<maxDoc where r.match.contains(d) { score[d] += r.score[d] } }
                }
                if !scoringMust { match.formIntersection(any) }
            } else if m.isEmpty {
                match = q.live()
            }
            for n in x { match.subtract(try evaluate(n).match) }
            return Result(match: match, score: score)
        }
    }

    private func zeros() -> [Double] { scores ? [Double](repeating: 0, count: maxDoc) : [] }

    func word(_ w: WordClause) throws -> Result {
        let scorer = WordScorer(w)
        let slots = scorer.slots
        var acc = scores ? [Double](repeating: 0, count: maxDoc * slots) : []
        var match = DocSet(maxDoc: maxDoc)
        for f in w.fields {
            let fi = f == .title ? 0 : 1
            for (si, s) in w.sources.enumerated() {
                let name = Scoring.fieldName(f, s.kind, q.plan.mode)
                for t in s.terms {
                    guard let c = try q.segment.postings(field: name, term: t) else { continue }
                    while true {
                        let d = try c.next()
                        if d == PostingsCursor.terminated { break }
                        let doc = Int(d)
                        match.insert(doc)
                        if scores {
                            let i = doc * slots + scorer.slot(field: fi, source: si)
                            let tf = Double(c.freq)
                            if s.combineMax { acc[i] = max(acc[i], tf) } else { acc[i] += tf }
                        }
                    }
                }
            }
        }
        var score = zeros()
        if scores {
            var one = [Double](repeating: 0, count: slots)
            match.forEach { d in
                for j in 0..<slots { one[j] = acc[d * slots + j] }
                score[d] = scorer.score(one, doc: d, seg: q.seg, scoring: q.scoring)
            }
        }
        return Result(match: match, score: score)
    }

    func phrase(_ p: PhraseClause) throws -> Result {
        let words = try p.words.map { try word($0) }
        var candidates = q.live()
        for w in words { candidates.formIntersection(w.match) }
        let fields = try PhraseMatch.fieldCursors(p, seg: q.segment, mode: q.plan.mode)
        var match = DocSet(maxDoc: maxDoc)
        var score = zeros()
        try candidates.forEach { d in
            if try PhraseMatch.verify(p, fields, doc: d) {
                match.insert(d)
                if scores { var s = 0.0; for w in words { s += w.score[d] }; score[d] = s }
            }
        }
        return Result(match: match, score: score)
    }

    /// The segment's top documents into `top`.
    func topK(_ root: PlanNode, into top: inout TopK) throws {
        let r = try evaluate(root)
        r.match.forEach { d in top.insert(scores ? r.score[d] : 0, q.base + d) }
    }
}
