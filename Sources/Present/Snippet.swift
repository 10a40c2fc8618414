import Analysis
import KerkoCore

/// A passage of a document (or two, joined by ` … `) with its highlighted matches.
/// `highlights` are Unicode-scalar offsets into `text` (the CLI contract's `snippet` + `highlights`).
public struct Snippet: Sendable, Hashable {
    public var text: String
    public var highlights: [Highlight]
    /// Where the passages came from in the document (scalar offsets of the original text).
    public var sourceRanges: [Range<Int>]

    public init(text: String, highlights: [Highlight], sourceRanges: [Range<Int>] = []) {
        self.text = text; self.highlights = highlights; self.sourceRanges = sourceRanges
    }

    /// The highlighted substrings (for tests and `--explain`).
    public var highlightedTexts: [String] {
        let s = Array(text.unicodeScalars)
        return highlights.map { h in
            var v = String.UnicodeScalarView(); v.append(contentsOf: s[h.start..<h.end]); return String(v)
        }
    }
}

/// Picks the best passage(s) of a document by matched-term density: a window of about `length` scalars
/// sliding over the matched tokens, scored by distinct matched terms first (a window with both `ligji` and
/// `arsimin` beats one with `ligji` three times), then matches, then adjacent matches (phrases). The window is
/// widened to `length` with some context before the first match, cut at word boundaries (a sentence start
/// when one is near), white space collapsed, and `…` marks each cut. When the best window misses some of the
/// document's matched terms and another place has them, two shorter passages are joined with ` … `.
public struct SnippetMaker: Sendable {
    /// Target length of the snippet in scalars (one passage).
    public var length: Int
    /// Whether two passages may be shown.
    public var allowTwoPassages: Bool

    public init(length: Int = 240, allowTwoPassages: Bool = true) {
        self.length = max(40, length)
        self.allowTwoPassages = allowTwoPassages
    }

    struct Match {
        var start: Int, end: Int, key: String, position: Int
    }

    /// The snippet of `text` given its analyzed `tokens` (offsets into `text`) and the query's terms.
    public func snippet(text: String, tokens: [AnalyzedToken], terms: HighlightTerms) -> Snippet {
        let scalars = Array(text.unicodeScalars)
        var matches: [Match] = []
        for r in terms.matchedRanges(tokens) {
            // A joined compound and its parts, or a keyword and its parts, can both match: keep every range,
            // highlight merging takes care of overlaps. A phrase occurrence is one range.
            let a = tokens[r.lowerBound], b = tokens[r.upperBound]
            matches.append(Match(start: a.start, end: max(a.end, b.end), key: terms.key(tokens, r), position: a.position))
        }
        matches.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        if matches.isEmpty {
            let (s, e) = cut(scalars, from: 0, to: min(scalars.count, length), keep: nil)
            return render(scalars, [(s, e)], matches: [])
        }
        let allKeys = Set(matches.map(\.key))
        let best = bestWindow(matches, width: length, wanted: allKeys)
        let covered = Set(matches[best.range].map(\.key))
        if allowTwoPassages, covered.count < allKeys.count, scalars.count > length * 2 {
            let half = length * 5 / 8
            let a = bestWindow(matches, width: half, wanted: allKeys)
            let keysA = Set(matches[a.range].map(\.key))
            let rest = allKeys.subtracting(keysA)
            let b = bestWindow(matches, width: half, wanted: rest, excluding: spanOf(matches, a.range))
            if b.score > 0, !rest.isDisjoint(with: matches[b.range].map(\.key)) {
                let windows = [a.range, b.range].sorted { $0.lowerBound < $1.lowerBound }
                var spans = windows.map { widen(scalars, matches, $0, width: half) }
                if spans[0].1 >= spans[1].0 {   // overlapping after widening: one passage
                    spans = [(spans[0].0, max(spans[0].1, spans[1].1))]
                }
                return render(scalars, spans, matches: matches)
            }
        }
        return render(scalars, [widen(scalars, matches, best.range, width: length)], matches: matches)
    }

    private func spanOf(_ m: [Match], _ r: Range<Int>) -> Range<Int> { m[r.lowerBound].start..<m[r.upperBound - 1].end }

    /// The window of consecutive matches (fitting in `width` scalars) with the best score.
    func bestWindow(_ m: [Match], width: Int, wanted: Set<String>, excluding: Range<Int>? = nil) -> (range: Range<Int>, score: Int) {
        var best: (range: Range<Int>, score: Int) = (0..<1, -1)
        var j = 0
        for i in m.indices {
            if let x = excluding, m[i].start < x.upperBound && m[i].end > x.lowerBound { continue }
            j = max(j, i + 1)
            while j < m.count, m[j].end - m[i].start <= width,
                  excluding.map({ !(m[j].start < $0.upperBound && m[j].end > $0.lowerBound) }) ?? true { j += 1 }
            var keys = Set<String>(), adjacent = 0, count = 0
            for k in i..<j {
                if wanted.contains(m[k].key) { keys.insert(m[k].key) }
                count += 1
                if k > i, m[k].position == m[k - 1].position + 1 { adjacent += 1 }
            }
            let score = keys.count * 100 + adjacent * 10 + min(count, 9)
            if score > best.score { best = (i..<j, score) }
        }
        if best.score < 0 { return (0..<1, 0) }
        return best
    }

    /// The passage around matches `r`: about `width` scalars, a third of the slack before the first match.
    func widen(_ s: [Unicode.Scalar], _ m: [Match], _ r: Range<Int>, width: Int) -> (Int, Int) {
        let first = m[r.lowerBound].start
        let last = m[r.lowerBound..<r.upperBound].map(\.end).max()!
        let slack = max(0, width - (last - first))
        var start = max(0, first - slack / 3)
        var end = min(s.count, last + (slack - (first - start)))
        if end - start < width { start = max(0, end - width) }
        if end - start < width { end = min(s.count, start + width) }
        // A sentence or paragraph start shortly before the first match reads better than a mid-sentence cut.
        if start > 0 {
            var k = first
            let limit = max(0, first - max(slack / 2, 60))
            while k > limit {
                if k >= 2, (s[k - 2] == "." || s[k - 2] == ":" || s[k - 2] == ";" || s[k - 1] == "\n"), s[k - 1].properties.isWhitespace { break }
                k -= 1
            }
            if k > limit || k == 0 {
                let shift = start - k
                start = k
                end = min(s.count, end - max(0, shift))
                if end < last { end = last }
            }
        }
        return cut(s, from: start, to: end, keep: first..<last)
    }

    /// Moves `from`/`to` onto word boundaries (white space), never inside `keep`.
    func cut(_ s: [Unicode.Scalar], from: Int, to: Int, keep: Range<Int>?) -> (Int, Int) {
        var a = from, b = to
        if a > 0, !s[a - 1].properties.isWhitespace {
            var k = a
            while k < s.count, !s[k].properties.isWhitespace { k += 1 }
            if keep == nil || k <= keep!.lowerBound { a = min(k, s.count) }
            else {  // no boundary before the match: step back to the previous one
                k = a
                while k > 0, !s[k - 1].properties.isWhitespace { k -= 1 }
                a = k
            }
        }
        if b < s.count, !s[b].properties.isWhitespace, b > 0, !s[b - 1].properties.isWhitespace {
            var k = b
            while k > a, !s[k - 1].properties.isWhitespace { k -= 1 }
            if k > a, keep == nil || k >= keep!.upperBound { b = k }
            else {
                k = b
                while k < s.count, !s[k].properties.isWhitespace { k += 1 }
                b = k
            }
        }
        // Drop dangling punctuation-only starts (e.g. "– "), and white space at either end.
        while a < b, s[a].properties.isWhitespace { a += 1 }
        while b > a, s[b - 1].properties.isWhitespace { b -= 1 }
        return (a, b)
    }

    /// The snippet text: passages with white space runs collapsed to one space, `…` at each cut, and the
    /// matches inside them as highlights relative to the snippet.
    func render(_ s: [Unicode.Scalar], _ spans: [(Int, Int)], matches: [Match]) -> Snippet {
        var out = String.UnicodeScalarView()
        var count = 0
        var highlights: [Highlight] = []
        var ranges: [Range<Int>] = []
        for (pi, (a, b)) in spans.enumerated() {
            if pi > 0 { out.append(contentsOf: " … ".unicodeScalars); count += 3 }
            else if a > 0 { out.append("…"); count += 1 }
            // map[i - a] = output offset of source scalar i
            var map = [Int](repeating: 0, count: b - a + 1)
            var lastWasSpace = false
            for i in a..<b {
                map[i - a] = count
                let c = s[i]
                if c.properties.isWhitespace || c.properties.generalCategory == .control {
                    if !lastWasSpace { out.append(" "); count += 1 }
                    lastWasSpace = true
                } else {
                    out.append(c); count += 1
                    lastWasSpace = false
                }
            }
            map[b - a] = count
            for m in matches where m.start >= a && m.end <= b {
                highlights.append(Highlight(start: map[m.start - a], end: map[m.end - a]))
            }
            ranges.append(a..<b)
            if pi == spans.count - 1, b < s.count, s[b...].contains(where: { !$0.properties.isWhitespace }) {
                out.append("…"); count += 1
            }
        }
        return Snippet(text: String(out), highlights: Highlights.merge(highlights), sourceRanges: ranges)
    }
}

/// Re-analysis plus passage selection for one document after another (one per command: it owns analyzers).
public struct DocumentSnippets {
    public var matcher: TextMatcher
    public var maker: SnippetMaker

    public init(plain: Bool = false, maker: SnippetMaker = SnippetMaker()) {
        matcher = TextMatcher(plain: plain)
        self.maker = maker
    }

    /// The snippet of a document's body text (`language`: the language it was indexed under).
    public mutating func snippet(text: String, language: Language, terms: HighlightTerms) throws -> Snippet {
        let tokens = terms.isEmpty ? [] : try matcher.tokens(text, language: language)
        return maker.snippet(text: text, tokens: tokens, terms: terms)
    }

    /// Highlights of the title.
    public mutating func titleHighlights(_ title: String, language: Language, terms: HighlightTerms) throws -> [Highlight] {
        terms.isEmpty ? [] : try matcher.highlights(title: title, language: language, terms: terms)
    }
}
