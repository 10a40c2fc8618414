/// The act-number patterns of `ActNumber` (`lawPattern`, `unmikPattern`, `codedPattern`, `seqYearPattern`,
/// `yearSeqPattern`) and `Citations.candidate`, matched by hand over UTF-8 bytes — the same matches as ICU's
/// regex engine, without a regex search per call (ICU set-up, UTF-16 copies and result objects were most of
/// a Gazette page's citation time). Checked against the regexes in the tests (corpus and generated text).
///
/// ICU semantics kept (ICU User Guide, "Regular Expressions"): the leftmost match, alternatives tried in
/// order at each start, the next search resuming at the end of the previous match; `\d` is \p{Nd}, `\s`
/// White_Space, case-insensitive literals and [A-Z] closed over case. Every quantified run in these
/// patterns is followed by something its class excludes (a digit run by a non-digit, white space by "/",
/// "-", "." or a letter or digit, a letter run by white space or "-"), so a greedy run backs off only into
/// a failure: each pattern has at most one way to match from a start, and the matchers take maximal runs
/// and check their lengths.
///
/// Non-ASCII: a scalar the matcher reads where a digit, letter or space would count is classified when it
/// is below U+0800 (the stdlib's and ICU's tables agree there: checked scalar by scalar in the tests); if it
/// is a letter, digit or space where the match could go on, or any scalar from U+0800 on, the matcher sets
/// `unsure` and the caller asks ICU for the whole input.
struct ActMatcher {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    /// Byte offsets in `p`: the match and its capture groups.
    typealias Match = (start: Int, end: Int, groups: [Range<Int>])

    let p: Bytes
    var unsure = false
    init(_ p: Bytes) { self.p = p }

    /// A byte standing for a non-ASCII scalar that is neither letter, digit nor space.
    static let other: UInt8 = 0xFF

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    enum Kind { case letter, digit, space, other }
    /// The class of a scalar: letters general category L, digits Nd, spaces White_Space — by the stdlib's
    /// tables, which agree with ICU's below U+0800 (checked for each scalar in the tests); from U+0800 on
    /// (the stdlib's Unicode is newer) only "none of these" is taken as sure, else nil.
    static func classify(_ v: UInt32) -> Kind? {
        if v < 0x80 {
            let c = UInt8(v)
            return isLetter(c) ? .letter : isDigit(c) ? .digit : isSpace(c) ? .space : .other
        }
        guard let u = Unicode.Scalar(v) else { return nil }
        let k: Kind = Citations.isLetter(u) ? .letter
            : u.properties.generalCategory == .decimalNumber ? .digit : u.properties.isWhitespace ? .space : .other
        return v < 0x800 || k == .other ? k : nil
    }

    /// The scalar whose UTF-8 form starts at i (valid UTF-8: the bytes of a String).
    func scalar(at i: Int) -> UInt32 {
        let c = UInt32(p[i])
        if c < 0x80 { return c }
        func cont(_ k: Int) -> UInt32 { i + k < p.count ? UInt32(p[i + k] & 0x3F) : 0 }
        if c < 0xE0 { return (c & 0x1F) << 6 | cont(1) }
        if c < 0xF0 { return (c & 0x0F) << 12 | cont(1) << 6 | cont(2) }
        return (c & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3)
    }
    /// The class of the scalar starting at i; `.other` and `unsure` set when it cannot be told.
    mutating func kind(at i: Int) -> Kind {
        if let k = Self.classify(scalar(at: i)) { return k }
        unsure = true
        return .other
    }

    /// The byte at i read forward (i < p.count, at a scalar start): itself if ASCII, else `other` — after
    /// setting `unsure` when the scalar is a digit or space, or ſ (U+017F) or K (U+212A), the two non-ASCII
    /// scalars whose case closure holds an ASCII letter. Any other non-ASCII letter stops a letter run and
    /// matches no literal in these patterns.
    @inline(__always) mutating func at(_ i: Int) -> UInt8 {
        let c = p[i]
        if c < 0x80 { return c }
        let v = scalar(at: i)
        if v == 0x17F || v == 0x212A { unsure = true; return Self.other }
        let k = kind(at: i)
        if k == .digit || k == .space { unsure = true }
        return Self.other
    }
    /// The class of the scalar before i (nil at the start).
    mutating func before(_ i: Int) -> Kind? {
        guard i > 0 else { return nil }
        var j = i - 1
        while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
        return kind(at: j)
    }

    @inline(__always) mutating func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < p.count && Self.isSpace(at(i)) { i += 1 }
        return i
    }
    @inline(__always) mutating func digitsEnd(_ i: Int) -> Int {
        var i = i
        while i < p.count && Self.isDigit(at(i)) { i += 1 }
        return i
    }
    @inline(__always) mutating func byte(_ i: Int, _ c: UInt8) -> Bool { i < p.count && at(i) == c }
    /// `(?:19|20)\d{2}` at i.
    @inline(__always) mutating func year(_ i: Int) -> Bool {
        guard i < p.count else { return false }
        let a = at(i)
        guard a == 0x31 || a == 0x32, i + 1 < p.count else { return false }
        let b = at(i + 1)
        guard (a == 0x31 && b == 0x39) || (a == 0x32 && b == 0x30), i + 2 < p.count, Self.isDigit(at(i + 2)),
              i + 3 < p.count else { return false }
        return Self.isDigit(at(i + 3))
    }
    /// `\s*/\s*` at i: the index after it.
    @inline(__always) mutating func slash(_ i: Int) -> Int? {
        let j = skipSpace(i)
        return byte(j, 0x2F) ? skipSpace(j + 1) : nil
    }
    /// The ASCII word `w` (lower case) at i, case-insensitively.
    @inline(__always) mutating func word(_ i: Int, _ w: StaticString) -> Bool {
        let s = w.utf8Start
        for k in 0..<w.utf8CodeUnitCount {
            guard i + k < p.count, at(i + k) | 0x20 == s[k] else { return false }
        }
        return true
    }
    @inline(__always) mutating func notDigitOrSlashBefore(_ i: Int) -> Bool {
        i == 0 || (p[i - 1] != 0x2F && before(i) != .digit)
    }

    /// `lawPattern`: `(?<![\d/])(\d{1,2})\s*/\s*[Ll]\s*-\s*(\d{1,4})(?!\d)`.
    mutating func law(_ i: Int) -> Match? {
        guard notDigitOrSlashBefore(i) else { return nil }
        let e1 = digitsEnd(i)
        guard e1 - i >= 1 && e1 - i <= 2, var j = slash(e1), j < p.count, at(j) | 0x20 == 0x6C else { return nil }
        j = skipSpace(j + 1)
        guard byte(j, 0x2D) else { return nil }
        j = skipSpace(j + 1)
        let e2 = digitsEnd(j)
        guard e2 - j >= 1 && e2 - j <= 4 else { return nil }
        return (i, e2, [i..<e1, j..<e2])
    }

    /// `unmikPattern` (case-insensitive): `UNMIK\s*/\s*(?:REG|DIR|AD)\s*/\s*((?:19|20)\d{2})\s*/\s*(\d{1,3})(?!\d)`.
    mutating func unmik(_ i: Int) -> Match? {
        guard word(i, "unmik"), var j = slash(i + 5) else { return nil }
        if word(j, "reg") || word(j, "dir") { j += 3 } else if word(j, "ad") { j += 2 } else { return nil }
        guard let y = slash(j), year(y), let k = slash(y + 4) else { return nil }
        let e = digitsEnd(k)
        guard e - k >= 1 && e - k <= 3 else { return nil }
        return (i, e, [y..<y + 4, k..<e])
    }

    /// `codedPattern`: `(?<![\p{L}\d])([A-Z]{2,6})\s*-\s*(\d{1,3})\s*/\s*((?:19|20)\d{2})(?!\d)`, its letters
    /// upper case or, inside `Citations.candidate` (case-insensitive), either case.
    mutating func coded(_ i: Int, anyCase: Bool) -> Match? {
        let k = before(i)
        if k == .letter || k == .digit { return nil }
        var e1 = i
        while e1 < p.count {
            let c = at(e1)
            guard anyCase ? Self.isLetter(c) : Self.isUpper(c) else { break }
            e1 += 1
        }
        guard e1 - i >= 2 && e1 - i <= 6 else { return nil }
        var j = skipSpace(e1)
        guard byte(j, 0x2D) else { return nil }
        j = skipSpace(j + 1)
        let e2 = digitsEnd(j)
        guard e2 - j >= 1 && e2 - j <= 3, let y = slash(e2), year(y) else { return nil }
        if y + 4 < p.count && Self.isDigit(at(y + 4)) { return nil }
        return (i, y + 4, [i..<e1, j..<e2, y..<y + 4])
    }

    /// `seqYearPattern`: `(?<![\d/])(\d{1,3})\s*/\s*((?:19|20)\d{2})(?![\d/])`.
    mutating func seqYear(_ i: Int) -> Match? {
        guard notDigitOrSlashBefore(i) else { return nil }
        let e1 = digitsEnd(i)
        guard e1 - i >= 1 && e1 - i <= 3, let y = slash(e1), year(y) else { return nil }
        if y + 4 < p.count { let c = at(y + 4); if Self.isDigit(c) || c == 0x2F { return nil } }
        return (i, y + 4, [i..<e1, y..<y + 4])
    }

    /// `yearSeqPattern`: `(?<![\d/])((?:19|20)\d{2})\s*/\s*(\d{1,3})(?![\d/])`.
    mutating func yearSeq(_ i: Int) -> Match? {
        guard notDigitOrSlashBefore(i), year(i), let k = slash(i + 4) else { return nil }
        let e = digitsEnd(k)
        guard e - k >= 1 && e - k <= 3, !byte(e, 0x2F) else { return nil }
        return (i, e, [i..<i + 4, k..<e])
    }

    /// `Citations.candidate` (case-insensitive) at i: law | unmik | `(?<!\p{L})(?:nr|no|br|broj)\s*\.?\s*`
    /// followed by coded | seqYear | yearSeq.
    mutating func candidate(_ i: Int) -> Match? {
        let c = at(i)
        if Self.isDigit(c), let m = law(i) { return m }
        let l = c | 0x20
        if l == 0x75, let m = unmik(i) { return m }   // u
        guard l == 0x6E || l == 0x62, before(i) != .letter else { return nil }   // n, b
        for (w, n) in [("nr", 2), ("no", 2), ("br", 2), ("broj", 4)] as [(StaticString, Int)] where word(i, w) {
            var j = skipSpace(i + n)
            if byte(j, 0x2E) { j += 1 }
            j = skipSpace(j)
            guard j < p.count else { continue }
            if let m = coded(j, anyCase: true) ?? seqYear(j) ?? yearSeq(j) { return (i, m.end, []) }
        }
        return nil
    }

    /// `ActNumber.labelled` (case-insensitive) at i:
    /// `(?<!\p{L})(?:nr|no|br|broj|number|numri)\s*[.:]?\s*([A-Z0-9][A-Za-z0-9 ./-]{2,24})` — the group's
    /// first character must be a letter or digit, which the white space and [.:] before it are not, so it
    /// starts where they end; its run is greedy and nothing follows it, so it takes the most (up to 25).
    mutating func labelled(_ i: Int) -> Match? {
        let l = at(i) | 0x20
        guard l == 0x6E || l == 0x62, before(i) != .letter else { return nil }   // n, b
        @inline(__always) func alnum(_ c: UInt8) -> Bool { Self.isLetter(c) || Self.isDigit(c) }
        let words: [(StaticString, Int)] = [("nr", 2), ("no", 2), ("br", 2), ("broj", 4), ("number", 6), ("numri", 5)]
        for (w, n) in words where word(i, w) {
            var j = skipSpace(i + n)
            if j < p.count { let c = at(j); if c == 0x2E || c == 0x3A { j += 1 } }
            j = skipSpace(j)
            guard j < p.count, alnum(at(j)) else { continue }
            var e = j + 1
            while e < p.count && e - j < 25 {
                let c = at(e)
                guard alnum(c) || c == 0x20 || c == 0x2E || c == 0x2F || c == 0x2D else { break }
                e += 1
            }
            guard e - j >= 3 else { continue }
            return (i, e, [j..<e])
        }
        return nil
    }

    /// Every match of `next` in `p`, leftmost first, each search resuming at the previous match's end; nil
    /// when unsure (then ICU decides). Starts are scalar starts; `next` is tried at every one.
    mutating func all(_ next: (inout ActMatcher, Int) -> Match?) -> [Match]? {
        var out: [Match] = []
        var i = 0
        while i < p.count {
            if p[i] >= 0x80 {
                // a match starts with a digit, "u", "n", "b" or (coded, only after "nr") a letter
                if p[i] >= 0xC0 && kind(at: i) == .digit { unsure = true }
                if unsure { return nil }
                i += 1; continue
            }
            if let m = next(&self, i) { out.append(m); i = m.end } else { i += 1 }
            if unsure { return nil }
        }
        return out
    }
}
