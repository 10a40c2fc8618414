import KerkoCore

/// Recognises the document type, and the language of its wording, from Albanian, Serbian and English
/// words in any inflection. Text is folded (NFKC_Casefold, diacritics removed, Cyrillic → Latin) and split
/// into words; a pattern is a sequence of word stems, each matching a word that starts with it (with at most
/// six more letters), or exactly (optionally plus "s") when written with a trailing `$`. The earliest match
/// in the text wins; on a tie, the longer pattern.
public enum DocumentTypeRecognizer {
    struct Pattern { let stems: [String]; let type: DocumentType; let lang: Language }

    static let patterns: [Pattern] = {
        var p: [Pattern] = []
        func add(_ t: DocumentType, _ l: Language, _ phrases: String...) {
            for ph in phrases { p.append(Pattern(stems: ph.split(separator: " ").map(String.init), type: t, lang: l)) }
        }
        add(.draftLaw, .sq, "projektligj", "projekt ligj", "projektkod")
        add(.draftLaw, .sr, "nacrt zakon", "predlog zakon", "prednacrt zakon", "nacrt", "predlog")
        add(.draftLaw, .en, "draft law$", "draft act$", "bill$", "proposal$", "draft$")
        add(.administrativeInstruction, .sq, "udhezim administrativ", "udhezim")
        add(.administrativeInstruction, .sr, "administrativn uputstv", "uputstv", "uputstav")
        add(.administrativeInstruction, .en, "administrative instruction$", "instruction$")
        add(.regulation, .sq, "rregullor")
        add(.regulation, .sr, "uredb", "pravilnik", "regulativ")
        add(.regulation, .en, "regulation$", "rule$", "ordinance$")
        add(.decision, .sq, "vendim", "rezolut")
        add(.decision, .sr, "odluk", "rezolucij")
        add(.decision, .en, "decision$", "resolution$", "decree$")
        add(.strategy, .sq, "strategji")
        add(.strategy, .sr, "strategij")
        add(.strategy, .en, "strategy$", "strategies$", "action plan$")
        add(.conceptDocument, .sq, "koncept dokument", "konceptdokument", "koncept")
        add(.conceptDocument, .en, "concept document$", "concept paper$", "concept note$")
        add(.report, .sq, "raport")
        add(.report, .sr, "izvestaj", "izvjestaj")
        add(.report, .en, "report$", "congress$")
        add(.debate, .sq, "debat", "procesverbal", "transkript")
        add(.debate, .sr, "stenografsk", "zapisnik")
        add(.debate, .en, "debate$", "hansard$", "transcript$", "minutes$")
        add(.judgment, .sq, "aktgjykim", "aktvendim")
        add(.judgment, .sr, "presud")
        add(.judgment, .en, "judgment$", "judgement$", "ruling$")
        add(.law, .sq, "ligj", "kod", "kodi", "kushtetut")
        add(.law, .sr, "zakon", "zakonik", "ustav")
        add(.law, .en, "law$", "act$", "code$", "constitution$", "statute$")
        return p
    }()

    /// Words that start like a type stem but mean something else ("ligjore" = legal, "kodim" = coding…).
    private static let excluded = ["ligjor", "ligjsh", "ligjvenes", "ligjerat", "zakonit", "zakonsk",
                                   "kodim", "kodifik", "konceptual", "draftim", "nacrtan", "predlaz", "predlozi",
                                   "vendimmarr", "raportu", "udhezimet e", "strategjik", "strategijsk"]

    /// Each pattern's stems as UTF-8 (without the `$`) and whether they must match exactly, and the excluded
    /// prefixes as UTF-8: for `wordMatches` on ASCII words.
    private static let stemBytes: [[(bytes: [UInt8], exact: Bool)]] = patterns.map { p in
        p.stems.map { st in st.hasSuffix("$") ? (Array(st.dropLast().utf8), true) : (Array(st.utf8), false) }
    }
    private static let excludedBytes: [[UInt8]] = excluded.map { Array($0.utf8) }

    /// `wordMatches(word, patterns[j].stems[k])`; for an ASCII word on its bytes (there a Character is a
    /// byte: a word holds no CR LF), else by the general code.
    @inline(__always) static func wordMatches(_ word: Substring, pattern j: Int, stem k: Int) -> Bool {
        let u = word.utf8
        guard u.allSatisfy({ $0 < 0x80 }) else { return wordMatches(word, patterns[j].stems[k]) }
        let (st, exact) = stemBytes[j][k]
        if exact {
            return u.elementsEqual(st) || (u.count == st.count + 1 && u.starts(with: st) && u.last == 0x73)
        }
        guard u.starts(with: st), u.count - st.count <= 6 else { return false }
        return !excludedBytes.contains { u.starts(with: $0) && $0.count > st.count }
    }

    static func wordMatches(_ word: Substring, _ stem: String) -> Bool {
        if stem.hasSuffix("$") {
            let s = stem.dropLast()
            return word == s || word == s + "s"
        }
        guard word.hasPrefix(stem), word.count - stem.count <= 6 else { return false }
        return !excluded.contains { word.hasPrefix($0) && $0.count > stem.count }
    }

    /// The earliest type wording in `text`: its type, language and word index.
    public static func recognize(_ text: String) -> (type: DocumentType, lang: Language)? {
        match(text).map { ($0.type, $0.lang) }
    }

    /// `match(text)` when its word index is 0 (a type wording opens the text), else nil — without trying
    /// the later words.
    static func matchAtFirstWord(_ text: String) -> (type: DocumentType, lang: Language)? {
        let words = Folding.fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard !words.isEmpty else { return nil }
        return best(at: words.startIndex, in: words).map { ($0.type, $0.lang) }
    }

    /// False only when `matchAtFirstWord` of the text whose UTF-8 bytes are `tail` is nil, judged from its
    /// first word alone: when the text opens with ASCII letters and digits ended by an ASCII byte that is
    /// neither (or by the end), that is the first folded word, lower-cased (an ASCII letter or digit followed by
    /// ASCII forms a Character of its own, ASCII folds to its lower case, and an ASCII separator only composes
    /// with a following mark into a symbol, still a separator); a match needs its first stem to match it.
    /// Otherwise true (not judged).
    static func firstWordMayMatch(_ tail: ArraySlice<UInt8>) -> Bool {
        var w: [UInt8] = []
        var i = tail.startIndex
        while i < tail.endIndex {
            let c = tail[i]
            if (c | 0x20) &- 0x61 < 26 { w.append(c | 0x20) }
            else if c &- 0x30 < 10 { w.append(c) }
            else { break }
            i += 1
        }
        guard let f = w.first, f >= 0x61 else { return true }
        if i < tail.endIndex && tail[i] >= 0x80 { return true }
        let word = Substring(decoding: w, as: UTF8.self)
        for j in patterns.indices where firstBytes[j] == f {
            if wordMatches(word, pattern: j, stem: 0) { return true }
        }
        return false
    }

    /// The most words a pattern has.
    static let maxStems = patterns.map(\.stems.count).max()!

    /// An end for the opening of `tail` (UTF-8) that `matchAtFirstWord(opening:)` can judge: an ASCII byte
    /// that is not a letter or digit, after an ASCII byte, once more than `maxStems` runs of possible word
    /// bytes (ASCII letters and digits, any non-ASCII) have passed; nil when there is none.
    static func openingCut(_ tail: ArraySlice<UInt8>) -> Int? {
        var runs = 0, inRun = false
        var i = tail.startIndex
        while i < tail.endIndex {
            let c = tail[i]
            let wordByte = c >= 0x80 || (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10
            if wordByte {
                if !inRun { runs += 1 }
                inRun = true
            } else {
                if runs > maxStems && i > tail.startIndex && tail[i - 1] < 0x80 { return i }
                inRun = false
            }
            i += 1
        }
        return nil
    }

    /// `matchAtFirstWord(t)` for any text `t` that begins with `opening` followed by an ASCII character that
    /// is not a letter or digit — nil (not judged) when `opening` has fewer than `maxStems` folded words.
    /// Such a cut is a folding boundary (ASCII composes with nothing before it; its folded form is itself
    /// when not a letter or digit) and a Character boundary after ASCII, so the folded words of `t` begin
    /// with those of `opening`, complete; a match at word 0 uses at most `maxStems` of them.
    static func matchAtFirstWord(opening: String) -> (type: DocumentType, lang: Language)?? {
        let words = Folding.fold(opening).split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard words.count >= maxStems else { return nil }
        return .some(best(at: words.startIndex, in: words).map { ($0.type, $0.lang) })
    }

    /// First UTF-8 byte of each pattern's first stem (all stems are ASCII): a word whose first byte differs
    /// cannot match it (its first Character differs), so the pattern is not tried.
    private static let firstBytes: [UInt8] = patterns.map { $0.stems[0].utf8.first! }

    /// The longest pattern (the first of equals) matching at word `i`.
    private static func best(at i: Int, in words: [Substring]) -> Pattern? {
        var best: Pattern?
        guard let f = words[i].utf8.first else { return nil }
        for (j, p) in patterns.enumerated() where firstBytes[j] == f && i + p.stems.count <= words.count {
            var ok = true
            for k in p.stems.indices where !wordMatches(words[i + k], pattern: j, stem: k) { ok = false; break }
            if ok, best == nil || p.stems.count > best!.stems.count { best = p }
        }
        return best
    }

    static func match(_ text: String) -> (type: DocumentType, lang: Language, word: Int)? {
        let words = Folding.fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard !words.isEmpty else { return nil }
        for i in words.indices {
            if let best = best(at: i, in: words) { return (best.type, best.lang, i) }
        }
        return nil
    }
}
