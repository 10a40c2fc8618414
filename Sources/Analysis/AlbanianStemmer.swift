/// The Albanian stemmer used by the `sq` chain: the offline form → lemma table first
/// (`AlbanianLexicon`, ANALYSIS.md §10 "offline form→lemma table"), SQ-light (§2.4) for everything else.
///
/// For a form the table knows, the terms are its lemma(s) — whole words, so every form of a verb such as
/// `konsultoj` / `konsulton` / `konsultuan` meets at `konsultoj` — followed by the SQ-light stems of the form
/// itself, so that the conflation SQ-light gives (with forms the table lacks) is never lost. Primary first,
/// no duplicates. The lemma's own SQ-light stems are deliberately not added: its short alternatives
/// (`shtoj` → `sht`) would merge unrelated words (`shtuar` "added" with `shtet` "state", §8.3 must-not).
public struct AlbanianStemmer: Sendable {
    private let lexicon: AlbanianLexicon?

    /// A stemmer using `lexicon` (default: the bundled table, if present).
    public init(lexicon: AlbanianLexicon? = AlbanianLexicon.shared) {
        self.lexicon = lexicon
    }

    /// The stems of a folded token, primary first.
    public func stems(_ folded: String) -> [String] {
        let own = SQLightStemmer.stems(folded)
        guard let lemmas = lexicon?.lemmas(folded), !lemmas.isEmpty else { return own }
        var out: [String] = []
        for s in lemmas + own where !out.contains(s) { out.append(s) }
        return out
    }
}
