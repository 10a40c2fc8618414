import Foundation
import Testing
@testable import Analysis

/// Quality of the Albanian stemmer (form → lemma table + SQ-light) on evaluation sets the table was not built
/// from; the metric is ANALYSIS.md §2.4's. The sets, their design and the figures measured with the Python
/// reference are in tools/lemmas/README.md:
/// * `Fixtures/sq-heldout-text.tsv` — every noun/adjective/verb form of real Kosovo text (Gazette act pages,
///   the CiviKos report) with a single uniparser-albanian analysis. The table is generated from the lexicon's
///   paradigms only and never reads this text; the lexicon covers most of it (the realistic figure).
/// * `Fixtures/sq-heldout.tsv` — all standard forms of lemmas held out of the table (5 % of the lexicon,
///   md5 split): what happens to words the table does not know (SQ-light's own figure; the table must not
///   make it worse).
/// Gold lemmas are uniparser's, so on covered words the figure checks that the table groups every form of a
/// lemma under shared terms and keeps lemmas apart; it is not an independent accuracy measurement.
@Suite("Albanian lemma quality (held-out)")
struct AlbanianLemmaQualityTests {
    struct Row { let form: String; let lemma: String; let pos: String }

    struct Figures: CustomStringConvertible {
        var forms = 0, lemmas = 0, pairs = 0, conflatedPairs = 0
        /// Terms that forms of more than one gold lemma produce (over-stemming).
        var sharedTerms = 0
        var conflation: Double { pairs == 0 ? .nan : Double(conflatedPairs) / Double(pairs) }
        var description: String {
            String(format: "%d forms, %d lemmas, %d same-lemma pairs: conflation %.1f %%, %d cross-lemma shared terms",
                   forms, lemmas, pairs, 100 * conflation, sharedTerms)
        }
    }

    static func load(_ name: String) throws -> [Row] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard c.count >= 3 else { return nil }
            return Row(form: String(c[0]), lemma: String(c[1]), pos: String(c[2]))
        }
    }

    static func measure(_ rows: [Row], _ stems: (String) -> [String]) -> Figures {
        var byLemma: [String: Set<String>] = [:]
        for r in rows { byLemma[r.lemma, default: []].insert(r.form) }
        var terms: [String: Set<String>] = [:]
        for r in rows where terms[r.form] == nil { terms[r.form] = Set(stems(r.form)) }
        var f = Figures()
        f.forms = terms.count
        f.lemmas = byLemma.count
        for forms in byLemma.values {
            let fs = forms.sorted()
            for i in fs.indices {
                for j in fs.indices where j > i {
                    f.pairs += 1
                    if !terms[fs[i]]!.isDisjoint(with: terms[fs[j]]!) { f.conflatedPairs += 1 }
                }
            }
        }
        var termLemmas: [String: Set<String>] = [:]
        for r in rows { for t in terms[r.form]! { termLemmas[t, default: []].insert(r.lemma) } }
        f.sharedTerms = termLemmas.values.filter { $0.count > 1 }.count
        return f
    }

    static let stemmer = AlbanianStemmer()
    static func table(_ s: String) -> [String] { stemmer.stems(s) }
    static func light(_ s: String) -> [String] { SQLightStemmer.stems(s) }
    static func nounsAdjectives(_ rows: [Row]) -> [Row] { rows.filter { $0.pos == "NOUN" || $0.pos == "ADJ" } }

    @Test func tableIsBundled() throws {
        let start = ContinuousClock.now
        let lexicon = try #require(AlbanianLexicon.shared)
        print("sq-lemmas.tsv: \(lexicon.count) forms, first use \(ContinuousClock.now - start)")
        #expect(lexicon.count > 500_000)
        #expect(lexicon.lemmas("komuna") == ["komune"])              // prefix-coded `5e`
        #expect(lexicon.lemmas("ligjeve")?.contains("ligj") == true)
        #expect(lexicon.lemmas("kemi") == ["kam"])                   // suppletive verb form
        #expect(lexicon.lemmas("qwxzq") == nil)
    }

    /// The bundled table is mapped and searched by byte offset without being parsed, which is only right
    /// if the file is canonical (sorted, one well-formed line per form); and every form in it must then be
    /// found with exactly the lemmas its own line gives, and forms between two lines must not be found.
    @Test func mappedTableFindsEveryFormOfItsFile() throws {
        let lexicon = try #require(AlbanianLexicon.shared)
        #expect(lexicon.isCanonical)
        let url = try #require(AlbanianLexicon.resourceURL)
        let text = try String(contentsOf: url, encoding: .utf8)
        // The same table parsed in code (sorted and rewritten once) must answer the same.
        let parsed = AlbanianLexicon(tsv: text)
        var checked = 0, missing = 0
        for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") && n % 5 == 0 {
            let parts = line.split(separator: "\t", maxSplits: 1)
            let form = String(parts[0])
            let expected = parts[1].split(separator: "|").map { code -> String in
                let digits = code.prefix { $0.isASCII && $0.isNumber }
                let shared = Array(form.utf8.prefix(Int(digits) ?? 0))
                return String(decoding: shared, as: UTF8.self) + code.dropFirst(digits.count)
            }
            #expect(lexicon.lemmas(form) == expected, "\(form)")
            #expect(parsed.lemmas(form) == expected, "\(form)")
            if lexicon.lemmas(form + "\u{1}") != nil { missing += 1 }   // sorts between this line and the next
            checked += 1
        }
        #expect(checked > 100_000)
        #expect(missing == 0)
        #expect(lexicon.lemmas("") == nil && lexicon.lemmas("a") == parsed.lemmas("a"))
        #expect(lexicon.lemmas("zzzzzzzz") == nil && lexicon.lemmas("\u{1}") == nil)
    }

    /// The held-out set is only honest if the table does not know its forms as forms of their gold lemma.
    @Test func heldOutLemmasAreNotInTheTable() throws {
        let lexicon = try #require(AlbanianLexicon.shared)
        let leaked = try Self.load("sq-heldout.tsv").filter { lexicon.lemmas($0.form)?.contains($0.lemma) == true }
        #expect(leaked.isEmpty, "\(leaked.prefix(5).map(\.form))")
    }

    /// The realistic figure: real Kosovo text, nouns + adjectives. Python reference (tools/lemmas/evaluate.py):
    /// see README; SQ-light alone is lower and shares more terms across lemmas.
    @Test func realTextNounsAndAdjectives() throws {
        let rows = Self.nounsAdjectives(try Self.load("sq-heldout-text.tsv"))
        try #require(rows.count > 1_000)
        let withTable = Self.measure(rows, Self.table), alone = Self.measure(rows, Self.light)
        print("real text N+A  SQ-light: \(alone)\n               table+SQ-light: \(withTable)")
        #expect(withTable.conflation >= 0.85)
        #expect(withTable.conflation >= alone.conflation)
        #expect(withTable.sharedTerms <= Self.maxSharedText)
    }

    /// Words the table does not know: the table must not make SQ-light worse (homographs of known forms are
    /// the only way it can), and over-stemming stays at SQ-light's level.
    @Test func heldOutLemmasNounsAndAdjectives() throws {
        let rows = Self.nounsAdjectives(try Self.load("sq-heldout.tsv"))
        try #require(rows.count > 1_000)
        let withTable = Self.measure(rows, Self.table), alone = Self.measure(rows, Self.light)
        print("held-out N+A   SQ-light: \(alone)\n               table+SQ-light: \(withTable)")
        #expect(withTable.conflation >= alone.conflation - 0.005)
        #expect(withTable.conflation >= Self.minHeldOutConflation)
        #expect(withTable.sharedTerms <= Self.maxSharedHeldOut)
    }

    @Test func verbs() throws {
        let text = try Self.load("sq-heldout-text.tsv").filter { $0.pos == "VERB" }
        let held = try Self.load("sq-heldout.tsv").filter { $0.pos == "VERB" }
        let t = Self.measure(text, Self.table), tl = Self.measure(text, Self.light)
        let h = Self.measure(held, Self.table), hl = Self.measure(held, Self.light)
        print("real text verbs SQ-light: \(tl)\n               table+SQ-light: \(t)")
        print("held-out verbs  SQ-light: \(hl)\n               table+SQ-light: \(h)")
        #expect(t.conflation >= Self.minTextVerbConflation)
        #expect(h.conflation >= hl.conflation - 0.005)
    }

    // Thresholds = the figures measured with tools/lemmas/evaluate.py (README, "swift" column), so a regression
    // fails. Real text N+A: AlbanianStemmer emits only the lemma for forms the table knows: 98.8 % conflation
    // and 0 cross-lemma shared terms (SQ-light alone: 96.8 %, 31 shared; lemma + the form's own SQ-light stems
    // would give 99.0 % but 32 shared, mostly derivational families: informate/informativ → `informat`).
    // Held-out lemmas N+A: 75.6 % and 2 shared terms, identical to SQ-light alone (the table cannot know them).
    // Real-text verbs: 91.9 % (SQ-light alone 13.5 %).
    static let maxSharedText = 0
    static let minHeldOutConflation = 0.75
    static let maxSharedHeldOut = 2
    static let minTextVerbConflation = 0.90
}
