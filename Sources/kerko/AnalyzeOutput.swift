import Analysis
import KerkoCore

/// `kerko analyze --json`: `{"lang":L,"tokens":[{"text","start","end","folded","term","terms","stop"}]}`
/// (../shared/spec/CLI.md), extended with each token's `normalized` form, `kind` and `position`, and
/// `paragraphs` with --paragraphs.
struct AnalyzeJSON: Encodable {
    struct Token: Encodable {
        var text: String
        var start: Int
        var end: Int
        var normalized: String
        var folded: String
        var term: String
        var terms: [String]
        var stop: Bool
        var kind: String
        var position: Int
    }
    struct Paragraph: Encodable {
        var start: Int
        var end: Int
        var lang: String
    }
    var lang: String
    var tokens: [Token]
    var paragraphs: [Paragraph]?

    init(_ r: TextAnalysisResult, paragraphs withParagraphs: Bool) {
        lang = r.lang.rawValue
        tokens = r.tokens.map {
            Token(text: $0.text, start: $0.start, end: $0.end, normalized: $0.normalized, folded: $0.folded,
                  term: $0.term, terms: $0.terms, stop: $0.isStop, kind: $0.kind.rawValue, position: $0.position)
        }
        paragraphs = withParagraphs ? r.paragraphs.map { Paragraph(start: $0.start, end: $0.end, lang: $0.lang.rawValue) } : nil
    }
}

/// Human output of `kerko analyze`: one aligned row per token.
enum AnalyzeTable {
    static func render(_ r: TextAnalysisResult, text: String, paragraphs: Bool) -> String {
        var rows: [[String]] = [["start", "end", "text", "folded", "terms", "stop"]]
        for t in r.tokens {
            rows.append(["\(t.start)", "\(t.end)", t.text, t.folded, t.terms.joined(separator: " / "), t.isStop ? "stop" : ""])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = "language: \(r.lang.rawValue)\n"
        if paragraphs {
            for p in r.paragraphs { out += "paragraph [\(p.start), \(p.end)): \(p.lang.rawValue)\n" }
        }
        for row in rows {
            let line = row.enumerated().map { i, c in
                i == row.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count)
            }.joined(separator: "  ")
            out += line.trimmingSuffixSpaces() + "\n"
        }
        if r.tokens.isEmpty { out += "(no tokens)\n" }
        return String(out.dropLast())
    }
}

private extension String {
    func trimmingSuffixSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
