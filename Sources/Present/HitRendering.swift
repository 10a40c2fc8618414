#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How matches are marked in human output: ANSI bold on a terminal, `«»` otherwise (CLI.md).
public enum HighlightStyle: Sendable {
    case ansiBold
    case guillemets
    case none

    /// Bold when standard output is a terminal (and `NO_COLOR` is not set), else `«»`.
    public static func forStandardOutput(environment: [String: String]) -> HighlightStyle {
        if isatty(1) != 0, environment["NO_COLOR"] == nil, environment["TERM"] != "dumb" { return .ansiBold }
        return .guillemets
    }

    var open: String {
        switch self { case .ansiBold: return "\u{1B}[1m"; case .guillemets: return "«"; case .none: return "" }
    }
    var close: String {
        switch self { case .ansiBold: return "\u{1B}[0m"; case .guillemets: return "»"; case .none: return "" }
    }

    /// `text` with each highlight (scalar offsets) wrapped in the style's marks.
    public func apply(_ text: String, _ highlights: [Highlight]) -> String {
        if highlights.isEmpty || self == .none { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        for h in highlights.sorted(by: { $0.start < $1.start }) {
            let a = min(max(h.start, i), s.count), b = min(max(h.end, a), s.count)
            out.append(contentsOf: s[i..<a])
            out.append(contentsOf: open.unicodeScalars)
            out.append(contentsOf: s[a..<b])
            out.append(contentsOf: close.unicodeScalars)
            i = b
        }
        out.append(contentsOf: s[i...])
        return String(out)
    }

    /// Dim text (ANSI on a terminal only).
    func dim(_ text: String) -> String { self == .ansiBold ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
}

/// One hit as a person reads it (`kerko search` human output).
public struct HitBlock: Sendable {
    public var rank: Int
    public var title: String
    public var titleHighlights: [Highlight]
    public var type: String
    public var lang: String
    public var date: String?
    public var number: String?
    public var id: String
    public var path: String
    public var snippet: Snippet
    public var score: Double
    /// `--explain` lines (already formatted), shown under the snippet.
    public var explanation: [String]
    /// Ids of near-duplicate copies of this document folded into this hit (`NearDuplicates`).
    public var duplicates: [String] = []

    public init(rank: Int, title: String, titleHighlights: [Highlight] = [], type: String, lang: String,
                date: String?, number: String?, id: String, path: String, snippet: Snippet, score: Double,
                explanation: [String] = []) {
        self.rank = rank; self.title = title; self.titleHighlights = titleHighlights; self.type = type
        self.lang = lang; self.date = date; self.number = number; self.id = id; self.path = path
        self.snippet = snippet; self.score = score; self.explanation = explanation
    }
}

public enum HitRendering {
    /// ```
    ///  1. Ligji Nr. 04/L-032 për arsimin parauniversitar
    ///     law · sq · 2011-08-29 · 04/L-032
    ///     gazette/ligji-04-L-032.html
    ///     …Ky «ligj» rregullon «arsimin» parauniversitar…
    /// ```
    public static func render(_ hit: HitBlock, style: HighlightStyle, wrap width: Int = 100) -> String {
        let indent = String(repeating: " ", count: 4)
        let rank = String(hit.rank) + "."
        var title = hit.title.isEmpty ? hit.id : hit.title
        var titleHighlights = hit.title.isEmpty ? [] : hit.titleHighlights
        let titleScalars = Array(title.unicodeScalars)
        if titleScalars.count > 160 {
            var v = String.UnicodeScalarView(); v.append(contentsOf: titleScalars[..<159]); v.append("…")
            title = String(v)
            titleHighlights = titleHighlights.filter { $0.end <= 159 }
        }
        var lines: [String] = []
        let pad = String(repeating: " ", count: max(0, 3 - rank.count))
        lines.append(pad + rank + " " + style.apply(title, titleHighlights))
        let meta = [hit.type, hit.lang, hit.date, hit.number].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        lines.append(indent + meta)
        lines.append(indent + style.dim(hit.path == hit.id || hit.path.isEmpty ? hit.id : "\(hit.id)  (\(hit.path))"))
        if !hit.snippet.text.isEmpty {
            for l in wrapHighlighted(hit.snippet, width: width - indent.count) {
                lines.append(indent + style.apply(l.text, l.highlights))
            }
        }
        if !hit.duplicates.isEmpty {
            lines.append(indent + style.dim("same text also in: " + hit.duplicates.joined(separator: ", ")))
        }
        for e in hit.explanation { lines.append(indent + "  " + e) }
        return lines.joined(separator: "\n")
    }

    /// Wraps a snippet at spaces into lines of at most `width` scalars, splitting highlights with it.
    static func wrapHighlighted(_ snippet: Snippet, width: Int) -> [Snippet] {
        let s = Array(snippet.text.unicodeScalars)
        var out: [Snippet] = []
        var start = 0
        while start < s.count {
            var end = min(s.count, start + width)
            if end < s.count {
                var k = end
                while k > start, s[k] != " " { k -= 1 }
                if k > start { end = k }
            }
            var v = String.UnicodeScalarView(); v.append(contentsOf: s[start..<end])
            let hs = snippet.highlights.compactMap { h -> Highlight? in
                let a = max(h.start, start), b = min(h.end, end)
                return a < b ? Highlight(start: a - start, end: b - start) : nil
            }
            out.append(Snippet(text: String(v), highlights: hs))
            start = end
            while start < s.count, s[start] == " " { start += 1 }
        }
        return out
    }
}
