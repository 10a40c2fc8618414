import Foundation

/// Finds dates in text and returns them as ISO `YYYY-MM-DD`: `dd.mm.yyyy` (also with `/` or `-`),
/// ISO dates, and day–month-name–year / month-name–day–year with Albanian, Serbian (Latin and Cyrillic)
/// and English month names in any inflection ("28 MAJ 2013", "23. maja 2019", "May 23rd, 2019",
/// "15 nëntorit 2012").
public enum DateParser {
    /// Folded month stems → month number. A full stem may take up to four letters of inflection
    /// (shtatorit, septembra, novembar, nëntorit); an abbreviation must stand alone ("Jan", "Sept.").
    private static let stems: [(stem: String, month: Int, inflects: Bool)] = [
        ("january", 1, false), ("janar", 1, true), ("januar", 1, true), ("jan", 1, false),
        ("february", 2, false), ("shkurt", 2, true), ("februar", 2, true), ("feb", 2, false),
        ("march", 3, false), ("mars", 3, true), ("mart", 3, true), ("mar", 3, false),
        ("april", 4, true), ("prill", 4, true), ("apr", 4, false),
        ("may", 5, false), ("maj", 5, true),
        ("june", 6, false), ("qershor", 6, true), ("jun", 6, true),
        ("july", 7, false), ("korrik", 7, true), ("jul", 7, true),
        ("august", 8, false), ("gusht", 8, true), ("avgust", 8, true), ("aug", 8, false),
        ("september", 9, false), ("shtator", 9, true), ("septemb", 9, true), ("sept", 9, false), ("sep", 9, false),
        ("october", 10, false), ("tetor", 10, true), ("oktob", 10, true), ("oct", 10, false), ("okt", 10, false),
        ("november", 11, false), ("nentor", 11, true), ("novemb", 11, true), ("nov", 11, false),
        ("december", 12, false), ("dhjetor", 12, true), ("decemb", 12, true), ("dec", 12, false), ("dhj", 12, false),
    ]

    /// Month number for a (possibly inflected, any-case, diacritic-bearing) month word.
    public static func month(_ word: String) -> Int? {
        let f = Folding.fold(word).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard f.count >= 3 else { return nil }
        for s in stems where f.hasPrefix(s.stem) {
            let extra = f.count - s.stem.count
            // short stems (maj, jun, jul, mars, mart) take at most two letters: "majit", "juna", not "majmun"
            if extra == 0 || (s.inflects && extra <= (s.stem.count <= 4 ? 2 : 4)) { return s.month }
        }
        return nil
    }

    private static let numeric = try! NSRegularExpression(
        pattern: #"(?<![\d.])(\d{1,2})\s?[./]\s?(\d{1,2})\s?[./]\s?((?:19|20)\d{2})(?![\d])"#)
    private static let iso = try! NSRegularExpression(pattern: #"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"#)
    private static let dayMonthYear = try! NSRegularExpression(
        pattern: #"(?<!\d)(\d{1,2})(?:\.|st|nd|rd|th|-?t[eë]?)?\s+(?:e\s+|of\s+)?(\p{L}{3,12})\.?,?\s+((?:19|20)\d{2})(?!\d)"#)
    private static let monthDayYear = try! NSRegularExpression(
        pattern: #"(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)"#)

    /// Every date in `text` with its UTF-16 range, in order of appearance.
    static func all(in text: String) -> [(iso: String, range: NSRange)] {
        var out = candidates(pieceMatches(text), in: text as NSString)
        out.sort { $0.1.location < $1.1.location }
        // drop matches overlapping an earlier one
        var result: [(String, NSRange)] = []
        for x in out where !result.contains(where: { NSIntersectionRange($0.1, x.1).length > 0 }) { result.append(x) }
        return result
    }

    /// The valid dates among the matches of the four patterns (as `pieceMatches` gives them), unsorted.
    private static func candidates(_ found: [[[NSRange]]], in ns: NSString) -> [(iso: String, range: NSRange)] {
        var out: [(String, NSRange)] = []
        for m in found[0] {
            if let d = make(Int(ns.substring(with: m[3])), Int(ns.substring(with: m[2])),
                            Int(ns.substring(with: m[1]))) { out.append((d, m[0])) }
        }
        for m in found[1] {
            if let d = make(Int(ns.substring(with: m[1])), Int(ns.substring(with: m[2])),
                            Int(ns.substring(with: m[3]))) { out.append((d, m[0])) }
        }
        for m in found[2] {
            if let mo = month(ns.substring(with: m[2])),
               let d = make(Int(ns.substring(with: m[3])), mo, Int(ns.substring(with: m[1]))) {
                out.append((d, m[0]))
            }
        }
        for m in found[3] {
            if let mo = month(ns.substring(with: m[1])),
               let d = make(Int(ns.substring(with: m[3])), mo, Int(ns.substring(with: m[2]))) {
                out.append((d, m[0]))
            }
        }
        return out
    }

    /// For each of the four patterns (numeric, iso, dayMonthYear, monthDayYear), its matches in `text` —
    /// each the ranges of the match and its groups, in UTF-16 offsets of `text` — exactly as one search
    /// over the whole text finds them, but searching only where a match can be. Every pattern needs a year
    /// with a literal "19" or "20" and is made only of digits, letters, white space and . / - , ; its
    /// look-arounds see one character. So a match lies in a maximal run of characters that are not other
    /// ASCII punctuation (non-ASCII counts as possible), and a run without "19"/"20" has none; runs with one
    /// are searched (runs less than 64 units apart together) with the barrier either side as context.
    static func pieceMatches(_ text: String) -> [[[NSRange]]] {
        let u = text.utf16Units
        var out: [[[NSRange]]] = [[], [], [], []]
        for g in groups(u) {
            for (k, ms) in groupMatches(text, u, g).enumerated() { out[k] += ms }
        }
        return out
    }

    /// The stretches of `u` that `pieceMatches` searches, in order (see there).
    private static func groups(_ u: [UInt16]) -> [(a: Int, b: Int)] {
        let n = u.count
        @inline(__always) func barrier(_ c: UInt16) -> Bool {
            (c >= 0x21 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
        }
        var groups: [(a: Int, b: Int)] = []
        var i = 0
        while i + 1 < n {
            guard (u[i] == 0x31 && u[i + 1] == 0x39) || (u[i] == 0x32 && u[i + 1] == 0x30) else { i += 1; continue }
            var a = i, b = i + 2
            while a > 0 && !barrier(u[a - 1]) { a -= 1 }
            while b < n && !barrier(u[b]) { b += 1 }
            if let last = groups.last, a - last.b < 64 { groups[groups.count - 1].b = b } else { groups.append((a, b)) }
            i = b
        }
        return groups
    }

    /// The four patterns' matches in one group, as ranges in `text`.
    private static func groupMatches(_ text: String, _ u: [UInt16], _ g: (a: Int, b: Int)) -> [[[NSRange]]] {
        var out: [[[NSRange]]] = [[], [], [], []]
        do {
            let (a, b) = g
            let lo = max(0, a - 1), hi = min(u.count, b + 1)
            // lo and hi sit next to ASCII (or at an edge), so on scalar boundaries: copy the UTF-8 slice
            let piece = String(text[String.Index(utf16Offset: lo, in: text)..<String.Index(utf16Offset: hi, in: text)])
            let whole = NSRange(location: 0, length: (piece as NSString).length)
            // Literals each pattern needs: `numeric` a "." or "/", `iso` a "-", the month-name forms a letter
            // (an ASCII letter or any non-ASCII unit, as a superset of \p{L}); a pattern without them is not run.
            var dotOrSlash = false, dash = false, letter = false
            for k in lo..<hi {
                let c = u[k]
                if c == 0x2E || c == 0x2F { dotOrSlash = true } else if c == 0x2D { dash = true }
                else if c >= 0x80 || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) { letter = true }
            }
            let possible = [dotOrSlash, dash, letter, letter]
            // The month-name forms try a match at every letter of the piece; they are searched only in the
            // windows around its years where a match can be (`yearWindows`).
            let windows = letter ? yearWindows(u, lo, hi).map { NSRange(location: $0.a - lo, length: $0.b - $0.a) } : []
            for (k, re) in [numeric, iso, dayMonthYear, monthDayYear].enumerated() where possible[k] {
                let ms = k >= 2
                    ? windows.flatMap { re.matches(in: piece, options: [.withTransparentBounds], range: $0) }
                    : re.matches(in: piece, range: whole)
                for m in ms {
                    out[k].append((0..<m.numberOfRanges).map { g in
                        let r = m.range(at: g)
                        return r.location == NSNotFound ? r : NSRange(location: r.location + lo, length: r.length)
                    })
                }
            }
        }
        return out
    }

    /// The stretches of the piece `u[lo..<hi]` that can hold a `dayMonthYear` or `monthDayYear` match, in
    /// order and disjoint (overlapping windows merged). A match of either ends with its year ("19" or "20"
    /// and two \d, at most four UTF-16 units) and before it has at most three tokens without white space
    /// ("5th", "of", "March.,": at most 26 units, a letter taking up to two), each after a run of white
    /// space; so it starts no earlier than the point reached from its year by skipping, three times, the white
    /// space before and then up to 32 units that are not. Searched with transparent bounds (the look-arounds
    /// see past a window), the windows in order give the matches one search of the piece gives: every match
    /// lies inside the window of its own year, so inside one merged window, and no match starts between
    /// windows. White space here is a superset of \s (Unicode White_Space, and U+001C–U+001F).
    static func yearWindows(_ u: [UInt16], _ lo: Int, _ hi: Int) -> [(a: Int, b: Int)] {
        @inline(__always) func white(_ c: UInt16) -> Bool {
            c < 0x80 ? (c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) : isUnicodeWhitespace(UInt32(c))
        }
        var out: [(a: Int, b: Int)] = []
        var y = lo
        while y + 2 < hi {
            // "19"/"20" then something that can start a \d (an ASCII digit or any non-ASCII unit)
            guard (u[y] == 0x31 && u[y + 1] == 0x39) || (u[y] == 0x32 && u[y + 1] == 0x30),
                  (u[y + 2] >= 0x30 && u[y + 2] <= 0x39) || u[y + 2] >= 0x80
            else { y += 1; continue }
            var p = y
            for _ in 0..<3 {
                while p > lo && white(u[p - 1]) { p -= 1 }
                var k = 0
                while k < 32 && p > lo && !white(u[p - 1]) { p -= 1; k += 1 }
            }
            let b = min(hi, y + 6)
            if let last = out.last, p <= last.b { out[out.count - 1].b = max(last.b, b) } else { out.append((p, b)) }
            y += 1
        }
        return out
    }

    /// `all(in:)` by one search of each pattern over the whole text (the reference for the tests).
    static func allWholeText(in text: String) -> [(iso: String, range: NSRange)] {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var out: [(String, NSRange)] = []
        for m in numeric.matches(in: text, range: whole) {
            if let d = make(Int(ns.substring(with: m.range(at: 3))), Int(ns.substring(with: m.range(at: 2))),
                            Int(ns.substring(with: m.range(at: 1)))) { out.append((d, m.range)) }
        }
        for m in iso.matches(in: text, range: whole) {
            if let d = make(Int(ns.substring(with: m.range(at: 1))), Int(ns.substring(with: m.range(at: 2))),
                            Int(ns.substring(with: m.range(at: 3)))) { out.append((d, m.range)) }
        }
        for m in dayMonthYear.matches(in: text, range: whole) {
            if let mo = month(ns.substring(with: m.range(at: 2))),
               let d = make(Int(ns.substring(with: m.range(at: 3))), mo, Int(ns.substring(with: m.range(at: 1)))) {
                out.append((d, m.range))
            }
        }
        for m in monthDayYear.matches(in: text, range: whole) {
            if let mo = month(ns.substring(with: m.range(at: 1))),
               let d = make(Int(ns.substring(with: m.range(at: 3))), mo, Int(ns.substring(with: m.range(at: 2)))) {
                out.append((d, m.range))
            }
        }
        out.sort { $0.1.location < $1.1.location }
        // drop matches overlapping an earlier one
        var result: [(String, NSRange)] = []
        for x in out where !result.contains(where: { NSIntersectionRange($0.1, x.1).length > 0 }) { result.append(x) }
        return result
    }

    /// The first date in `text`, as ISO: `all(in: text).first`, found by searching the groups in order and
    /// stopping at the first with a valid date. Every match lies inside its group (the barriers around a group
    /// are characters no pattern holds), so a later group's dates all start after this one's; and no two
    /// candidates start at the same offset (each pattern's matches are disjoint, and the patterns begin
    /// differently: day digits then "." "/" or white space, year digits then "-", or a letter), so the
    /// earliest is the one `all` keeps first.
    public static func first(in text: String) -> String? {
        let u = text.utf16Units
        let ns = text as NSString
        for g in groups(u) {
            let c = candidates(groupMatches(text, u, g), in: ns)
            if let f = c.min(by: { $0.range.location < $1.range.location }) { return f.iso }
        }
        return nil
    }

    /// `all(in: text).first?.iso` (the reference for the tests).
    static func firstOfAll(in text: String) -> String? { all(in: text).first?.iso }

    /// Parses a string that is just a date (e.g. a Gazette field "01.12.2010" or an FRBR "1989-12-06").
    public static func parse(_ s: String) -> String? { first(in: s.trimmingCharacters(in: .whitespacesAndNewlines)) }

    static func make(_ y: Int?, _ m: Int?, _ d: Int?) -> String? {
        guard let y, let m, let d, (1...12).contains(m), d >= 1 else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[m - 1] else { return nil }
        // String(format: "%04d-%02d-%02d", y, m, d), without Foundation's formatter (y ≥ 0 here: digits)
        func padded(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        guard y >= 0 else { return String(format: "%04d-%02d-%02d", y, m, d) }
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }
}
