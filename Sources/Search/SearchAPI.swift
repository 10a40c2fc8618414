import KerkoCore

/// What `kerko search` and the bench worker ask for (`../shared/spec/CLI.md`, `kerko search`).
public struct SearchRequest: Sendable, Hashable {
    /// How query words are analyzed; must match how the index was built (`FieldAnalysis.Mode`).
    public enum Analysis: String, Sendable, Hashable {
        /// The product's analysis: per-language stems in `*.stem`, folded forms in `*.exact`.
        case full
        /// Lowercase + diacritic folding, no stop words, no stems (`kerko-bench --analyzer plain`).
        case plain
    }

    /// The query text (syntax of CLI.md: words, `+must`, `-not`, AND/OR/NOT, `( )`, `"phrase"~N`, `pre*`,
    /// `word~2`, `title:`/`body:`, filters `type:` `lang:` `number:` `date:A..B`).
    public var query: String
    /// Hits returned (after `offset`).
    public var limit: Int = 10
    public var offset: Int = 0
    /// `--lang`: keeps documents of this language and analyzes the query with its chain only.
    public var lang: Language? = nil
    /// `--type`: keeps documents of this type (`DocumentType` raw value, e.g. `draft-law`).
    public var type: String? = nil
    /// `--since` / `--until`: a year (`2012`) or an ISO date (`2012-05-01`), inclusive.
    public var since: String? = nil
    public var until: String? = nil
    /// `--expand`: adds glossary translations of query terms at a lower weight (`SearchResult.expanded`).
    public var expand: Bool = false
    /// `--explain`: fills `Hit.explanation`.
    public var explain: Bool = false
    public var analysis: Analysis = .full
    /// Count every match (`SearchResult.total`). The bench worker's timed path turns this off and calls
    /// `Searcher.count(_:)` separately; then `total` is the number of hits returned.
    public var countTotal: Bool = true
    /// Facet counts over the full match set (`SearchResult.facets`; implies counting).
    public var facets: Bool = true
    /// Fill `Hit.matches` (matched index terms per field, for highlighting).
    public var matchInfo: Bool = true
    /// Query evaluation strategy; `.automatic` picks the fast path. `.reference` is the exhaustive scorer
    /// the fast algorithms are tested against. (`.windowedMaxScore` applies to disjunctions without filter
    /// or exclusion, `.maxScore` otherwise.)
    public var algorithm: Algorithm = .automatic

    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case automatic, reference, maxScore, blockMaxWAND, windowedMaxScore
    }

    public init(query: String, limit: Int = 10, offset: Int = 0, lang: Language? = nil, type: String? = nil,
                since: String? = nil, until: String? = nil, expand: Bool = false, explain: Bool = false,
                analysis: Analysis = .full) {
        self.query = query; self.limit = limit; self.offset = offset; self.lang = lang; self.type = type
        self.since = since; self.until = until; self.expand = expand; self.explain = explain
        self.analysis = analysis
    }
}

/// One matched query clause's share of a hit's score (`--explain`).
public struct TermContribution: Sendable, Hashable, Codable {
    /// The clause as the user typed it (`ligjit`, `"shoqëri civile"`, `arsim*`), with `→ glossary` marks.
    public var clause: String
    /// Score contributed (the hit's score is the sum of its contributions).
    public var score: Double
    /// Term frequency per field as scored (`title`, `body`; stem and exact matches).
    public var detail: String
}

/// Index terms a hit matched, per field (`title.stem`, `title.exact`, `body.stem`, `body.exact`; in plain
/// mode only the `.stem` fields). To highlight, analyze the stored title/text with
/// `SearchResult.languages`' analyzers and mark every token whose `terms` (for a `.stem` field) or `folded`
/// form (for an `.exact` field) is in the set: this covers plain words, stems, prefix and fuzzy expansions
/// and glossary additions. Phrases: `SearchResult.clauses` gives each phrase's per-position term sets.
public struct MatchInfo: Sendable, Hashable, Codable {
    public var fields: [String: [String]]
    public init(fields: [String: [String]] = [:]) { self.fields = fields }
}

/// One ranked document.
public struct Hit: Sendable, Hashable {
    /// Global doc id in the snapshot (`IndexReader.storedBytes(doc:)`, `IndexReader.key(_:)`).
    public var doc: Int
    /// The document's id (its path relative to the ingest root).
    public var id: String
    public var score: Double
    public var explanation: [TermContribution]?
    public var matches: MatchInfo?
}

/// How the query was understood: one entry per leaf clause (word, phrase, prefix, fuzzy, filter), in
/// query order, with the index terms it looks up — for highlighting and for `--explain`.
public struct ClauseInfo: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case word, phrase, prefix, fuzzy, filter }
    public enum Occur: String, Sendable, Codable { case should, must, mustNot }
    public var kind: Kind
    public var occur: Occur
    /// As typed (`ligjit`, `shoqeri civile`, `arsim*`, `type:law`).
    public var text: String
    /// `title`, `body` or nil for both.
    public var field: String?
    /// Folded (P6) form of each word (phrase: one per position).
    public var folded: [String]
    /// Terms looked up in the `.stem` fields: one set per position (a word has one).
    public var stems: [[String]]
    /// Terms looked up in the `.exact` fields (prefix / fuzzy expansions, folded forms).
    public var exact: [[String]]
    /// Weight of the clause (1, or the glossary weight for expansions).
    public var weight: Double
    /// Set when an expansion was capped or a word dropped (stop word, nothing in the index).
    public var note: String?
}

/// The answer to a `SearchRequest`.
public struct SearchResult: Sendable {
    /// Number of matching live documents (exact when `countTotal`/`facets`, else `hits.count`).
    public var total: Int
    public var hits: [Hit]
    /// Glossary terms added by `expand` (as written in the glossary, e.g. `projektligj`, `OJQ`).
    public var expanded: [String]
    /// `type`, `lang`, `year` → value → count over the full match set (empty when `facets` is off).
    public var facets: [String: [String: Int]]
    public var tookMs: Double
    /// The analyzer language(s) the query words went through (one, or sq/en/sr for an unclear language).
    public var languages: [Language]
    public var clauses: [ClauseInfo]
    /// Human-readable notes (an expansion capped at 512 terms, stop words dropped, …).
    public var notes: [String]
}
