import KerkoCore

/// Matching form of a word or phrase: NFKC_Casefold (ICU) followed by removal of the diacritics used in
/// Albanian, Serbian Latin and the other Latin-script languages met in the corpus (ë→e, ç/č/ć→c, š→s, ž→z,
/// đ→dj). Serbian Cyrillic is transliterated to Latin, so `закон` folds like `zakon`. Used to recognise
/// document types, months and relation labels in any inflection; never for stored text.
enum Folding {
    static func fold(_ s: String) -> String {
        // ASCII: NFKC_Casefold only lower-cases A–Z (checked against ICU for every ASCII character in the
        // tests), and the table below has nothing to do.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        let cf = (try? ICU.nfkcCasefold(s)) ?? s.lowercased()
        var out = ""
        out.unicodeScalars.reserveCapacity(cf.unicodeScalars.count)
        for u in cf.unicodeScalars {
            if u.value < 0x80 { out.unicodeScalars.append(u); continue }
            if let r = table[u] { out += r; continue }
            // Combining marks (from decomposed input) are dropped.
            if (0x300...0x36F).contains(u.value) { continue }
            out.unicodeScalars.append(u)
        }
        return out
    }

    private static let table: [Unicode.Scalar: String] = {
        var t: [Unicode.Scalar: String] = [:]
        func add(_ chars: String, _ r: String) { for u in chars.unicodeScalars { t[u] = r } }
        add("àáâãäåāăą", "a"); add("çćĉċč", "c"); add("ďđ", "d"); add("èéêëēĕėęě", "e")
        add("ĝğġģ", "g"); add("ĥħ", "h"); add("ìíîïĩīĭįı", "i"); add("ĵ", "j"); add("ķ", "k")
        add("ĺļľŀł", "l"); add("ñńņňŉ", "n"); add("òóôõöøōŏő", "o"); add("ŕŗř", "r"); add("śŝşšș", "s")
        add("ţťŧț", "t"); add("ùúûüũūŭůűų", "u"); add("ŵ", "w"); add("ýÿŷ", "y"); add("źżž", "z")
        add("ß", "ss"); add("æ", "ae"); add("œ", "oe"); add("\u{00AD}", "")
        add("’‘", "'"); add("–—", "-")
        // Serbian Cyrillic → Latin (folded: no diacritics), so one pattern set serves both scripts.
        let cyr: [(String, String)] = [("а","a"),("б","b"),("в","v"),("г","g"),("д","d"),("ђ","dj"),("е","e"),
            ("ж","z"),("з","z"),("и","i"),("ј","j"),("к","k"),("л","l"),("љ","lj"),("м","m"),("н","n"),
            ("њ","nj"),("о","o"),("п","p"),("р","r"),("с","s"),("т","t"),("ћ","c"),("у","u"),("ф","f"),
            ("х","h"),("ц","c"),("ч","c"),("џ","dz"),("ш","s")]
        for (c, l) in cyr { t[c.unicodeScalars.first!] = l }
        t["đ"] = "dj"
        return t
    }()

    /// Folded words of `s` (letters and digits; everything else separates).
    static func words(_ s: String) -> [String] {
        fold(s).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }
}
