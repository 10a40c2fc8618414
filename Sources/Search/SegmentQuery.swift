import Storage

/// A plan bound to one segment: builds cursors for plan nodes and the filter doc sets.
final class SegmentQuery {
    let plan: QueryPlan
    let seg: SegmentScoring
    let scoring: Scoring
    let base: Int
    private var filterSets: [Int: DocSet] = [:]
    private var liveSet: DocSet?

    init(plan: QueryPlan, seg: SegmentScoring, base: Int, scoring: Scoring) {
        self.plan = plan
        self.seg = seg
        self.scoring = scoring
        self.base = base
    }

    var segment: SegmentReader { seg.segment }

    func live() -> DocSet {
        if let l = liveSet { return l }
        let l = DocSet.live(segment)
        liveSet = l
        return l
    }

    func filter(_ i: Int) throws -> DocSet {
        if let f = filterSets[i] { return f }
        let f = plan.filters[i]
        let d = try DocSet.postings(segment, field: f.field, terms: f.terms)
        filterSets[i] = d
        return d
    }

    static func isFilter(_ n: PlanNode) -> Bool {
        switch n {
        case .filter, .all: return true
        default: return false
        }
    }

    /// The documents every filter (or `.all`) of `nodes` accepts, or nil when there is none.
    func filterSet(_ nodes: [PlanNode]) throws -> DocSet? {
        var out: DocSet? = nil
        for n in nodes {
            let d: DocSet
            switch n {
            case .filter(let i): d = try filter(i)
            case .all: d = live()
            default: continue
            }
            if out == nil { out = d } else { out!.formIntersection(d) }
        }
        return out
    }

    /// A cursor for `node`, or nil when it matches nothing in this segment.
    /// `expanded`: evaluate words with many terms up front (`ExpandedWordCursor`); off for a single
    /// document's match details.
    func cursor(_ node: PlanNode, expanded: Bool = true) throws -> ScoredCursor? {
        switch node {
        case .word(let i):
            let w = plan.words[i]
            if expanded && w.fields.count * w.sources.reduce(0, { $0 + $1.terms.count }) > ExpandedWordCursor.threshold {
                return try ExpandedWordCursor(word: w, mode: plan.mode, seg: seg, scoring: scoring)
            }
            return try WordCursor(word: w, mode: plan.mode, seg: seg, scoring: scoring)
        case .phrase(let i):
            return try PhraseCursor(phrase: plan.phrases[i], mode: plan.mode, seg: seg, scoring: scoring)
        case .filter(let i):
            let d = try filter(i)
            return d.count == 0 ? nil : DocSetCursor(d)
        case .all:
            return DocSetCursor(live())
        case .none:
            return nil
        case .bool(let m, let s, let x):
            var req: [ScoredCursor] = []
            for n in m where !Self.isFilter(n) {
                guard let c = try cursor(n) else { return nil }
                req.append(c)
            }
            let filt = try filterSet(m)
            if let filt, filt.count == 0 { return nil }
            let opt = try s.compactMap { try cursor($0) }
            let exc = try x.compactMap { try cursor($0) }
            var optional = opt
            if req.isEmpty {
                if opt.isEmpty {
                    guard let filt else { return nil }
                    req = [DocSetCursor(filt)]
                } else {
                    req = [opt.count == 1 ? opt[0] : DisjunctionCursor(opt)]
                    if let filt { req.append(DocSetCursor(filt)) }
                }
                optional = []
            } else if let filt {
                req.append(DocSetCursor(filt))
            }
            if req.count == 1 && optional.isEmpty && exc.isEmpty { return req[0] }
            return ConjunctionCursor(required: req, optional: optional, excluded: exc)
        }
    }
}

/// What the top-k algorithms check on a candidate besides the scored clauses: the required filters'
/// doc set and the excluded clauses.
struct Admission {
    var accept: DocSet?
    var excluded: [ScoredCursor]

    @inline(__always) func admits(_ d: Int) throws -> Bool {
        if let accept, !accept.contains(d) { return false }
        for x in excluded {
            try x.advance(to: d)
            if x.doc == d { return false }
        }
        return true
    }
}
