/// SQ-light, the light Albanian suffix stemmer of ANALYSIS.md §2.4, on a folded (P6) token.
///
/// Returns 1–3 stems, primary first, all meant to be indexed at the token's position (like synonyms) and
/// OR-ed at query time. Removes inflection (definite article, case, number, the `-uar` participle and a few
/// verb endings) but deliberately not derivation (`konsultim` ≠ `konsultoj`). Step numbers below are the
/// spec's.
public enum SQLightStemmer {
    /// Words that look inflected but are not (step 1).
    public static let protected: Set<String> = [
        "kredit", "limit", "audit", "deficit", "profit", "tranzit", "statut", "institut", "minut",
    ]

    /// A suffix condition (step 3's table).
    enum Condition { case none, ambiguous, afterI, afterIOrS, afterK, afterIAndAmbiguous }

    /// Step 3's suffixes, longest first, in table order within a length.
    static let suffixes: [(String, Condition)] = [
        ("uarit", .none), ("uarin", .none), ("uarve", .none), ("uarat", .none),
        ("jeje", .none), ("jeve", .none), ("shme", .none), ("shem", .none), ("ohet", .none), ("ohen", .none),
        ("ojne", .none), ("ojme", .none), ("uara", .none), ("uari", .none), ("uare", .none),
        ("eve", .none), ("ave", .none), ("esh", .none), ("ash", .none), ("ish", .none), ("eje", .none),
        ("uar", .none), ("jen", .none), ("jes", .none), ("jet", .none), ("uan", .none), ("uam", .none),
        ("uat", .none),
        ("et", .ambiguous), ("at", .ambiguous), ("it", .ambiguous), ("in", .ambiguous), ("es", .ambiguous),
        ("en", .none), ("ja", .none), ("je", .none), ("oj", .none), ("se", .afterI),
        ("ne", .afterIAndAmbiguous), ("te", .afterI), ("ve", .afterIOrS), ("sh", .afterI),
        ("ut", .afterK), ("un", .afterK),
        ("a", .none), ("e", .none), ("i", .none), ("u", .afterK),
    ]
    /// `suffixes` as UTF-8 bytes, for the matching loop.
    static let suffixBytes: [(bytes: [UInt8], suffix: String, condition: Condition)] =
        suffixes.map { (Array($0.0.utf8), $0.0, $0.1) }

    /// Suffixes after which a final `i` of the stem is also dropped (step 4).
    static let iDrop: Set<String> = ["a", "e", "se", "ne", "te", "ve", "sh", "i"]

    /// The stems of a folded token, primary first (§2.4 steps 1–7).
    public static func stems(_ folded: String) -> [String] {
        let w = Array(folded.utf8)
        // Step 1: short, non-letter or protected tokens are returned as they are.
        guard w.count >= 4, w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), !protected.contains(folded) else {
            return [folded]
        }
        // Step 2: -izëm → -izm.
        var word = w
        if word.suffix(4).elementsEqual("izem".utf8) { word.removeLast(4); word += "izm".utf8 }
        // Step 3.
        for (x, suffix, cond) in suffixBytes {
            guard word.count > x.count, word.suffix(x.count).elementsEqual(x) else { continue }
            let s = Array(word.dropLast(x.count))
            guard passes(stem: s, suffix: x, cond) else { continue }
            return finish(token: word, stem: s, suffix: suffix, cond)
        }
        return [String(decoding: word, as: UTF8.self)]
    }

    /// Checks M, D and the suffix's own condition.
    static func passes(stem s: [UInt8], suffix x: [UInt8], _ cond: Condition) -> Bool {
        // M: minimum stem length (4 for the uar family).
        let minimum = x.starts(with: "uar".utf8) ? 4 : 3
        guard s.count >= minimum, let last = s.last else { return false }
        // D: never split a digraph (gj nj dh sh th xh zh ll rr).
        switch x[0] {
        case UInt8(ascii: "j"): if last == UInt8(ascii: "g") || last == UInt8(ascii: "n") { return false }
        case UInt8(ascii: "h"): if "dstxz".utf8.contains(last) { return false }
        case UInt8(ascii: "l"): if last == UInt8(ascii: "l") { return false }
        case UInt8(ascii: "r"): if last == UInt8(ascii: "r") { return false }
        default: break
        }
        switch cond {
        case .none, .ambiguous: return true
        case .afterI, .afterIAndAmbiguous: return last == UInt8(ascii: "i")
        case .afterIOrS: return last == UInt8(ascii: "i") || last == UInt8(ascii: "s")
        case .afterK:
            if last == UInt8(ascii: "k") || last == UInt8(ascii: "g") { return true }
            if last == UInt8(ascii: "h") { return s.count < 2 || !"dstxz".utf8.contains(s[s.count - 2]) }
            return false
        }
    }

    /// Steps 4–7.
    static func finish(token: [UInt8], stem s: [UInt8], suffix: String, _ cond: Condition) -> [String] {
        var out: [String] = []
        func add(_ b: some Collection<UInt8>) {
            let str = String(decoding: b, as: UTF8.self)
            if !out.contains(str) { out.append(str) }
        }
        // Step 4: i-drop.
        if iDrop.contains(suffix), s.last == UInt8(ascii: "i"), s.count - 1 >= 3 {
            add(s.dropLast()); add(s)
        } else {
            add(s)
        }
        // Step 5: the ambiguous endings are also common stem endings.
        if cond == .ambiguous { add(token) }
        if cond == .afterIAndAmbiguous { add(token.dropLast()) }
        // Step 6: -ive → also the token minus its final e (administrative → administrativ).
        if suffix == "ve", s.last == UInt8(ascii: "i") { add(token.dropLast()) }
        return out
    }
}
