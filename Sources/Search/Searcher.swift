import Foundation
import KerkoCore
import Storage

/// Ranked search over one index snapshot (`IndexReader`): parses the query (`QueryParser`), analyzes it
/// like the documents (`QueryAnalyzer`), scores with BM25F (`Scoring`) and collects the top k with the
/// fast algorithms (`MaxScore`, `BlockMaxWAND`, `BlockMaxAnd`) or the exhaustive `ReferenceScorer`.
///
/// Thread-safe: calls are serialised (the query analyzers are not thread-safe); open one `Searcher` per
/// thread for parallel queries.
public final class Searcher: @unchecked Sendable {
    public let reader: IndexReader
    public var parameters = BM25FParameters()
    private let analyzer: QueryAnalyzer
    private let lock = NSLock()
    private var years: [Int: [String?]] = [:]
    private var tables: [SegmentScoring] = []
    /// Windowed MaxScore's working memory, reused query after query (under `lock`).
    private let windowScratch = WindowScratch()

    /// Each segment's BM25F length tables (norm bytes copied once per snapshot and parameters).
    private func segmentTables(_ scoring: Scoring) -> [SegmentScoring] {
        if tables.count != reader.segments.count || tables.first.map({ $0.params != parameters }) == true {
            tables = reader.segments.enumerated().map { SegmentScoring(segment: $1, index: $0, scoring: scoring) }
        }
        return tables
    }

    public init(reader: IndexReader) throws {
        self.reader = reader
        analyzer = try QueryAnalyzer(reader: reader)
    }

    /// Parses `query` without searching (for validation: `QuerySyntaxError`).
    public static func parse(_ query: String) throws -> QueryNode { try QueryParser.parse(query) }

    public func search(_ r: SearchRequest) throws -> SearchResult {
        lock.lock(); defer { lock.unlock() }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let plan = try makePlan(r)
        let scoring = Scoring(reader: reader, params: parameters)
        try scoring.prepare(plan, reader: reader)
        let k = max(0, r.offset) + max(0, r.limit)
        let bonus = !plan.exactForms.isEmpty && k > 0
        var top = TopK(k: bonus ? ExactFormBonus.poolSize(k) : k)
        // The segments' queries are kept only for what reopens them after collection (descriptions,
        // counts, facets).
        let keepQueries = r.explain || r.matchInfo || r.countTotal || r.facets
        var queries: [SegmentQuery] = []
        if keepQueries { queries.reserveCapacity(reader.segments.count) }
        let segs = segmentTables(scoring)
        for i in reader.segments.indices {
            for w in plan.words { segs[i].prefetchBlockTables(w) }
            let q = SegmentQuery(plan: plan, seg: segs[i], base: reader.bases[i], scoring: scoring)
            if keepQueries { queries.append(q) }
            try Self.collect(q, r.algorithm, scratch: windowScratch, into: &top)
        }
        var pool = top.sorted()
        var factors: [Int: Double] = [:]
        if bonus {
            let f = ExactFormBonus.factors(pool.map(\.doc), forms: plan.exactForms, reader: reader)
            for (i, x) in f.enumerated() { factors[pool[i].doc] = x; pool[i].score *= x }
            pool.sort { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
            pool = Array(pool.prefix(k))
        }
        let ranked = pool.dropFirst(max(0, r.offset))
        var docs: [Int] = []
        docs.reserveCapacity(ranked.count)
        for (_, d) in ranked { docs.append(d) }
        reader.prefetchIDs(docs)
        var hits: [Hit] = []
        hits.reserveCapacity(ranked.count)   // one allocation, not a regrowth per power of two
        for (score, doc) in ranked {
            var h = Hit(doc: doc, id: reader.id(doc) ?? "", score: score, explanation: nil, matches: nil)
            if r.explain || r.matchInfo { try describe(&h, plan: plan, queries: queries, explain: r.explain) }
            if r.explain, let f = factors[doc], f > 1 {
                h.explanation?.append(TermContribution(clause: "exact diacritics (\(plan.exactForms.joined(separator: " ")))",
                                                       score: score - score / f, detail: "×\(f)"))
            }
            hits.append(h)
        }
        var total = hits.count + max(0, r.offset)
        var facets: [String: [String: Int]] = [:]
        if r.countTotal || r.facets {
            total = 0
            for q in queries {
                let m = try ReferenceScorer(q: q, scores: false).evaluate(plan.root).match
                total += m.count
                if r.facets { try addFacets(m, q, &facets) }
            }
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        return SearchResult(total: total, hits: hits, expanded: plan.expanded, facets: facets, tookMs: ms,
                            languages: plan.languages, clauses: plan.infos, notes: plan.notes)
    }

    /// The number of live documents matching the request (no scoring): the bench worker's `count`.
    public func count(_ r: SearchRequest) throws -> Int {
        lock.lock(); defer { lock.unlock() }
        let plan = try makePlan(r)
        let scoring = Scoring(reader: reader, params: parameters)
        var total = 0
        let segs = segmentTables(scoring)
        for i in reader.segments.indices {
            let q = SegmentQuery(plan: plan, seg: segs[i], base: reader.bases[i], scoring: scoring)
            total += try ReferenceScorer(q: q, scores: false).evaluate(plan.root).match.count
        }
        return total
    }

    private func makePlan(_ r: SearchRequest) throws -> QueryPlan {
        let node = try QueryParser.parse(r.query)
        return try analyzer.plan(node, r)
    }

    // MARK: - Top k

    /// Top-level clauses of the root: required scored clauses, optional ones, filters, exclusions.
    static func collect(_ q: SegmentQuery, _ algorithm: SearchRequest.Algorithm, scratch: WindowScratch? = nil,
                        into top: inout TopK) throws {
        if algorithm == .reference {
            try ReferenceScorer(q: q, scores: true).topK(q.plan.root, into: &top)
            return
        }
        let (m, s, x): ([PlanNode], [PlanNode], [PlanNode])
        switch q.plan.root {
        case .none: return
        case .bool(let a, let b, let c): (m, s, x) = (a, b, c)
        default: (m, s, x) = ([], [q.plan.root], [])
        }
        // The required clauses without the filters (the array itself when it holds none: no copy).
        let scoredMust = m.contains(where: SegmentQuery.isFilter) ? m.filter { !SegmentQuery.isFilter($0) } : m
        if scoredMust.isEmpty && s.isEmpty {
            // Only filters and negations: constant score, doc order.
            try ReferenceScorer(q: q, scores: true).topK(q.plan.root, into: &top)
            return
        }
        var accept = try q.filterSet(m)
        for n in x { if case .filter(let i) = n {
            if accept == nil { accept = q.live() }
            accept!.subtract(try q.filter(i))
        } }
        if let a = accept, a.count == 0 { return }
        let excluded = try x.filter { !SegmentQuery.isFilter($0) }.compactMap { try q.cursor($0) }
        let admission = Admission(accept: accept, excluded: excluded)
        if !scoredMust.isEmpty {
            var req: [ScoredCursor] = []
            req.reserveCapacity(scoredMust.count)
            for n in scoredMust { guard let c = try q.cursor(n) else { return }; req.append(c) }
            let opt = try s.compactMap { try q.cursor($0) }
            // Specialised for plain words (final class: no dynamic dispatch in the loops).
            if let rw = words(req), let ow = words(opt) {
                try BlockMaxAnd.run(required: rw, optional: ow, admission: admission, base: q.base, top: &top)
            } else {
                try BlockMaxAnd.run(required: req, optional: opt, admission: admission, base: q.base, top: &top)
            }
        } else {
            // The clauses' cursors in one allocation (`compactMap` grows its array append by append).
            var cs: [ScoredCursor] = []
            cs.reserveCapacity(s.count)
            for n in s { if let c = try q.cursor(n) { cs.append(c) } }
            if cs.isEmpty { return }
            let useMaxScore = algorithm == .maxScore || algorithm == .windowedMaxScore
                || (algorithm == .automatic && cs.count >= 2)
            // Windowed MaxScore for the usual disjunction (no filter, no exclusion); `MaxScore` for the rest.
            let windowed = (algorithm == .windowedMaxScore || (algorithm == .automatic && cs.count >= 2))
                && admission.accept == nil && admission.excluded.isEmpty && cs.count <= 64
            if let ws = words(cs) {
                if windowed {
                    try WindowedMaxScore.run(ws, base: q.base, scratch: scratch, top: &top)
                } else if useMaxScore {
                    try MaxScore.run(ws, admission: admission, base: q.base, top: &top)
                } else {
                    try BlockMaxWAND.run(ws, admission: admission, base: q.base, top: &top)
                }
            } else if windowed {
                try WindowedMaxScore.run(cs, base: q.base, scratch: scratch, top: &top)
            } else if useMaxScore {
                try MaxScore.run(cs, admission: admission, base: q.base, top: &top)
            } else {
                try BlockMaxWAND.run(cs, admission: admission, base: q.base, top: &top)
            }
        }
    }

    /// The cursors as `WordCursor`s when every one is (element casts; no bridged array cast).
    static func words(_ cs: [ScoredCursor]) -> [WordCursor]? {
        if cs.isEmpty { return [] }
        var out: [WordCursor] = []
        out.reserveCapacity(cs.count)
        for c in cs {
            guard let w = c as? WordCursor else { return nil }
            out.append(w)
        }
        return out
    }

    // MARK: - Hits

    /// Match info and explanation of one hit: each positive leaf re-opened at the hit's doc.
    private func describe(_ h: inout Hit, plan: QueryPlan, queries: [SegmentQuery], explain: Bool) throws {
        guard let (si, local) = reader.locate(h.doc) else { return }
        let q = queries[si]
        // The leaves that count in the hit's score: matched, inside groups that matched.
        var leaves: [PlanNode] = []
        _ = try Self.contributing(plan.root, q, local, &leaves)
        var fields: [String: Set<String>] = [:]
        var contributions: [TermContribution] = []
        for leaf in leaves {
            var words: [WordCursor] = []
            var text = ""
            switch leaf {
            case .word(let i):
                guard let c = try q.cursor(leaf, expanded: false) as? WordCursor else { continue }
                try c.advance(to: local)
                if c.doc != local { continue }
                words = [c]; text = plan.infos[plan.words[i].info].text
            case .phrase(let i):
                guard let c = try q.cursor(leaf) as? PhraseCursor else { continue }
                try c.advance(to: local)
                if c.doc != local { continue }
                words = c.words; text = plan.infos[plan.phrases[i].info].text
            default: continue
            }
            var score = 0.0
            var detail: [String] = []
            for w in words {
                if explain { score += try w.score() }
                for m in w.matchedTerms() {
                    fields[m.field, default: []].insert(m.term)
                    if explain { detail.append("\(m.field):\(m.term)×\(m.freq)") }
                }
            }
            if explain { contributions.append(TermContribution(clause: text, score: score, detail: detail.joined(separator: " "))) }
        }
        h.matches = MatchInfo(fields: fields.mapValues { $0.sorted() })
        if explain { h.explanation = contributions }
    }

    /// Whether `node` matches local doc `d`; appends the scored leaves that contribute to its score.
    static func contributing(_ node: PlanNode, _ q: SegmentQuery, _ d: Int, _ out: inout [PlanNode]) throws -> Bool {
        switch node {
        case .word, .phrase:
            guard let c = try q.cursor(node, expanded: false) else { return false }
            try c.advance(to: d)
            if c.doc == d { out.append(node); return true }
            return false
        case .filter(let i): return try q.filter(i).contains(d)
        case .all: return q.live().contains(d)
        case .none: return false
        case .bool(let m, let s, let x):
            var mine: [PlanNode] = []
            for n in m where !(try contributing(n, q, d, &mine)) { return false }
            var anyShould = false
            for n in s where try contributing(n, q, d, &mine) { anyShould = true }
            let scoringMust = m.contains { !SegmentQuery.isFilter($0) }
            if !s.isEmpty && !scoringMust && !anyShould { return false }
            var ignored: [PlanNode] = []
            for n in x where try contributing(n, q, d, &ignored) { return false }
            out += mine
            return true
        }
    }

    // MARK: - Facets

    private func addFacets(_ m: DocSet, _ q: SegmentQuery, _ facets: inout [String: [String: Int]]) throws {
        let keys = q.segment.info.keys
        let si = reader.segments.firstIndex { $0 === q.segment } ?? 0
        if years[si] == nil {
            var y = [String?](repeating: nil, count: q.segment.maxDoc)
            var terms: [String] = []
            try q.segment.terms(field: "year") { t, _ in terms.append(t); return true }
            for t in terms {
                try DocSet.postings(q.segment, field: "year", terms: [t]).forEach { y[$0] = t }
            }
            years[si] = y
        }
        let y = years[si]!
        m.forEach { d in
            facets["type", default: [:]][keys[d].type, default: 0] += 1
            facets["lang", default: [:]][keys[d].lang, default: 0] += 1
            if let yr = y[d] { facets["year", default: [:]][yr, default: 0] += 1 }
        }
    }
}
