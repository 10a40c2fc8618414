/// P4 token fixes (ANALYSIS.md §0 P4, §1.5), on the UTF-16 text and the ICU word segments.
enum TokenFixes {
    /// Apostrophe variants (U+0027, U+2019, U+2018, U+02BC, U+00B4, U+0060), as in `fold.rules`.
    static func isApostrophe(_ c: UInt16) -> Bool {
        c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x2BC || c == 0xB4 || c == 0x60
    }

    /// Hyphen-minus, U+2010 hyphen and U+2011 non-breaking hyphen.
    static func isHyphen(_ c: UInt16) -> Bool { c == 0x2D || c == 0x2010 || c == 0x2011 }

    /// P4a Albanian elision: in a token `X'Y` with X one of s ç c t m n (either case), the number of UTF-16
    /// units to skip (`s'ka` → `ka`, `ç'është` → `është`, `t'i` → `i`); 0 otherwise.
    static func elision(_ u: UnsafeBufferPointer<UInt16>, start s: Int, end e: Int) -> Int {
        guard e - s >= 3, isApostrophe(u[s + 1]) else { return 0 }
        switch u[s] {
        case 0x73, 0x53, 0xE7, 0xC7, 0x63, 0x43, 0x74, 0x54, 0x6D, 0x4D, 0x6E, 0x4E: return 2
        default: return 0
        }
    }

    /// P4b: the suffixes written after an acronym and a hyphen (`OJQ-të`, `KQZ-ja`, `BE-së`, `KFOR-i`),
    /// in P5 (lower-case, with ë) form.
    static let acronymSuffixes: Set<String> = [
        "i", "u", "a", "ja", "në", "in", "un", "it", "ut", "së", "s", "të", "t", "ve", "ët", "ëve", "ën", "ës",
    ]

    /// True if `word` is an all-capitals acronym of at least two letters (`OJQ`, `KFOR`, `BE`).
    static func isAcronym(_ word: Substring) -> Bool {
        var n = 0
        for ch in word {
            guard ch.isLetter, ch.isUppercase else { return false }
            n += 1
        }
        return n >= 2
    }

    /// P4c: `^([a-zë]{1,2}\.)+[a-zë]{1,2}$` on the P5 form → the form without dots (`d.m.th` → `dmth`,
    /// `sh.p.k` → `shpk`), else nil.
    static func abbreviation(_ normalized: String) -> String? {
        var run = 0, groups = 0
        for s in normalized.unicodeScalars {
            if s == "." {
                guard run >= 1 && run <= 2 else { return nil }
                groups += 1; run = 0
            } else if (s.value >= 0x61 && s.value <= 0x7A) || s == "ë" {
                run += 1
                if run > 2 { return nil }
            } else {
                return nil
            }
        }
        guard groups >= 1, run >= 1 else { return nil }
        var out = normalized
        out.removeAll { $0 == "." }
        return out
    }
}
