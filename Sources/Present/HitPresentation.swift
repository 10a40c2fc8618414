import Analysis
import KerkoCore
import Search

extension HighlightTerms {
    /// The index terms a hit matched in one text field (`title` or `body`): its `.stem` and `.exact` terms.
    public init(_ match: MatchInfo?, field: String) {
        self.init(stems: Set(match?.fields[field + ".stem"] ?? []), exact: Set(match?.fields[field + ".exact"] ?? []))
    }
}

/// A hit's snippet and title highlights, from the document's stored title and text.
public struct HitHighlighter {
    private var snippets: DocumentSnippets

    /// `plain`: the index was built with plain analysis (`kerko-bench --analyzer plain`).
    public init(plain: Bool = false, maker: SnippetMaker = SnippetMaker()) {
        snippets = DocumentSnippets(plain: plain, maker: maker)
    }

    /// `language`: the language the document was indexed under (`DocumentKey.lang`).
    public mutating func highlight(_ hit: Hit, title: String, text: String, language: Language) throws
        -> (snippet: Snippet, title: [Highlight]) {
        let body = HighlightTerms(hit.matches, field: "body")
        let t = HighlightTerms(hit.matches, field: "title")
        let snippet = try snippets.snippet(text: text, language: language, terms: body)
        return (snippet, try snippets.titleHighlights(title, language: language, terms: t))
    }
}

/// `--explain` lines: each matched clause's contribution, largest first.
public enum Explanation {
    public static func lines(_ contributions: [TermContribution]) -> [String] {
        contributions.sorted { $0.score > $1.score }.map { c in
            let score = (c.score * 1000).rounded() / 1000
            return "+\(score)  \(c.clause)" + (c.detail.isEmpty ? "" : "  (\(c.detail))")
        }
    }
}
