/// P5 and P6 for words written in ASCII plus the non-ASCII letters of Albanian (ë ç) and Serbian Latin
/// (č ć š ž đ), upper or lower case, precomposed — nearly every non-ASCII word of the corpus. For these
/// letters NFKC_Casefold is lower-casing, and the fold rules (ANALYSIS.md §1.4: NFD, remove nonspacing marks,
/// `đ > dj`) are a fixed map, so ICU need not run. Any other code point returns nil (the caller uses ICU).
enum LatinFold {
    /// Upper → lower for the non-ASCII letters handled here (their NFKC_Casefold).
    static let lower: [UInt32: Unicode.Scalar] = [
        0x00CB: "ë", 0x00C7: "ç", 0x010C: "č", 0x0106: "ć", 0x0160: "š", 0x017D: "ž", 0x0110: "đ",
    ]
    /// Lower-case letter → folded ASCII (P6).
    static let folded: [UInt32: String] = [
        0x00EB: "e", 0x00E7: "c", 0x010D: "c", 0x0107: "c", 0x0161: "s", 0x017E: "z", 0x0111: "dj",
    ]

    /// NFKC_Casefold of `s`, or nil if `s` has a code point outside ASCII and these letters.
    static func normalize(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if c.value < 0x80 {
                out.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value | 0x20)! : c)
            } else if folded[c.value] != nil {
                out.append(c)
            } else if let l = lower[c.value] {
                out.append(l)
            } else {
                return nil
            }
        }
        return String(out)
    }

    /// The P6 fold of a P5-normalized `s`, or nil if `s` has a code point outside ASCII and these letters.
    static func fold(_ s: String) -> String? {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            if c.value < 0x80 {
                out.unicodeScalars.append(c)
            } else if let f = folded[c.value] {
                out += f
            } else {
                return nil
            }
        }
        return out
    }
}
