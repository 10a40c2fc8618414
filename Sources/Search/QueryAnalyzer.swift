import Analysis
import KerkoCore
import Storage

/// Resolves a parsed query to index terms (`QueryPlan`): query words go through the same analyzers as
/// documents (ANALYSIS.md §0: P2–P8 with the query's language — identified on ≥ 2 words, else sq, en and
/// sr OR-ed as alternatives of one position), prefix and fuzzy words are expanded over the term dictionary,
/// filters become keyword terms, and `--expand` adds glossary translations (§7) at a lower weight.
/// Not thread-safe (analyzers are not); `Searcher` serialises access.
final class QueryAnalyzer {
    let reader: IndexReader
    // Not checked for exclusive access at run time (a swift_beginAccess per use, ~20 per query): the
    // analyzer's state is only touched by its own methods, never re-entrantly, one query at a time
    // (`Searcher` serialises).
    @exclusivity(unchecked) private var analyzers: [Language: Analyzer] = [:]
    private let folder: Folder
    private var glossary: Glossary?
    static let prefixCap = 512
    static let fuzzyCap = 64
    /// Weight of an exact (folded, unstemmed) match relative to a stem match inside BM25F's pseudo-tf.
    static let exactWeight = 0.5
    /// Weight of glossary expansions.
    static let expansionWeight = 0.5

    init(reader: IndexReader) throws {
        self.reader = reader
        folder = try Folder()
    }

    func analyzer(_ l: Language) throws -> Analyzer {
        if let a = analyzers[l] { return a }
        let a = try Analyzer(language: l, field: .body)
        analyzers[l] = a
        return a
    }

    // MARK: - Plan

    @exclusivity(unchecked) private var plan = QueryPlan()
    @exclusivity(unchecked) private var mode = SearchRequest.Analysis.full
    @exclusivity(unchecked) private var langs: [Language] = []
    /// Plain mode's languages (shared: no array per query).
    private static let undOnly: [Language] = [.und]

    func plan(_ node: QueryNode, _ r: SearchRequest) throws -> QueryPlan {
        plan = QueryPlan()
        plan.infos.reserveCapacity(4); plan.words.reserveCapacity(4)
        mode = r.analysis
        plan.mode = mode
        if mode == .plain {
            langs = Self.undOnly
        } else if let l = r.lang, l != .und {
            langs = [l]
        } else {
            var words: [String] = []
            Self.collectText(node, &words)
            let text = words.joined(separator: " ")
            let n = text.split(whereSeparator: { $0 == " " }).count
            let id = n >= 2 ? LanguageIdentifier.identify(text) : .und
            langs = id == .und ? Language.analyzed : [id]
        }
        plan.languages = langs
        var root = try resolve(node, occur: .should)
        if r.expand && mode == .full {
            let extra = try expansions(node)
            if !extra.isEmpty {
                switch root {
                case .bool(let m, let s, let n): root = .bool(must: m, should: s + extra, mustNot: n)
                case .none: root = .bool(must: [], should: extra, mustNot: [])
                default: root = .bool(must: [], should: [root] + extra, mustNot: [])
                }
            }
        }
        // Request filters (--lang, --type, --since/--until) are required clauses.
        var required: [PlanNode] = []
        if let l = r.lang { required.append(filter("lang", [l.rawValue], text: "--lang \(l.rawValue)", occur: .must)) }
        if let t = r.type { required.append(filter("type", [t.lowercased()], text: "--type \(t)", occur: .must)) }
        if r.since != nil || r.until != nil {
            func bound(_ v: String?, _ upper: Bool, _ flag: String) throws -> String? {
                guard let v else { return nil }
                do { return try QueryParser.dateBound(v, upper: upper) } catch let e as QuerySyntaxError {
                    throw SearchRequestError(message: "\(flag): \(e.message)")
                }
            }
            let lo = try bound(r.since, false, "--since"), hi = try bound(r.until, true, "--until")
            required.append(try dateFilter(lo, hi, text: "--since/--until", occur: .must))
        }
        if !required.isEmpty {
            switch root {
            case .bool(let m, let s, let n):
                root = .bool(must: m + required, should: s, mustNot: n)
            default:
                root = .bool(must: [root] + required, should: [], mustNot: [])
            }
        }
        plan.root = simplify(root)
        return plan
    }

    static func collectText(_ n: QueryNode, _ out: inout [String]) {
        switch n {
        case .word(let w): if w.kind == .plain { out.append(w.text) }
        case .phrase(let p): out.append(p.text)
        case .filter: break
        case .bool(let m, let s, _): for c in m + s { collectText(c, &out) }
        }
    }

    /// Removes `.none` children and collapses trivial nodes.
    func simplify(_ n: PlanNode) -> PlanNode {
        guard case .bool(let m0, let s0, let x0) = n else { return n }
        // Leaves only (words, phrases, filters): nothing to remove or collapse but a single clause.
        @inline(__always) func leaf(_ c: PlanNode) -> Bool {
            switch c { case .word, .phrase, .filter: return true; default: return false }
        }
        if m0.allSatisfy(leaf) && s0.allSatisfy(leaf) && x0.allSatisfy(leaf) && !(m0.isEmpty && s0.isEmpty) {
            if x0.isEmpty && m0.count + s0.count == 1 { return m0.first ?? s0[0] }
            return n
        }
        let m = m0.map(simplify), s = s0.map(simplify).filter { if case .none = $0 { return false }; return true }
        let x = x0.map(simplify).filter { if case .none = $0 { return false }; return true }
        if m.contains(where: { if case .none = $0 { return true }; return false }) { return .none }
        let must = m.filter { if case .all = $0 { return false }; return true }
        if must.isEmpty && s.isEmpty {
            if x.isEmpty { return m.isEmpty ? .none : .all }
            return .bool(must: [.all], should: [], mustNot: x)
        }
        if x.isEmpty && must.count + s.count == 1 { return (must + s)[0] }
        return .bool(must: must, should: s, mustNot: x)
    }

    private func resolve(_ n: QueryNode, occur: ClauseInfo.Occur) throws -> PlanNode {
        switch n {
        case .word(let w): return try word(w, occur: occur)
        case .phrase(let p): return try phrase(p, occur: occur)
        case .filter(let f):
            switch f.kind {
            case .type(let v): return filter("type", [v], text: f.text, occur: occur)
            case .lang(let v): return filter("lang", [v], text: f.text, occur: occur)
            case .number(let v): return filter("number", [v], text: f.text, occur: occur)
            case .date(let a, let b): return try dateFilter(a, b, text: f.text, occur: occur)
            }
        case .bool(let m, let s, let x):
            return .bool(must: try m.map { try resolve($0, occur: .must) },
                         should: try s.map { try resolve($0, occur: occur == .mustNot ? .mustNot : .should) },
                         mustNot: try x.map { try resolve($0, occur: .mustNot) })
        }
    }

    /// Appends a clause's description (moved in, not copied); its index.
    private func addInfo(_ i: consuming ClauseInfo) -> Int { plan.infos.append(i); return plan.infos.count - 1 }

    private static let both: [TextField] = [.title, .body], titleOnly: [TextField] = [.title], bodyOnly: [TextField] = [.body]
    /// The fields a clause searches (shared arrays: no allocation per word).
    private func fields(_ f: TextField?) -> [TextField] {
        switch f { case nil: return Self.both; case .title?: return Self.titleOnly; case .body?: return Self.bodyOnly }
    }

    func filter(_ field: String, _ terms: [String], text: String, occur: ClauseInfo.Occur) -> PlanNode {
        let info = addInfo(ClauseInfo(kind: .filter, occur: occur, text: text, field: field, folded: [], stems: [],
                                      exact: [terms], weight: 0, note: nil))
        plan.filters.append(FilterClause(info: info, field: field, terms: terms))
        return .filter(plan.filters.count - 1)
    }

    func dateFilter(_ lo: String?, _ hi: String?, text: String, occur: ClauseInfo.Occur) throws -> PlanNode {
        let terms = try reader.terms(field: "date", from: lo ?? "", through: hi ?? "\u{10FFFF}")
        return filter("date", terms, text: text, occur: occur)
    }

    // MARK: - Words

    /// One analyzed position of a lexeme: its folded form, the union of its terms over the analyzers, and
    /// whether a stop word (in any analyzed language).
    struct Position {
        var folded: String
        var terms: [String]
        var isStop: Bool
        var offset: Int
        /// UTF-16 offset of the token's first character in the text (orders tokens as scalar offsets do).
        var start: Int
        /// P5 form (case-folded, diacritics kept), for the exact-form bonus.
        var normalized: String = ""
    }

    /// Analyzes a lexeme (one space-free word of the query, or a phrase's text) with every query
    /// language; positions merged across analyzers. A keyword (act number) or joined hyphen compound
    /// (`projekt-ligji` → `projektligji`) replaces the parts it covers.
    func analyzeText(_ text: String, languages: [Language]? = nil, isPhrase: Bool) throws -> [Position] {
        // The first language's positions go into a buffer reused between calls (a query analyzes a few
        // words; the buffer is uniquely referenced again once the previous caller dropped its result).
        var merged = positionBuffer
        positionBuffer = []
        merged.removeAll(keepingCapacity: true)
        for (li, l) in (languages ?? langs).enumerated() {
            if li == 0 { try positions(text, l, into: &merged); continue }
            var out: [Position] = []
            try positions(text, l, into: &out)
            if out.count != merged.count { continue }   // tokenizations agree in practice (root UAX #29 rules)
            for i in out.indices {
                for t in out[i].terms where !merged[i].terms.contains(t) { merged[i].terms.append(t) }
                merged[i].isStop = merged[i].isStop || out[i].isStop
            }
        }
        positionBuffer = merged
        return merged
    }

    @exclusivity(unchecked) private var positionBuffer: [Position] = []

    /// The positions of `text` in language `l`: `analyze(text)`'s tokens without their texts and offsets
    /// (only `start` is compared), keywords and joined compounds replacing the parts they cover.
    private func positions(_ text: String, _ l: Language, into out: inout [Position]) throws {
        try analyzer(l).forEachQueryToken(text) { t in
            if t.kind == .keyword || t.kind == .joined {
                // Replace the parts the extra token covers.
                out.removeAll { $0.start >= t.utf16Start }
                out.append(Position(folded: t.folded, terms: t.terms, isStop: false, offset: t.position, start: t.utf16Start))
            } else {
                out.append(Position(folded: t.folded, terms: t.terms, isStop: t.isStop, offset: t.position,
                                    start: t.utf16Start, normalized: t.normalized))
            }
        }
    }

    /// Words typed with diacritics (`Kosovë`, `çështje`): their P5 forms, for `ExactFormBonus`.
    private func noteDiacritics(_ ps: [Position], occur: ClauseInfo.Occur) {
        guard mode == .full, occur != .mustNot else { return }
        for p in ps where !p.normalized.isEmpty && p.normalized != p.folded && !plan.exactForms.contains(p.normalized) {
            plan.exactForms.append(p.normalized)
        }
    }

    private func textFieldName(_ f: TextField, _ k: TermSource.Kind) -> String {
        "\(f.rawValue).\(k == .stem || mode == .plain ? "stem" : "exact")"
    }

    private func wordClause(info: Int, text: String, position p: Position, fields fs: [TextField], boost: Double,
                            foldedOnly: [String]? = nil) -> WordClause {
        let stem = TermSource(kind: .stem, terms: mode == .plain ? foldedOnly ?? [p.folded] : p.terms, combineMax: true, weight: 1)
        // Full mode: the exact source too, built in one array literal (no regrowth on append), its terms
        // the clause's folded array when the caller has one.
        let sources = mode == .full && !p.folded.isEmpty
            ? [stem, TermSource(kind: .exact, terms: foldedOnly ?? [p.folded], combineMax: true, weight: Self.exactWeight)]
            : [stem]
        return WordClause(info: info, text: text, sources: sources, fields: fs, boost: boost)
    }

    private func word(_ w: QueryWord, occur: ClauseInfo.Occur) throws -> PlanNode {
        let fs = fields(w.field)
        switch w.kind {
        case .prefix:
            let folded = try folder.fold(w.text)
            guard !folded.isEmpty else { return .none }
            let (terms, capped, total) = try expandPrefix(folded, fields: fs)
            var note: String? = nil
            if capped { note = "'\(w.text)*' matches \(total) terms; the \(Self.prefixCap) most frequent were used" }
            if terms.isEmpty { note = "'\(w.text)*' matches no term" }
            if let note { plan.notes.append(note) }
            let info = addInfo(ClauseInfo(kind: .prefix, occur: occur, text: w.text + "*", field: w.field?.rawValue,
                                          folded: [folded], stems: [], exact: [terms], weight: 1, note: note))
            if terms.isEmpty { return .none }
            let src = TermSource(kind: .exact, terms: terms, combineMax: false, weight: 1 + (mode == .full ? Self.exactWeight : 0))
            plan.words.append(WordClause(info: info, text: w.text + "*", sources: [src], fields: fs, boost: 1))
            return .word(plan.words.count - 1)
        case .fuzzy(let d):
            let folded = try folder.fold(w.text)
            guard !folded.isEmpty else { return .none }
            let found = try expandFuzzy(folded, distance: d, fields: fs)
            let exact = found.filter { $0.distance == 0 }.map(\.term)
            let near = found.filter { $0.distance > 0 }.map(\.term)
            var note: String? = nil
            if found.isEmpty { note = "'\(w.text)~\(d)' matches no term" } else if found.count >= Self.fuzzyCap {
                note = "'\(w.text)~\(d)' matches many terms; the \(Self.fuzzyCap) closest were used"
            }
            if let note { plan.notes.append(note) }
            let info = addInfo(ClauseInfo(kind: .fuzzy, occur: occur, text: "\(w.text)~\(d)", field: w.field?.rawValue,
                                          folded: [folded], stems: [], exact: [exact + near], weight: 1, note: note))
            if found.isEmpty { return .none }
            let full = 1 + (mode == .full ? Self.exactWeight : 0)
            var sources: [TermSource] = []
            if !exact.isEmpty { sources.append(TermSource(kind: .exact, terms: exact, combineMax: false, weight: full)) }
            if !near.isEmpty { sources.append(TermSource(kind: .exact, terms: near, combineMax: false, weight: full * 0.7)) }
            plan.words.append(WordClause(info: info, text: "\(w.text)~\(d)", sources: sources, fields: fs, boost: 1))
            return .word(plan.words.count - 1)
        case .plain:
            let ps = try analyzeText(w.text, isPhrase: false)
            let content = ps.count == 1 && !ps[0].isStop && !ps[0].terms.isEmpty ? ps : ps.filter { !$0.isStop && !$0.terms.isEmpty }
            if content.isEmpty {
                let note = ps.isEmpty ? "'\(w.text)' has no searchable characters" : "stop word '\(w.text)' ignored"
                plan.notes.append(note)
                _ = addInfo(ClauseInfo(kind: .word, occur: occur, text: w.text, field: w.field?.rawValue,
                                       folded: ps.map(\.folded), stems: [], exact: [], weight: 1, note: note))
                return .none
            }
            if content.count > 1 {
                // A word the tokenizer splits (e-mail, 5.1.2): its parts as a phrase.
                return try phrase(QueryPhrase(text: w.text, slop: 0, field: w.field, offset: w.offset), occur: occur, kind: .word)
            }
            let p = content[0]
            noteDiacritics(content, occur: occur)
            let folded = [p.folded]   // one array for the clause's description and its plain-mode terms
            let info = addInfo(ClauseInfo(kind: .word, occur: occur, text: w.text, field: w.field?.rawValue,
                                          folded: folded, stems: [mode == .plain ? folded : p.terms],
                                          exact: mode == .plain ? [] : [folded], weight: 1, note: nil))
            plan.words.append(wordClause(info: info, text: w.text, position: p, fields: fs, boost: 1, foldedOnly: folded))
            return .word(plan.words.count - 1)
        }
    }

    private func phrase(_ q: QueryPhrase, occur: ClauseInfo.Occur, kind: ClauseInfo.Kind = .phrase,
                        languages: [Language]? = nil, boost: Double = 1) throws -> PlanNode {
        let ps = try analyzeText(q.text, languages: languages, isPhrase: true)
        // Without stop words (most phrases have none: the positions themselves, no filtered copy).
        let content = ps.allSatisfy { !$0.isStop && !$0.terms.isEmpty } ? ps : ps.filter { !$0.isStop && !$0.terms.isEmpty }
        let fs = fields(q.field)
        if content.isEmpty {
            plan.notes.append("phrase \"\(q.text)\" has only stop words")
            return .none
        }
        if boost == 1 { noteDiacritics(content, occur: occur) }
        // Each position's folded form as a one-term array, shared by the description, the word's sources
        // and (plain mode) the phrase's position: one array per position, not three.
        let foldedTerms = content.map { [$0.folded] }
        let info = addInfo(ClauseInfo(kind: kind, occur: occur, text: kind == .phrase ? "\"\(q.text)\"" + (q.slop > 0 ? "~\(q.slop)" : "") : q.text,
                                      field: q.field?.rawValue, folded: content.map(\.folded),
                                      stems: mode == .plain ? foldedTerms : content.map(\.terms),
                                      exact: mode == .plain ? [] : foldedTerms, weight: boost, note: nil))
        let words = content.indices.map {
            wordClause(info: info, text: content[$0].folded, position: content[$0], fields: fs, boost: boost, foldedOnly: foldedTerms[$0])
        }
        if content.count == 1 {
            plan.words.append(words[0])
            return .word(plan.words.count - 1)
        }
        let base = content[0].offset
        let positions = content.indices.map { (offset: content[$0].offset - base, terms: mode == .plain ? foldedTerms[$0] : content[$0].terms) }
        plan.phrases.append(PhraseClause(info: info, text: q.text, positions: positions, slop: q.slop, fields: fs, words: words))
        return .phrase(plan.phrases.count - 1)
    }

    // MARK: - Expansions

    /// Terms of the `.exact` fields (`.stem` in plain mode) starting with `prefix`: the `prefixCap` with
    /// the highest document frequency.
    func expandPrefix(_ prefix: String, fields fs: [TextField]) throws -> (terms: [String], capped: Bool, total: Int) {
        var df: [String: Int] = [:]
        for f in fs {
            let name = textFieldName(f, .exact)
            for s in reader.segments {
                try s.terms(field: name, prefix: prefix) { t, info in df[t, default: 0] += info.docFreq; return true }
            }
        }
        var all = df.map { ($0.key, $0.value) }
        let total = all.count
        if total > Self.prefixCap {
            all.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            all = Array(all.prefix(Self.prefixCap))
        }
        return (all.map(\.0).sorted(), total > Self.prefixCap, total)
    }

    /// Terms within Levenshtein distance `distance` of `word` (`FuzzyExpansion`).
    func expandFuzzy(_ word: String, distance: Int, fields fs: [TextField]) throws -> [(term: String, distance: Int)] {
        var best: [String: (Int, Int)] = [:]   // term → (distance, df)
        for f in fs {
            let name = textFieldName(f, .exact)
            for s in reader.segments {
                var matcher = FuzzyExpansion(word, maxDistance: distance)
                try s.terms(field: name) { t, info in
                    if let d = matcher.distance(to: t) {
                        let old = best[t]
                        best[t] = (d, (old?.1 ?? 0) + info.docFreq)
                    }
                    return true
                }
            }
        }
        var all = best.map { (term: $0.key, distance: $0.value.0, df: $0.value.1) }
        all.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.df != $1.df ? $0.df > $1.df : $0.term < $1.term }
        return all.prefix(Self.fuzzyCap).map { ($0.term, $0.distance) }
    }

    /// Glossary translations (ANALYSIS.md §7) of the query's positive plain words and their 2- and
    /// 3-word runs, as should-clauses of weight `expansionWeight`, each analyzed with its own language.
    private func expansions(_ node: QueryNode) throws -> [PlanNode] {
        if glossary == nil { glossary = try Glossary.load() }
        guard let glossary else { return [] }
        var words: [String] = []
        func collect(_ n: QueryNode) {
            switch n {
            case .word(let w): if w.kind == .plain { words.append(w.text) }
            case .phrase(let p): words += p.text.split(separator: " ").map(String.init)
            case .filter: break
            case .bool(let m, let s, _): for c in m + s { collect(c) }
            }
        }
        collect(node)
        var keys: [(key: String, alts: [String])] = []
        for w in words {
            let ps = try analyzeText(w, isPhrase: false)
            guard let p = ps.first(where: { !$0.isStop }) ?? ps.first else { keys.append(("", [])); continue }
            // English plurals the stemmer keeps (`NGOs` → `ngos`): also try the singular.
            var alts = [p.folded] + p.terms
            if p.folded.count > 3 && p.folded.hasSuffix("s") { alts.append(String(p.folded.dropLast())) }
            keys.append((p.folded, alts))
        }
        var concepts: [Glossary.Concept] = []
        var matchedKeys = Set<String>()
        var i = 0
        while i < keys.count {
            var advanced = false
            for n in stride(from: min(3, keys.count - i), through: 1, by: -1) {
                let run = keys[i..<(i + n)]
                let candidates = n == 1 ? run.first!.alts : [run.map(\.key).joined(separator: " ")]
                var found: [Glossary.Concept] = []
                for c in candidates where !c.isEmpty {
                    found = glossary.concepts(folded: c)
                    if !found.isEmpty { matchedKeys.insert(run.map(\.key).joined(separator: " ")); break }
                }
                if !found.isEmpty {
                    for c in found where !concepts.contains(c) { concepts.append(c) }
                    i += n; advanced = true; break
                }
            }
            if !advanced { i += 1 }
        }
        var out: [PlanNode] = []
        var seen = Set<String>(), seenAnalyzed = Set<String>()
        for c in concepts {
            for l in Language.analyzed {
                for term in c.terms(l) {
                    let key = (try? folder.fold(term)) ?? term
                    if matchedKeys.contains(key) || !seen.insert(key).inserted { continue }
                    let node = try phrase(QueryPhrase(text: term, slop: 0, field: nil, offset: 0), occur: .should,
                                          kind: .word, languages: [l], boost: Self.expansionWeight)
                    if case .none = node { continue }
                    // `projekt-ligj` and `projektligj` analyze to the same term: keep one clause.
                    let analyzed = plan.infos[plan.infos.count - 1].stems.map { $0.joined(separator: "|") }.joined(separator: " ")
                    if !seenAnalyzed.insert(analyzed).inserted {
                        plan.infos.removeLast()
                        switch node {
                        case .word: plan.words.removeLast()
                        case .phrase: plan.phrases.removeLast()
                        default: break
                        }
                        continue
                    }
                    plan.infos[plan.infos.count - 1].text = "\(term) (glossary)"
                    plan.expanded.append(term)
                    out.append(node)
                }
            }
        }
        return out
    }
}
