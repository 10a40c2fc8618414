/// The Albanian stemmer used by the `sq` chain: the offline form → lemma table first
/// (`AlbanianLexicon`, ANALYSIS.md §10 "offline form→lemma table"), SQ-light (§2.4) for everything else.
///
/// For a form the table knows, the terms are the SQ-light stems of each lemma (so a known form meets the
/// unknown forms of the same word, which SQ-light stems), followed by the SQ-light stems of the form
/// itself (so that conflation SQ-light gives is never lost). Primary first, no duplicates.
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
        for lemma in lemmas {
            for s in SQLightStemmer.stems(lemma) where !out.contains(s) { out.append(s) }
        }
        for s in own where !out.contains(s) { out.append(s) }
        return out
    }
}
