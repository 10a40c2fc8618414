import Analysis
import KerkoCore

/// What a query matched, as index terms: a token of a document highlights when one of its indexed terms
/// is among `stems` (the `*.stem` fields: stems, lemmas, and in plain mode the folded forms) or its folded
/// form is among `exact` (the `*.exact` fields). Because the document is re-analyzed with the chain that
/// indexed it, folded (`ceshtje` → `Çështje`), stemmed (`ligjit` → `ligji`), phrase, prefix and fuzzy
/// matches all land on the original characters: Search reports the index terms a prefix or fuzzy term
/// expanded to, and those are exactly the terms the re-analysis produces.
public struct HighlightTerms: Sendable, Hashable {
    /// Terms highlighted wherever they occur (words, prefix and fuzzy expansions, glossary additions).
    public var stems: Set<String>
    public var exact: Set<String>
    /// Exact phrases: their words are highlighted only where they occur as the phrase.
    public var phrases: [Phrase]

    /// One phrase: per content word (stop words left out), the `.stem` terms and `.exact` forms that match it.
    public struct Phrase: Sendable, Hashable {
        public var stems: [Set<String>]
        public var exact: [Set<String>]
        public init(stems: [Set<String>], exact: [Set<String>]) { self.stems = stems; self.exact = exact }

        func matches(_ t: AnalyzedToken, at i: Int) -> Bool {
            if t.isStop { return false }
            if i < exact.count, exact[i].contains(t.folded) { return true }
            return i < stems.count && t.terms.contains { stems[i].contains($0) }
        }
        var count: Int { max(stems.count, exact.count) }
    }

    public init(stems: Set<String> = [], exact: Set<String> = [], phrases: [Phrase] = []) {
        self.stems = stems
        self.exact = exact
        self.phrases = phrases
    }

    public var isEmpty: Bool { stems.isEmpty && exact.isEmpty && phrases.isEmpty }

    /// What to highlight, as token index ranges `first...last`: each token matching a word term on its own,
    /// and each occurrence of a phrase as one range (consecutive content words; stop words and tokens sharing
    /// a position, such as joined compounds, may come between them).
    public func matchedRanges(_ tokens: [AnalyzedToken]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for (i, t) in tokens.enumerated() where matches(t) { out.append(i...i) }
        for p in phrases where p.count > 0 {
            for i in tokens.indices where p.matches(tokens[i], at: 0) {
                var j = i, k = 1
                while k < p.count {
                    var next = j + 1
                    // Skip stop words and extra tokens at the current position.
                    while next < tokens.count, tokens[next].isStop || tokens[next].position <= tokens[j].position { next += 1 }
                    guard next < tokens.count, p.matches(tokens[next], at: k) else { break }
                    j = next; k += 1
                }
                if k == p.count { out.append(i...j) }
            }
        }
        return out.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    /// The key a match counts under when the scorer rewards distinct terms.
    func key(_ tokens: [AnalyzedToken], _ r: ClosedRange<Int>) -> String {
        if r.count == 1 { return key(tokens[r.lowerBound]) }
        return "\u{1}" + r.map { tokens[$0].terms.first ?? tokens[$0].folded }.joined(separator: " ")
    }

    /// True when `token` is a match. Stop words never are (they are not indexed).
    public func matches(_ token: AnalyzedToken) -> Bool {
        if token.isStop { return false }
        if !exact.isEmpty, exact.contains(token.folded) { return true }
        for t in token.terms where stems.contains(t) { return true }
        return false
    }

    /// The key a matched token counts under when the scorer rewards distinct terms.
    func key(_ token: AnalyzedToken) -> String {
        for t in token.terms where stems.contains(t) { return t }
        return token.terms.first ?? token.folded
    }
}

/// A highlighted range of a text, in Unicode scalar offsets (`start ..< end`).
public struct Highlight: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
}

/// The matched tokens of a text: re-analyzes it as the index did (per paragraph language runs in full
/// mode; one language-free run in plain mode) and keeps the tokens that match.
public struct TextMatcher {
    /// Plain mode: one `und` analyzer over the whole text (`FieldAnalysis.Mode.plain`).
    public var plain: Bool
    private var analyzers: [Language: Analyzer] = [:]

    public init(plain: Bool = false) { self.plain = plain }

    mutating func analyzer(_ lang: Language) throws -> Analyzer {
        if let a = analyzers[lang] { return a }
        let a = try Analyzer(language: lang, field: .body)
        analyzers[lang] = a
        return a
    }

    /// Tokens of `text` with offsets relative to `text`, analyzed per language run as `FieldAnalysis` does
    /// for a body (`language` is the document's language, used for paragraphs of undetermined language).
    public mutating func tokens(_ text: String, language: Language) throws -> [AnalyzedToken] {
        if text.isEmpty { return [] }
        if plain { return try analyzer(.und).analyze(text) }
        let scalars = Array(text.unicodeScalars)
        var runs: [(start: Int, end: Int, lang: Language)] = []
        for p in LanguageIdentifier.paragraphs(text) {
            let l = p.lang == .und ? language : p.lang
            if let last = runs.last, last.lang == l { runs[runs.count - 1].end = p.end } else { runs.append((p.start, p.end, l)) }
        }
        var out: [AnalyzedToken] = []
        for run in runs where run.end > run.start {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[run.start..<min(run.end, scalars.count)])
            for var t in try analyzer(run.lang).analyze(String(s)) {
                t.start += run.start
                t.end += run.start
                out.append(t)
            }
        }
        return out
    }

    /// Tokens of a title (one analyzer of the document's language, or `und` in plain mode).
    public mutating func titleTokens(_ title: String, language: Language) throws -> [AnalyzedToken] {
        try analyzer(plain ? .und : language).analyze(title)
    }

    /// Highlights of a short text (a title): every matching token's range, merged where they overlap.
    public mutating func highlights(title: String, language: Language, terms: HighlightTerms) throws -> [Highlight] {
        let tokens = try titleTokens(title, language: language)
        return Highlights.merge(terms.matchedRanges(tokens).map { Highlight(start: tokens[$0.lowerBound].start, end: tokens[$0.upperBound].end) })
    }
}

enum Highlights {
    /// Sorted, overlapping or touching ranges merged (a joined compound covers its parts).
    static func merge(_ ranges: [Highlight]) -> [Highlight] {
        var out: [Highlight] = []
        for r in ranges.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = out.last, r.start <= last.end {
                out[out.count - 1].end = max(last.end, r.end)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
