import KerkoCore
import Storage

/// The analyzed query: the tree of `QueryNode` with every leaf resolved to index terms (`QueryAnalyzer`),
/// ready to be bound to segments as cursors.
///
/// Its properties are not checked for exclusive access at run time (a swift_beginAccess per use, dozens per
/// query): a plan is built by one `QueryAnalyzer.plan` call, then only read by the one search that owns it.
final class QueryPlan {
    @exclusivity(unchecked) var root: PlanNode
    @exclusivity(unchecked) var words: [WordClause] = []
    @exclusivity(unchecked) var phrases: [PhraseClause] = []
    @exclusivity(unchecked) var filters: [FilterClause] = []
    @exclusivity(unchecked) var infos: [ClauseInfo] = []
    @exclusivity(unchecked) var notes: [String] = []
    @exclusivity(unchecked) var expanded: [String] = []
    @exclusivity(unchecked) var languages: [Language] = []
    @exclusivity(unchecked) var mode = SearchRequest.Analysis.full
    /// Query words typed with diacritics, as typed (P5 form): documents holding them exactly rank higher.
    @exclusivity(unchecked) var exactForms: [String] = []

    init(root: PlanNode = .none) { self.root = root }
}

enum PlanNode {
    case word(Int)
    case phrase(Int)
    case filter(Int)
    case bool(must: [PlanNode], should: [PlanNode], mustNot: [PlanNode])
    /// Every live document (a query of only negations or only filters starts from here).
    case all
    /// No document (a clause whose words are all stop words or absent from the index).
    case none
}

/// Where a group of a word's terms is looked up and how their frequencies combine.
struct TermSource {
    enum Kind { case stem, exact }
    var kind: Kind
    var terms: [String]
    /// Alternatives of one token (stems of several languages, a token's stems): the largest frequency
    /// counts (alternatives at one position never count twice). Expansions (prefix, fuzzy): the sum.
    var combineMax: Bool
    /// Multiplier of the source's frequency inside BM25F's pseudo-frequency.
    var weight: Double
}

/// A scored word: BM25F over title and body of its sources' terms (Robertson, Zaragoza & Taylor,
/// "Simple BM25 extension to multiple weighted fields", CIKM 2004).
final class WordClause {
    var info: Int
    var text: String
    var sources: [TermSource]
    var fields: [TextField]
    /// Clause weight (1; the glossary weight for expansions).
    var boost: Double
    /// Set by `Scoring.prepare`.
    var idf: Double = 0
    /// Set by `Scoring.prepare`: segment after segment, each (field, source, term)'s info in that nested order
    /// (nil: absent), so the cursors do not look the terms up again; segment i's start at
    /// `i · termsPerSegment`.
    var termInfos: [TermInfo?] = []
    var termsPerSegment = 0

    init(info: Int, text: String, sources: [TermSource], fields: [TextField], boost: Double) {
        self.info = info; self.text = text; self.sources = sources; self.fields = fields; self.boost = boost
    }

    var allTerms: [(TermSource.Kind, String)] { sources.flatMap { s in s.terms.map { (s.kind, $0) } } }
}

/// A phrase: its positions' `.stem` terms at relative offsets (stop words leave gaps), matched inside one
/// field; scored as the sum of its words' scores.
final class PhraseClause {
    var info: Int
    var text: String
    /// Relative position and the alternatives matched there (`.stem` field terms).
    var positions: [(offset: Int, terms: [String])]
    var slop: Int
    var fields: [TextField]
    var words: [WordClause]

    init(info: Int, text: String, positions: [(offset: Int, terms: [String])], slop: Int, fields: [TextField], words: [WordClause]) {
        self.info = info; self.text = text; self.positions = positions; self.slop = slop; self.fields = fields; self.words = words
    }
}

/// A filter: documents holding any of `terms` in the keyword `field`.
struct FilterClause {
    var info: Int
    var field: String
    var terms: [String]
}
