import KerkoCore

/// P5 normalization and P6 folding (ANALYSIS.md §1.2–1.4, §1.7).
///
/// * P5: `unorm2_getNFKCCasefoldInstance` (case fold, compatibility forms, removal of default-ignorables
///   such as soft hyphen U+00AD and U+200B).
/// * P6: the ICU transliterator compiled from `Resources/fold.rules` (Serbian-Latin/BGN, `đ > dj`,
///   apostrophes → `'`, strip nonspacing marks).
///
/// Fast paths: for an ASCII-only token NFKC_Casefold and the fold rules reduce to ASCII lower-casing
/// (no ASCII letter has a compatibility mapping or mark, and the fold rules only touch non-ASCII); for a
/// token of ASCII plus the Albanian and Serbian Latin letters ë ç č ć š ž đ (either case) they reduce to a
/// table (`LatinFold`), checked against ICU for every such letter and for random words in the tests. ICU is
/// called for every other token. Not thread-safe (owns a transliterator): one per analyzer.
public final class Folder {
    private let transliterator: Transliterator

    /// The fold rules, read once.
    static let rules = Result { try AnalysisResources.text("fold.rules") }

    public init() throws {
        transliterator = try Transliterator(id: "kosovo-search-fold", rules: try Self.rules.get())
    }

    /// P5: NFKC_Casefold of `text`.
    public func normalize(_ text: String) throws -> String {
        if let ascii = Self.asciiLowercased(text) { return ascii }
        if let latin = LatinFold.normalize(text) { return latin }
        return try icuNormalize(text)
    }

    /// P5 through ICU alone (the reference the fast paths are tested against).
    func icuNormalize(_ text: String) throws -> String { try ICU.nfkcCasefold(text) }

    /// Strings longer than this (UTF-16 units) are transliterated in pieces: ICU's in-place replacement is
    /// quadratic on one long string. Safe because the input is lower-case (the only context rules of
    /// Serbian-Latin/BGN concern capitals) and a combining mark cut from its base is removed either way.
    static let chunk = 1024

    /// P6: folds a P5-normalized string.
    public func fold(normalized: String) throws -> String {
        if normalized.utf8.allSatisfy({ $0 < 0x80 }) { return normalized }
        if let latin = LatinFold.fold(normalized) { return latin }
        return try icuFold(normalized: normalized)
    }

    /// P6 through ICU alone (the reference the fast paths are tested against).
    func icuFold(normalized: String) throws -> String {
        let u = Array(normalized.utf16)
        if u.count <= Self.chunk { return try transliterator.apply(normalized) }
        var out: [UInt16] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            var j = min(i + Self.chunk, u.count)
            if j < u.count, UTF16.isLeadSurrogate(u[j - 1]) { j -= 1 }   // never split a surrogate pair
            out += try transliterator.apply(Array(u[i..<j]))
            i = j
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// P5 then P6, after mapping Cyrillic look-alikes inside Latin words (§1.7).
    public func fold(_ text: String) throws -> String {
        try fold(normalized: normalize(LookAlikes.latinize(text)))
    }

    /// ASCII lower-casing if `s` is ASCII-only, else nil.
    static func asciiLowercased(_ s: String) -> String? {
        var needsChange = false
        for b in s.utf8 {
            if b >= 0x80 { return nil }
            if b >= 0x41 && b <= 0x5A { needsChange = true }
        }
        if !needsChange { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// §1.7: Cyrillic letters typed for their Latin look-alikes inside Latin words ("REPUBLIKЁS", "PЁR").
/// The table is the Cyrillic→Latin subset of the Unicode confusables data (UTS #39 `confusables.txt`, the data
/// behind ICU's `uspoof_getSkeleton`) for the letters that occur in Albanian text.
/// All-Cyrillic (Serbian) words are left to the Serbian-Latin transliteration of P6.
public enum LookAlikes {
    static let table: [Unicode.Scalar: Unicode.Scalar] = [
        "Ё": "Ë", "ё": "ë", "Е": "E", "е": "e", "А": "A", "а": "a", "О": "O", "о": "o",
        "Р": "P", "р": "p", "С": "C", "с": "c", "Т": "T", "Х": "X", "х": "x", "К": "K",
        "М": "M", "Н": "H", "В": "B", "І": "I", "і": "i", "Ј": "J", "ј": "j", "у": "y", "У": "Y",
    ]

    static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(s.value) }
    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) || (0xC0...0x24F).contains(s.value)
    }

    /// `word` with its Cyrillic look-alikes replaced, if it mixes Latin letters and Cyrillic look-alikes;
    /// otherwise `word` unchanged.
    public static func latinize(_ word: String) -> String {
        var latin = false, cyrillic = false
        for s in word.unicodeScalars {
            if s.value < 0x80 { if isLatinLetter(s) { latin = true } }
            else if isCyrillic(s) { cyrillic = true }
            else if isLatinLetter(s) { latin = true }
        }
        guard latin && cyrillic else { return word }
        var out = String.UnicodeScalarView()
        for s in word.unicodeScalars { out.append(table[s] ?? s) }
        return String(out)
    }
}
