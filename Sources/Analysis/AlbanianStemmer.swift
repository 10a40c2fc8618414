/// The Albanian stemmer used by the `sq` chain: the offline form → lemma table first
/// (`AlbanianLexicon`, ANALYSIS.md §10 "offline form→lemma table"), SQ-light (§2.4) for everything else.
///
/// For a form the table knows, the terms are its lemma(s) and nothing else — whole words, so every form of a
/// verb such as `konsultoj` / `konsulton` / `konsultuan` meets at `konsultoj`, and two different lemmas never
/// share a term. Adding the form's own SQ-light stems as well would keep 0.2 points more conflation with
/// forms the table lacks, but makes 32 stems shared between different lemmas on held-out real text
/// (`informate`/`informativ`, `minister`/`ministri`); the lemma's own SQ-light stems are worse still
/// (`shtoj` → `sht` merges `shtuar` "added" with `shtet` "state", §8.3 must-not). Measured in
/// `tools/lemmas/README.md` and `AlbanianLemmaQualityTests`.
public struct AlbanianStemmer: Sendable {
    private let lexicon: AlbanianLexicon?

    /// A stemmer using `lexicon` (default: the bundled table, if present).
    public init(lexicon: AlbanianLexicon? = AlbanianLexicon.shared) {
        self.lexicon = lexicon
    }

    /// The stems of a folded token, primary first.
    public func stems(_ folded: String) -> [String] {
        guard let lemmas = lexicon?.lemmas(folded), !lemmas.isEmpty else { return SQLightStemmer.stems(folded) }
        var out: [String] = []
        for s in lemmas where !out.contains(s) { out.append(s) }
        return out
    }
}
