import KerkoCore

/// P7 stop-word lists (ANALYSIS.md §3), already in folded (P6) form:
/// `sq.kosovo-search.txt` (209 words), `en.lucene.txt` (Lucene EnglishAnalyzer's 33),
/// `sr.spacy.latin-folded.txt` (spaCy's Serbian list folded to Latin ASCII). Numbers are never stop words.
public enum StopWords {
    private static let sq = Result { try load("sq.kosovo-search.txt") }
    private static let en = Result { try load("en.lucene.txt") }
    private static let sr = Result { try load("sr.spacy.latin-folded.txt") }

    private static func load(_ name: String) throws -> Set<String> {
        Set(try AnalysisResources.lines(name).map(String.init))
    }

    /// The folded stop words of `language` (empty for `und`).
    public static func set(for language: Language) throws -> Set<String> {
        switch language {
        case .sq: return try sq.get()
        case .en: return try en.get()
        case .sr: return try sr.get()
        case .und: return []
        }
    }
}
