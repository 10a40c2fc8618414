import KerkoCore

/// P3 word segmentation (ANALYSIS.md §0, §1.5) without ICU's rule interpreter for the texts Kërko mostly
/// sees: a hand-written implementation of the Unicode word-boundary rules (UAX #29 "Unicode Text
/// Segmentation", §4.1.1 rules WB1–WB999) **as ICU 72's root word rules (`word.txt`) apply them**, with
/// ICU's rule statuses (0 none, 100 number, 200 letter word). Results are identical to
/// `WordBreaker.segments` (ubrk_open(UBRK_WORD)); Tests/AnalysisTests/WordSegmenterTests.swift checks that
/// exhaustively per BMP code point, on the corpus and on random text.
///
/// Where ICU differs from plain UAX #29 (all reproduced here):
/// * '@' is a letter (ALetter), so `info@mapl` is one word;
/// * ':' U+FE55 U+FF1A are removed from MidLetter in the root rules (`a:b` breaks; `sv`/`fi` keep them —
///   so only the root-rule locales sq, en, sr, root take the fast path);
/// * statuses: a segment ending in a letter is 200, in a digit 100 (Extend/Format after them included); one
///   ending in ExtendNumLet takes the status of the character before it (letter or `_` → 200, digit → 100;
///   a lone `_` → 0) — but 0 if Extend/Format follows that `_` (`a_◌́`: only ICU's untagged WB4 rule
///   matches there); everything else 0.
///
/// Code units whose class is not handled exactly (ZWJ and emoji sequences WB3c, Hebrew letters and quotes
/// WB7a–c, Katakana WB13, regional indicators WB15–16, the dictionary scripts (Thai, Lao, Khmer, Myanmar),
/// Han, Hiragana, Hangul syllables, ideographs, anything outside the BMP) are left to ICU: the stretch of
/// text between two guaranteed boundaries around them (a newline, or the end of a space or punctuation
/// character not followed by a space or combining mark) goes through one reused ICU iterator. After a
/// boundary ICU's iterator starts afresh, so segments on both sides are ICU's exactly.
///
/// Not thread-safe (owns an ICU iterator): one per analyzer.
public final class WordSegmenter {
    // Classes (kss_wordbreak_class).
    static let O: UInt8 = 0, CR: UInt8 = 1, LF: UInt8 = 2, NL: UInt8 = 3, E: UInt8 = 4, WS: UInt8 = 5
    static let L: UInt8 = 6, N: UInt8 = 7, ML: UInt8 = 8, MNL: UInt8 = 9, MN: UInt8 = 10, EX: UInt8 = 11
    static let FB: UInt8 = 12
    /// Not handled, and possibly Extend/Format/ZWJ (never after a guaranteed boundary).
    static let FBX: UInt8 = 13

    /// The class of every BMP code unit, computed once from ICU's properties (surrogates → FB).
    final class Table: @unchecked Sendable {
        let classes: UnsafeMutablePointer<UInt8>
        init() {
            classes = .allocate(capacity: 0x10000)
            for c in 0..<0x10000 { classes[c] = WordBreaker.segmenterClass(UInt32(c)) }
        }
    }
    static let table = Table()

    /// Locales whose ICU word rules are the root rules (no tailoring): the fast path applies to them only.
    static let rootRuleLocales: Set<String> = ["sq", "en", "sr", "root", ""]

    public let locale: String
    private let fast: Bool
    private let classes: UnsafeMutablePointer<UInt8>
    private var icu: WordBreakIterator?

    public init(locale: String) {
        self.locale = locale
        fast = Self.rootRuleLocales.contains(locale)
        classes = Self.table.classes
    }

    /// Every segment of `utf16` (word and non-word), as `WordBreaker.segments` returns them.
    public func segments(_ utf16: [UInt16]) throws -> [WordSegment] {
        var out: [WordSegment] = []
        out.reserveCapacity(utf16.count / 3)
        try utf16.withUnsafeBufferPointer { buf in
            try forEachSegment(buf) { s, e, st in out.append(WordSegment(start: s, end: e, ruleStatus: st)) }
        }
        return out
    }

    /// The word segments (rule status ≥ 100) of `utf16`, in order.
    @inline(__always)
    public func forEachWord(_ utf16: UnsafeBufferPointer<UInt16>, _ body: (WordSegment) throws -> Void) throws {
        try forEachSegment(utf16) { s, e, st in
            if st >= 100 { try body(WordSegment(start: s, end: e, ruleStatus: st)) }
        }
    }

    /// Every segment of `utf16` as (start, end, rule status), UTF-16 offsets.
    @inline(__always)
    public func forEachSegment(_ u: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int32) throws -> Void) throws {
        let n = u.count
        if n == 0 { return }
        guard fast else { return try viaICU(u, 0, n, body) }
        var pos = 0
        while pos < n {
            // The next code unit the fast path does not handle.
            var f = pos
            while f < n, classes[Int(u[f])] < Self.FB { f += 1 }
            if f == n { try segmentFast(u, pos, n, body); return }
            // ICU takes the stretch between the guaranteed boundaries around it.
            var a = f
            while a > pos, !isSafeBoundary(u, a) { a -= 1 }
            var b = f + 1
            while b < n, !isSafeBoundary(u, b) { b += 1 }
            if a > pos { try segmentFast(u, pos, a, body) }
            try viaICU(u, a, b, body)
            pos = b
        }
    }

    /// True if every text has a word boundary at `p` (0 < p < count) whatever precedes `p - 1` and follows
    /// `p`, and ICU's iterator starts afresh there: WB3a/WB3b (around CR, LF, Newline, but CR × LF), or after
    /// a space or an Other character (punctuation, symbols; not U+0022 Double_Quote) not followed by Extend/Format/ZWJ (WB4) nor, after
    /// a space, by another space (WB3d).
    @inline(__always)
    private func isSafeBoundary(_ u: UnsafeBufferPointer<UInt16>, _ p: Int) -> Bool {
        let a = u[p - 1], b = u[p]
        let ca = classes[Int(a)], cb = classes[Int(b)]
        if ca == Self.CR { return cb != Self.LF }
        if ca == Self.LF || ca == Self.NL { return true }
        if cb == Self.CR || cb == Self.LF || cb == Self.NL { return true }
        if ca == Self.WS { return cb != Self.WS && cb != Self.E && cb != Self.FBX }
        if ca == Self.O { return a != 0x22 && cb != Self.E && cb != Self.FBX }   // " joins Hebrew (WB7b/c)
        return false
    }

    private func viaICU(_ u: UnsafeBufferPointer<UInt16>, _ a: Int, _ b: Int,
                        _ body: (Int, Int, Int32) throws -> Void) throws {
        if icu == nil { icu = try WordBreakIterator(locale: locale) }
        try icu!.forEachSegment(UnsafeBufferPointer(rebasing: u[a..<b])) { s, e, st in try body(a + s, a + e, st) }
    }

    /// The rules on `u[start..<end]`, which begins at a boundary and ends at one (or at the end of text) and
    /// holds no FB code unit.
    @inline(__always)
    private func segmentFast(_ u: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int,
                             _ body: (Int, Int, Int32) throws -> Void) rethrows {
        let cls = classes
        let O = Self.O, CR = Self.CR, LF = Self.LF, NL = Self.NL, E = Self.E, WS = Self.WS
        let L = Self.L, N = Self.N, ML = Self.ML, MNL = Self.MNL, MN = Self.MN, EX = Self.EX
        _ = O; _ = NL
        var i = start
        while i < end {
            let s = i
            let c = cls[Int(u[i])]
            i += 1
            var status: Int32 = 0
            if c >= L && c != ML && c != MNL && c != MN {
                // L, N or EX: WB5, WB8–WB10, WB13a/b join any of them; WB6/7 and WB11/12 join across one
                // Mid* between two letters / two digits; WB4 attaches Extend/Format everywhere.
                var last = c, before: UInt8 = 0xFF
                var lastEnd = i                           // just after the last L/N/EX
                while i < end, cls[Int(u[i])] == E { i += 1 }
                while i < end {
                    let d = cls[Int(u[i])]
                    if d == L || d == N || d == EX {
                        before = last; last = d; i += 1; lastEnd = i
                        while i < end, cls[Int(u[i])] == E { i += 1 }
                        continue
                    }
                    let joins = (last == L && (d == ML || d == MNL)) || (last == N && (d == MN || d == MNL))
                    if !joins { break }
                    var j = i + 1
                    while j < end, cls[Int(u[j])] == E { j += 1 }
                    guard j < end, cls[Int(u[j])] == last else { break }
                    before = last; i = j + 1; lastEnd = i
                    while i < end, cls[Int(u[i])] == E { i += 1 }
                }
                if last == L { status = 200 }
                else if last == N { status = 100 }
                else if i > lastEnd { status = 0 }        // _ then Extend/Format: only the untagged WB4 rule
                else if before == N { status = 100 }      // WB13a {100}: digit _
                else if before == 0xFF { status = 0 }     // a lone _ (rule 999)
                else { status = 200 }                     // letter _ or _ _
            } else if c == CR {
                if i < end, u[i] == 0x0A { i += 1 }       // WB3
            } else if c == LF || c == NL {
                // WB3a: always alone
            } else if c == WS {
                while i < end, cls[Int(u[i])] == WS { i += 1 }   // WB3d
                while i < end, cls[Int(u[i])] == E { i += 1 }    // WB4
            } else {
                // Other, a Mid* not between two letters/digits, or Extend/Format at the start (^$ExFm+).
                while i < end, cls[Int(u[i])] == E { i += 1 }
            }
            try body(s, i, status)
        }
    }
}
