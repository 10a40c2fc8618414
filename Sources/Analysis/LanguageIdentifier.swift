import KerkoCore

/// Language identification for sq / en / sr (ANALYSIS.md §6), deterministic and explainable:
/// 1. script: ≥ 30 % of letters Cyrillic → sr;
/// 2. marker letters: `ë` ≥ 5 per 1,000 letters, or `ç` together with `ë` → sq; any of `č ć đ ž š`
///    without `ë` → sr;
/// 3. ratio of three disjoint high-frequency stop-word lists: the best ≥ 0.08 and ≥ 2× the runner-up wins;
/// 4. otherwise character trigrams, Cavnar & Trenkle (1994) out-of-place ranking (`TrigramProfiles`).
/// Below 20 letters: `und`.
public enum LanguageIdentifier {
    static let minimumLetters = 20

    /// Step 3's disjoint lists (words shared by two languages removed), folded.
    static let markerWords: [(Language, Set<String>)] = [
        (Language.sq, Set<String>(["dhe", "te", "ne", "per", "nga", "qe", "eshte", "jane", "nje", "se", "kete", "kjo", "ky", "ose",
               "nuk", "si", "edhe", "por", "tij", "saj", "tyre", "cila", "cili", "duhet"])),
        (Language.en, Set<String>(["the", "of", "and", "to", "in", "is", "for", "on", "with", "by", "that", "this", "are", "be", "as",
               "from", "or", "which", "shall", "may"])),
        (Language.sr, Set<String>(["je", "da", "su", "za", "od", "kao", "ili", "koji", "koja", "koje", "biti", "sa", "ne", "ali",
               "takodje", "prema", "ovog", "ove", "ovaj"])),
    ]

    /// The language of `text` (`und` below 20 letters or if the trigram profiles cannot be loaded).
    public static func identify(_ text: String) -> Language {
        identify(text.unicodeScalars[...])
    }

    static func identify(_ text: Substring.UnicodeScalarView) -> Language {
        // Steps 1–2 on the lower-cased letters.
        var letters = 0, cyrillic = 0, eDiaeresis = 0, cCedilla = 0, serbianMarks = 0
        for s in text where TrigramProfiles.isLetter(s) {
            letters += 1
            switch s.value {
            case 0x0400...0x04FF: cyrillic += 1
            case 0xEB, 0xCB: eDiaeresis += 1
            case 0xE7, 0xC7: cCedilla += 1
            case 0x10C, 0x10D, 0x106, 0x107, 0x110, 0x111, 0x17D, 0x17E, 0x160, 0x161: serbianMarks += 1
            default: break
            }
        }
        if letters < minimumLetters { return .und }
        if cyrillic * 10 >= letters * 3 { return .sr }
        if eDiaeresis * 1000 >= letters * 5 || (cCedilla > 0 && eDiaeresis > 0) { return .sq }
        if serbianMarks > 0 && eDiaeresis == 0 { return .sr }
        // Step 3.
        let normalized = TrigramProfiles.normalize(String(Substring(text)))
        let words = String(String.UnicodeScalarView(normalized)).split(separator: " ")
        if !words.isEmpty {
            let scores = markerWords.map { lang, set in
                (lang, Double(words.reduce(0) { $0 + (set.contains(String($1)) ? 1 : 0) }) / Double(words.count))
            }.sorted { $0.1 > $1.1 }
            if scores[0].1 >= 0.08, scores[0].1 >= 2 * scores[1].1 { return scores[0].0 }
        }
        // Step 4.
        guard let profiles = try? TrigramProfiles.bundled.get() else { return .und }
        return profiles.distances(normalized).first?.0 ?? .und
    }

    /// The paragraphs of `text` (blocks separated by blank lines or U+2029), trimmed of surrounding white
    /// space, each with its language; offsets in Unicode scalars of `text`.
    public static func paragraphs(_ text: String) -> [(start: Int, end: Int, lang: Language)] {
        let scalars = text.unicodeScalars
        var out: [(start: Int, end: Int, lang: Language)] = []
        var blockStart = scalars.startIndex, blockOffset = 0
        var offset = 0
        var lineHasText = false
        var newlinesInGap = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        func emit(upTo end: String.UnicodeScalarView.Index, endOffset: Int) {
            // Trim and identify scalars[blockStart..<end].
            var a = blockStart, ao = blockOffset
            while a < end, isSpace(scalars[a]) { scalars.formIndex(after: &a); ao += 1 }
            var b = end, bo = endOffset
            while b > a { let p = scalars.index(before: b); if !isSpace(scalars[p]) { break }; b = p; bo -= 1 }
            if a < b { out.append((ao, bo, identify(Substring(scalars[a..<b]).unicodeScalars))) }
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if s == "\u{2029}" {
                emit(upTo: i, endOffset: offset)
                scalars.formIndex(after: &i); offset += 1
                blockStart = i; blockOffset = offset; newlinesInGap = 0; lineHasText = false
                continue
            }
            if s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{85}" || s == "\u{2028}" {
                if s == "\r", scalars.index(after: i) < scalars.endIndex, scalars[scalars.index(after: i)] == "\n" {
                    // CRLF counts as one line break
                } else {
                    if !lineHasText { newlinesInGap += 1 } else { newlinesInGap = 1 }
                    lineHasText = false
                    if newlinesInGap == 2 {
                        emit(upTo: i, endOffset: offset)
                        blockStart = i; blockOffset = offset
                    }
                }
            } else if !isSpace(s) {
                lineHasText = true
                newlinesInGap = 0
            }
            scalars.formIndex(after: &i); offset += 1
        }
        emit(upTo: scalars.endIndex, endOffset: offset)
        return out
    }
}
