/// P2 special tokens (ANALYSIS.md §0), found on the UTF-16 text before word breaking:
/// * Kosovo act numbers `\b(\d{2})/L-(\d{3})\b` → keyword `06/l-082` (lower-cased);
/// * administrative instructions `(?i)\bUA\s+(?:Nr\.?\s*)?(\d{1,3})/(\d{4})\b` → `ua-03/2015`.
/// The words are also indexed normally. A hand-written scanner (anchored on `/`) instead of a regex engine,
/// so that a 10 MB text costs one pass.
enum SpecialTokens {
    struct Match: Equatable {
        var start: Int   // UTF-16, inclusive
        var end: Int     // UTF-16, exclusive
        var keyword: String
    }

    static func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isWordChar(_ c: UInt16) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0xC0
    }
    static func isSpace(_ c: UInt16) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x202F || (c >= 0x2000 && c <= 0x200A)
    }
    static func lower(_ c: UInt16) -> UInt16 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    static func scan(_ u: [UInt16]) -> [Match] {
        var out: [Match] = []
        let n = u.count
        var i = 0
        while i < n {
            defer { i += 1 }
            guard u[i] == 0x2F else { continue }  // '/'
            // digits before the slash
            var ds = i
            while ds > 0, isDigit(u[ds - 1]), i - ds < 5 { ds -= 1 }
            let nd = i - ds
            guard nd >= 1, nd <= 3 else { continue }  // word boundaries are checked per pattern
            if let m = actNumber(u, slash: i, digitsStart: ds, count: nd) { out.append(m); continue }
            if let m = instruction(u, slash: i, digitsStart: ds, count: nd) { out.append(m) }
        }
        return out
    }

    /// `\b\d{2}/L-\d{3}\b` (the `L` in either case).
    static func actNumber(_ u: [UInt16], slash: Int, digitsStart ds: Int, count nd: Int) -> Match? {
        let n = u.count
        guard nd == 2, ds == 0 || !isWordChar(u[ds - 1]) else { return nil }
        guard slash + 6 <= n, lower(u[slash + 1]) == 0x6C, u[slash + 2] == 0x2D,
              isDigit(u[slash + 3]), isDigit(u[slash + 4]), isDigit(u[slash + 5]) else { return nil }
        let end = slash + 6
        guard end == n || !isWordChar(u[end]) else { return nil }
        let kw = String(decoding: u[ds..<end].map(lower), as: UTF16.self)
        return Match(start: ds, end: end, keyword: kw)
    }

    /// `(?i)\bUA\s+(?:Nr\.?\s*)?\d{1,3}/\d{4}\b`, matched backwards from the slash.
    static func instruction(_ u: [UInt16], slash: Int, digitsStart ds: Int, count nd: Int) -> Match? {
        let n = u.count
        guard slash + 5 <= n, (1...4).allSatisfy({ isDigit(u[slash + $0]) }) else { return nil }
        let end = slash + 5
        guard end == n || !isWordChar(u[end]) else { return nil }
        guard ds == 0 || !isWordChar(u[ds - 1]) else { return nil }
        var p = ds
        var spaces = 0
        while p > 0, isSpace(u[p - 1]) { p -= 1; spaces += 1 }
        // optional "Nr." / "Nr"
        var q = p
        if q > 0, u[q - 1] == 0x2E { q -= 1 }
        if q >= 2, lower(u[q - 1]) == 0x72, lower(u[q - 2]) == 0x6E, q - 2 == 0 || !isWordChar(u[q - 3]) {
            var r = q - 2, sp = 0
            while r > 0, isSpace(u[r - 1]) { r -= 1; sp += 1 }
            if sp > 0, let s = ua(u, endingAt: r) { return make(u, s, ds, slash, end) }
        }
        if spaces > 0, let s = ua(u, endingAt: p) { return make(u, s, ds, slash, end) }
        return nil
    }

    /// Start of a whole word `UA` (any case) ending at `e`, or nil.
    static func ua(_ u: [UInt16], endingAt e: Int) -> Int? {
        guard e >= 2, lower(u[e - 2]) == 0x75, lower(u[e - 1]) == 0x61 else { return nil }
        guard e - 2 == 0 || !isWordChar(u[e - 3]) else { return nil }
        return e - 2
    }

    static func make(_ u: [UInt16], _ start: Int, _ ds: Int, _ slash: Int, _ end: Int) -> Match {
        Match(start: start, end: end,
              keyword: "ua-" + String(decoding: u[ds..<end], as: UTF16.self))
    }
}
