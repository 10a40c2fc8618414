import Foundation

/// Finds articles in plain text: a line starting with "Neni" / "Član" / "Clan" / "Article" / "Section"
/// (any case, Albanian/Serbian inflections such as "Nenit" are not article labels) and a number.
/// Each article's span runs from its label to the next label or the end of the text.
enum Articles {
    private static let label = try! NSRegularExpression(
        pattern: #"(?m)^[ \t]*(?:Neni|NENI|Član|ČLAN|Clan|CLAN|Article|ARTICLE|Section|SECTION|Член|ЧЛАН)[ \t]+(\d{1,4}(?:\.\d{1,3})?[a-z]?)\.?[ \t]*(?:[-–:.][ \t]*)?([^\n]{0,160})$"#)

    /// The label words of `label` (it is case-sensitive): every match holds one of them.
    static let labelWords = ["Neni", "NENI", "Član", "ČLAN", "Clan", "CLAN", "Article", "ARTICLE", "Section", "SECTION",
                             "Член", "ЧЛАН"].map { Array($0.utf8) }

    /// `prefilter: false` always runs the regex (the reference for the tests); else a text without any label
    /// word (a byte search for each) has no article and is not searched.
    static func find(in text: String, prefilter: Bool = true) -> [Article] {
        if prefilter {
            var text = text
            let any = text.withUTF8 { p -> Bool in
                let n = p.count
                for i in 0..<n {
                    let c = p[i]
                    // the words' first bytes: N C A S, Č (0xC4 0x8C), Ч (0xD0 0xA7)
                    guard c == 0x4E || c == 0x43 || c == 0x41 || c == 0x53 || c == 0xC4 || c == 0xD0 else { continue }
                    for w in labelWords where w[0] == c && i + w.count <= n {
                        var k = 1
                        while k < w.count && p[i + k] == w[k] { k += 1 }
                        if k == w.count { return true }
                    }
                }
                return false
            }
            if !any { return [] }
        }
        let ns = text as NSString
        let idx = ScalarIndex(text)
        let ms = label.matches(in: text, range: NSRange(location: 0, length: ns.length))
        var out: [Article] = []
        for (i, m) in ms.enumerated() {
            let start = idx.scalar(utf16: m.range.location)
            let endU = i + 1 < ms.count ? ms[i + 1].range.location : ns.length
            var end = idx.scalar(utf16: endU)
            // trim trailing blank lines
            let body = ns.substring(with: NSRange(location: m.range.location, length: endU - m.range.location))
            let trailing = body.unicodeScalars.reversed().prefix { $0.properties.isWhitespace }.count
            end -= trailing
            var heading = ns.substring(with: m.range(at: 2)).trimmedWhitespaces
            if heading.isEmpty {
                // the heading is often the next short line ("Neni 1\nQëllimi"): the first non-empty line
                // after the label (only that stretch is copied, not the rest of the text)
                let after = ns.substring(with: firstLineRange(ns, from: m.range.location + m.range.length))
                let lines = after.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: true)
                if let l = lines.first?.trimmedWhitespaces, l.count <= 120,
                   !(l.last.map { ".;:".contains($0) } ?? false), l.first?.isUppercase ?? false {
                    heading = l
                }
            }
            out.append(Article(number: ns.substring(with: m.range(at: 1)), heading: heading.isEmpty ? nil : heading,
                               span: TextSpan(start: start, end: max(start, end))))
        }
        return out
    }

    /// From `start`: past the line feeds that open the rest of the text, up to the next line feed that is
    /// a Character of its own (not the LF of a CR LF) or the end — the stretch holding the first piece of
    /// `rest.split(separator: "\n", omittingEmptySubsequences: true)`, cut where a Character ends.
    static func firstLineRange(_ ns: NSString, from start: Int) -> NSRange {
        let n = ns.length
        var i = start
        while i < n && ns.character(at: i) == 0x0A { i += 1 }
        var e = i
        while e < n {
            if ns.character(at: e) == 0x0A && !(e > start && ns.character(at: e - 1) == 0x0D) { break }
            e += 1
        }
        return NSRange(location: start, length: e - start)
    }
}
