import KerkoCore

/// Character-trigram language profiles and the out-of-place distance of Cavnar & Trenkle (1994),
/// "N-Gram-Based Text Categorization", Proc. SDAIR-94 (ANALYSIS.md §6 step 4).
///
/// The profiles (`Resources/langid-trigrams.txt`, 400 trigrams per language) are trained offline by
/// `tools/langid/train.py` from the Official Gazette of Kosovo (sq, sr) and USLM / Akoma Ntoso documents
/// (en). `normalize` here and `normalize` in train.py must stay identical.
struct TrigramProfiles: Sendable {
    static let profileSize = 400
    /// Per language: trigram → rank (0 = most frequent).
    let ranks: [(Language, [String: Int])]

    static let bundled = Result { try TrigramProfiles(resource: AnalysisResources.lines("langid-trigrams.txt")) }

    init(resource lines: [Substring]) throws {
        var table: [Language: [String: Int]] = [:]
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3, let lang = Language(rawValue: String(f[0])) else {
                throw KerkoError.resource(name: "langid-trigrams.txt", reason: "bad line \(line)")
            }
            let tri = String(f[1]).replacingOccurrences(of: "_", with: " ")
            table[lang, default: [:]][tri] = table[lang, default: [:]].count
        }
        ranks = Language.analyzed.compactMap { l in table[l].map { (l, $0) } }
        if ranks.count != 3 { throw KerkoError.resource(name: "langid-trigrams.txt", reason: "missing a language") }
    }

    /// Folding for language identification (mirrors `MAP` in train.py): diacritics and Serbian Cyrillic to
    /// Latin ASCII.
    static let map: [Unicode.Scalar: String] = {
        let pairs: [(String, String)] = [
            ("ë", "e"), ("ç", "c"), ("č", "c"), ("ć", "c"), ("š", "s"), ("ž", "z"), ("đ", "dj"),
            ("á", "a"), ("à", "a"), ("â", "a"), ("ä", "a"), ("ã", "a"), ("å", "a"), ("é", "e"), ("è", "e"),
            ("ê", "e"), ("í", "i"), ("ì", "i"), ("î", "i"), ("ï", "i"), ("ó", "o"), ("ò", "o"), ("ô", "o"),
            ("ö", "o"), ("õ", "o"), ("ú", "u"), ("ù", "u"), ("û", "u"), ("ü", "u"), ("ñ", "n"), ("ý", "y"),
            ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("ђ", "dj"), ("е", "e"), ("ж", "z"),
            ("з", "z"), ("и", "i"), ("ј", "j"), ("к", "k"), ("л", "l"), ("љ", "lj"), ("м", "m"), ("н", "n"),
            ("њ", "nj"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("ћ", "c"), ("у", "u"),
            ("ф", "f"), ("х", "h"), ("ц", "c"), ("ч", "c"), ("џ", "dz"), ("ш", "s"),
        ]
        var m: [Unicode.Scalar: String] = [:]
        for (k, v) in pairs { m[k.unicodeScalars.first!] = v }
        return m
    }()

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Lower-case, fold via `map`, every non-letter run → one space, a space at both ends.
    static func normalize(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = [" "]
        out.reserveCapacity(text.utf8.count + 2)
        for raw in text.unicodeScalars {
            let lower = raw.value < 0x80 ? [raw.value >= 0x41 && raw.value <= 0x5A ? Unicode.Scalar(raw.value | 0x20)! : raw]
                                         : Array(raw.properties.lowercaseMapping.unicodeScalars)
            for s in lower {
                if let m = map[s] { out.append(contentsOf: m.unicodeScalars) }
                else if isLetter(s) { out.append(s) }
                else if out.last != " " { out.append(" ") }
            }
        }
        if out.last != " " { out.append(" ") }
        return out
    }

    /// The text's trigrams ranked by frequency (ties alphabetical, as in train.py), at most `profileSize`.
    static func rankedTrigrams(_ normalized: [Unicode.Scalar]) -> [String] {
        guard normalized.count >= 3 else { return [] }
        var counts: [String: Int] = [:]
        for i in 0..<(normalized.count - 2) {
            var t = String.UnicodeScalarView()
            t.append(normalized[i]); t.append(normalized[i + 1]); t.append(normalized[i + 2])
            counts[String(t), default: 0] += 1
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) { $0.value < $1.value } }
            .prefix(profileSize).map(\.key)
    }

    /// Out-of-place distance of the text to each language profile, smallest first.
    func distances(_ normalized: [Unicode.Scalar]) -> [(Language, Int)] {
        let doc = Self.rankedTrigrams(normalized)
        return ranks.map { lang, profile in
            var d = 0
            for (r, t) in doc.enumerated() {
                if let q = profile[t] { d += abs(r - q) } else { d += Self.profileSize }
            }
            return (lang, d)
        }.sorted { $0.1 < $1.1 }
    }
}
