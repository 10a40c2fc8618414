import KerkoCore

/// What an analyzer produces for one indexed position of a text (ANALYSIS.md §0, P2–P8).
///
/// Positions: every word or number of the text gets its own position, in text order. A keyword token
/// (P2 act number, `06/l-082`) and a joined hyphen compound (P4, `projektligji`) are extra tokens that
/// **share the position of the last word they cover** (`082`, `ligji`), like a Lucene synonym: a phrase
/// that continues after the act number or compound still matches, and the parts stay searchable.
/// Extra tokens are emitted right after the last token they cover, so positions never decrease.
public struct AnalyzedToken: Sendable, Equatable, Codable {
    /// What the token is.
    public enum Kind: String, Sendable, Codable {
        /// A letter word (ICU rule status 200–299, or 300+ kana/ideographs).
        case word
        /// A number (ICU rule status 100–199): never a stop word, never stemmed.
        case number
        /// A P2 special token kept whole: a Kosovo act number (`04/l-057`, `ua-03/2015`).
        case keyword
        /// A P4 joined hyphen compound (`projekt-ligji` → `projektligji`).
        case joined
    }

    /// The original characters of the input text that this token covers.
    public var text: String
    /// Offset of the first character, in Unicode scalars of the input text (the CLI contract).
    public var start: Int
    /// Offset one past the last character, in Unicode scalars of the input text.
    public var end: Int
    /// The same range in UTF-16 code units of the input text (for callers that work on UTF-16).
    public var utf16Start: Int
    public var utf16End: Int
    /// The P5 form (NFKC_Casefold; keeps ë/ç), after the P4 fixes (elision dropped, dots removed).
    public var normalized: String
    /// The P6 form (diacritics and Cyrillic folded): what `text.exact` indexes.
    public var folded: String
    /// Every term indexed at this position (P8), primary first. Reported for stop words too.
    public var terms: [String]
    /// True if the P7 stop-word list of the analyzer's language contains `folded`.
    public var isStop: Bool
    public var kind: Kind
    /// The token position (for phrase queries); see the type's documentation for shared positions.
    public var position: Int

    /// The primary indexed term.
    public var term: String { terms.first ?? folded }

    public init(text: String, start: Int, end: Int, utf16Start: Int, utf16End: Int, normalized: String,
                folded: String, terms: [String], isStop: Bool, kind: Kind, position: Int) {
        self.text = text; self.start = start; self.end = end
        self.utf16Start = utf16Start; self.utf16End = utf16End
        self.normalized = normalized; self.folded = folded; self.terms = terms
        self.isStop = isStop; self.kind = kind; self.position = position
    }
}

/// The field a chain is built for. Both fields use the same chain for now; building it per field keeps the
/// index and query sides of each field in agreement if they ever diverge.
public enum Field: String, Sendable, CaseIterable, Codable {
    case title, body
}
