import Foundation

/// Normalises act numbers as printed in Kosovo acts: laws `04/L-057` (legislature/L-sequence), by-laws
/// `06/2018` (sequence/year, e.g. "UA (MAPL) Nr. 06/2018"), issuer-coded `QRK-15/2015`, UNMIK-era
/// regulations `2003/10` (year/sequence, also from "UNMIK/REG/2003/10"). Spaces inside the number are
/// removed and `L` is upper-cased; digits are kept as printed except that a one-digit legislature is
/// padded ("4/L-57" → "04/L-57").
public enum ActNumber {
    static let lawPattern = #"(?<![\d/])(\d{1,2})\s*/\s*[Ll]\s*-\s*(\d{1,4})(?!\d)"#
    static let unmikPattern = #"UNMIK\s*/\s*(?:REG|DIR|AD)\s*/\s*((?:19|20)\d{2})\s*/\s*(\d{1,3})(?!\d)"#
    static let codedPattern = #"(?<![\p{L}\d])([A-Z]{2,6})\s*-\s*(\d{1,3})\s*/\s*((?:19|20)\d{2})(?!\d)"#
    static let seqYearPattern = #"(?<![\d/])(\d{1,3})\s*/\s*((?:19|20)\d{2})(?![\d/])"#
    static let yearSeqPattern = #"(?<![\d/])((?:19|20)\d{2})\s*/\s*(\d{1,3})(?![\d/])"#

    private static let law = try! NSRegularExpression(pattern: lawPattern)
    private static let unmik = try! NSRegularExpression(pattern: unmikPattern, options: [.caseInsensitive])
    private static let coded = try! NSRegularExpression(pattern: codedPattern)
    private static let seqYear = try! NSRegularExpression(pattern: seqYearPattern)
    private static let yearSeq = try! NSRegularExpression(pattern: yearSeqPattern)
    /// "Nr. / No. / Br. / Broj / Number" followed by the number.
    private static let labelled = try! NSRegularExpression(
        pattern: #"(?<!\p{L})(?:nr|no|br|broj|number|numri)\s*[.:]?\s*([A-Z0-9][A-Za-z0-9 ./-]{2,24})"#,
        options: [.caseInsensitive])

    /// The normalised number at the start of (or anywhere in) `s`, trying the most specific forms first.
    public static func normalize(_ s: String) -> String? {
        find(in: s).first?.number
    }

    /// Every act number in `s` with its UTF-16 range, most specific forms first on overlaps, in order.
    /// `prefilter: false` runs every pattern's regex (the reference for the tests); otherwise the hand-written
    /// matchers (`ActMatcher`) answer unless unsure.
    static func find(in s: String, prefilter: Bool = true) -> [(number: String, range: NSRange)] {
        // Every form has a literal "/": without one there is nothing to find (and five regex searches saved).
        if prefilter && !s.containsUTF8(0x2F) { return [] }
        if prefilter, let found = findByMatcher(s) { return found }
        let can = prefilter ? Possible(s) : Possible(law: true, unmik: true, coded: true, year: true)
        let ns = s as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var out: [(String, NSRange)] = []
        func add(_ n: String, _ r: NSRange) {
            if !out.contains(where: { NSIntersectionRange($0.1, r).length > 0 }) { out.append((n, r)) }
        }
        for m in can.law ? law.matches(in: s, range: whole) : [] {
            var leg = ns.substring(with: m.range(at: 1)); if leg.count == 1 { leg = "0" + leg }
            add("\(leg)/L-\(ns.substring(with: m.range(at: 2)))", m.range)
        }
        for m in can.unmik ? unmik.matches(in: s, range: whole) : [] {
            add("\(ns.substring(with: m.range(at: 1)))/\(ns.substring(with: m.range(at: 2)))", m.range)
        }
        for m in can.coded ? coded.matches(in: s, range: whole) : [] {
            let code = ns.substring(with: m.range(at: 1))
            if ["NR", "NO", "BR", "REG", "UA", "AI"].contains(code) { continue }
            add("\(code)-\(ns.substring(with: m.range(at: 2)))/\(ns.substring(with: m.range(at: 3)))", m.range)
        }
        for m in can.year ? seqYear.matches(in: s, range: whole) : [] {
            add("\(ns.substring(with: m.range(at: 1)))/\(ns.substring(with: m.range(at: 2)))", m.range)
        }
        for m in can.year ? yearSeq.matches(in: s, range: whole) : [] {
            add("\(ns.substring(with: m.range(at: 1)))/\(ns.substring(with: m.range(at: 2)))", m.range)
        }
        return out.sorted { $0.1.location < $1.1.location }
    }

    /// `find(in:)` by the hand-written matchers, with the same numbers, ranges and order; nil when a matcher is
    /// unsure (a scalar it cannot classify as ICU would).
    static func findByMatcher(_ s: String) -> [(number: String, range: NSRange)]? {
        var s = s
        return s.withUTF8 { p -> [(number: String, range: NSRange)]? in
            var m = ActMatcher(p)
            guard let laws = m.all({ $0.law($1) }), let unmiks = m.all({ $0.unmik($1) }),
                  let codeds = m.all({ $0.coded($1, anyCase: false) }), let seqYears = m.all({ $0.seqYear($1) }),
                  let yearSeqs = m.all({ $0.yearSeq($1) }) else { return nil }
            if laws.isEmpty && unmiks.isEmpty && codeds.isEmpty && seqYears.isEmpty && yearSeqs.isEmpty { return [] }
            // UTF-16 offsets of byte offsets (counted from the start: these strings are short)
            func units(_ b: Int) -> Int {
                var u = 0
                for i in 0..<b where p[i] & 0xC0 != 0x80 { u += p[i] >= 0xF0 ? 2 : 1 }
                return u
            }
            func str(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self) }
            var out: [(String, NSRange)] = []
            func add(_ n: String, _ x: ActMatcher.Match) {
                let a = units(x.start)
                let r = NSRange(location: a, length: units(x.end) - a)
                if !out.contains(where: { NSIntersectionRange($0.1, r).length > 0 }) { out.append((n, r)) }
            }
            for x in laws {
                var leg = str(x.groups[0]); if leg.utf8.count == 1 { leg = "0" + leg }
                add("\(leg)/L-\(str(x.groups[1]))", x)
            }
            for x in unmiks { add("\(str(x.groups[0]))/\(str(x.groups[1]))", x) }
            for x in codeds {
                let code = str(x.groups[0])
                if ["NR", "NO", "BR", "REG", "UA", "AI"].contains(code) { continue }
                add("\(code)-\(str(x.groups[1]))/\(str(x.groups[2]))", x)
            }
            for x in seqYears { add("\(str(x.groups[0]))/\(str(x.groups[1]))", x) }
            for x in yearSeqs { add("\(str(x.groups[0]))/\(str(x.groups[1]))", x) }
            return out.sorted { $0.1.location < $1.1.location }
        }
    }

    /// Which patterns can match `s`, from literals every match of each must hold (a byte scan; each test is
    /// a necessary condition, so a pattern skipped here has no match): `lawPattern` a "/" then, past white
    /// space, "L" or "l" (any byte ≤ 0x20 or ≥ 0x80 is taken as possible white space); `unmikPattern` three
    /// "/"; the year forms a "19" or "20", and `codedPattern` also a "-".
    struct Possible {
        var law = false, unmik = false, coded = false, year = false
        init(law: Bool, unmik: Bool, coded: Bool, year: Bool) {
            self.law = law; self.unmik = unmik; self.coded = coded; self.year = year
        }
        init(_ s: String) {
            var s = s
            s.withUTF8 { p in
                let n = p.count
                var slashes = 0, dash = false
                var i = 0
                while i < n {
                    let c = p[i]
                    if c == 0x2F {
                        slashes += 1
                        var k = i + 1
                        while k < n && (p[k] <= 0x20 || p[k] >= 0x80) { k += 1 }
                        if k < n && (p[k] == 0x4C || p[k] == 0x6C) { law = true }
                    } else if c == 0x2D {
                        dash = true
                    } else if i + 1 < n && ((c == 0x31 && p[i + 1] == 0x39) || (c == 0x32 && p[i + 1] == 0x30)) {
                        year = true
                    }
                    i += 1
                }
                unmik = slashes >= 3
                coded = year && dash
            }
        }
    }

    /// The act's own number from a title or heading: the number after "Nr./No./Br." if there is one,
    /// else the first law number (`NN/L-NNN`) anywhere in it.
    /// `fast: false` finds the labels by the regex (the reference for the tests), else by `ActMatcher.labelled`
    /// unless it is unsure.
    public static func fromTitle(_ title: String) -> String? { fromTitle(title, fast: true) }

    static func fromTitle(_ title: String, fast: Bool) -> String? {
        if fast, let tails = labelledTails(title) {
            for tail in tails { if let n = find(in: tail).first, n.range.location <= 1 { return n.number } }
        } else {
            let ns = title as NSString
            for m in labelled.matches(in: title, range: NSRange(location: 0, length: ns.length)) {
                let tail = ns.substring(with: m.range(at: 1))
                if let n = find(in: tail).first, n.range.location <= 1 { return n.number }
            }
        }
        return find(in: title).first { $0.number.contains("/L-") }?.number
    }

    /// The group of every `labelled` match in `s`, by `ActMatcher.labelled`; nil when it is unsure.
    static func labelledTails(_ s: String) -> [String]? {
        var s = s
        return s.withUTF8 { p -> [String]? in
            var m = ActMatcher(p)
            return m.all { $0.labelled($1) }?.map { String(decoding: UnsafeBufferPointer(rebasing: p[$0.groups[0]]), as: UTF8.self) }
        }
    }
}
