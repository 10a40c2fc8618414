import Analysis
import KerkoCore
import Search

extension HighlightTerms {
    /// The index terms a hit matched in one text field (`title` or `body`): its `.stem` and `.exact` terms.
    public init(_ match: MatchInfo?, field: String) {
        self.init(stems: Set(match?.fields[field + ".stem"] ?? []), exact: Set(match?.fields[field + ".exact"] ?? []))
    }

    /// As `init(_:field:)`, with exact phrases (`"a b"`, no `~N`) of the query highlighted only where they
    /// occur as phrases: a term that only a phrase looks up is not highlighted on its own.
    public init(_ match: MatchInfo?, field: String, clauses: [ClauseInfo]) {
        self.init(match, field: field)
        var phraseTerms = Set<String>(), otherTerms = Set<String>()
        for c in clauses where c.occur != .mustNot && c.kind != .filter && (c.field == nil || c.field == field) {
            let n = max(c.stems.count, c.exact.count)
            let isExactPhrase = n > 1 && !c.text.contains("\"~")
            if isExactPhrase {
                let p = Phrase(stems: c.stems.map { Set($0) }, exact: c.exact.map { Set($0) })
                // Only phrases whose words this hit matched in this field.
                let all = p.stems.reduce(Set<String>(), { $0.union($1) }).union(p.exact.reduce(Set<String>(), { $0.union($1) }))
                if !all.isDisjoint(with: stems.union(exact)) { phrases.append(p) }
                phraseTerms.formUnion(all)
            } else {
                for s in c.stems { otherTerms.formUnion(s) }
                for e in c.exact { otherTerms.formUnion(e) }
            }
        }
        let phraseOnly = phraseTerms.subtracting(otherTerms)
        stems.subtract(phraseOnly)
        exact.subtract(phraseOnly)
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
    /// `clauses`: `SearchResult.clauses`, so that exact phrases highlight only where they occur as phrases.
    public mutating func highlight(_ hit: Hit, clauses: [ClauseInfo] = [], title: String, text: String, language: Language) throws
        -> (snippet: Snippet, title: [Highlight]) {
        let body = HighlightTerms(hit.matches, field: "body", clauses: clauses)
        let t = HighlightTerms(hit.matches, field: "title", clauses: clauses)
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
