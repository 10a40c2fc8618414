import Testing
@testable import Analysis

/// ANALYSIS.md §8.3: SQ-light exact stems (sq_cases.tsv), the conflation property for both SQ-light and the
/// lexicon-first AlbanianStemmer, the must-not-conflate pairs, and the documented known failures.
@Suite struct AlbanianStemmerTests {
    static let cases: [[String]] = (try? TestData.tsv("sq_cases.tsv", header: true)) ?? []

    @Test func fixtureIsThere() { #expect(Self.cases.count == 156) }

    @Test(arguments: cases)
    func sqLightExactStems(_ row: [String]) throws {
        let folded = try Folder().fold(row[0])
        #expect(folded == row[1], "fold of \(row[0])")
        #expect(SQLightStemmer.stems(row[1]) == row[2].split(separator: "|").map(String.init), "\(row[1])")
    }

    static let conflationSets: [[String]] = [
        ["ligj", "ligji", "ligjin", "ligjit", "ligje", "ligjet", "ligjeve", "ligjesh"],
        ["komunë", "komuna", "komunën", "komunës", "komunat", "komunave"],
        ["ministri", "ministria", "ministrinë", "ministrisë", "ministritë", "ministrive", "Ministritë"],
        ["rregullore", "rregullorja", "rregulloren", "rregullores", "rregulloret", "rregulloreve"],
        ["zgjedhje", "zgjedhjet", "zgjedhjeve", "zgjedhjeje", "zgjedhjes"],
        ["lagje", "lagja", "lagjen"],
        ["buxhet", "buxheti", "buxhetin", "buxhetit", "buxhetet"],
        ["punonjës", "punonjësi", "punonjësit", "punonjësve"],
        ["neni", "nenit", "nenet", "neneve"],
        ["shoqëri", "shoqërinë", "shoqërive"],
        ["strategji", "strategjia", "strategjisë"],
        ["konsultim", "konsultimi", "konsultimit", "konsultime"],
        ["dialog", "dialogu", "dialogut"],
        ["statut", "statuti", "statutit"],
        ["mekanizëm", "mekanizmi", "mekanizmave"],
        ["Prishtinë", "Prishtina", "Prishtinës"],
        ["përgjegjësi", "përgjegjësia", "përgjegjësisë"],
        ["administrativ", "administrative"],
        ["shtet", "shteti", "shtetit"],
        ["komunitetet", "Komuniteteve"],
    ]

    static let mustNotConflate: [(String, String)] = [("komunë", "komunitet"), ("shtuar", "shtet"), ("ligj", "lagje")]

    static let knownFailures: [(String, String)] = [
        ("ministër", "ministri"), ("numër", "numri"), ("fshat", "fshatra"),
        ("konsultoj", "konsulton"), ("konsultim", "konsultuar"),
    ]

    /// The two stemmers under test, by name.
    static func stems(_ stemmer: String, _ word: String) throws -> Set<String> {
        let folded = try Folder().fold(word)
        return Set(stemmer == "sq-light" ? SQLightStemmer.stems(folded) : AlbanianStemmer().stems(folded))
    }

    @Test(arguments: ["sq-light", "lexicon+sq-light"], conflationSets)
    func conflates(_ stemmer: String, _ set: [String]) throws {
        let first = try Self.stems(stemmer, set[0])
        for w in set.dropFirst() {
            let other = try Self.stems(stemmer, w)
            #expect(!first.isDisjoint(with: other), "\(set[0]) \(first) vs \(w) \(other)")
        }
    }

    @Test(arguments: ["sq-light", "lexicon+sq-light"])
    func keepsApart(_ stemmer: String) throws {
        for (a, b) in Self.mustNotConflate {
            let (sa, sb) = (try Self.stems(stemmer, a), try Self.stems(stemmer, b))
            #expect(sa.isDisjoint(with: sb), "\(a) \(sa) vs \(b) \(sb)")
        }
    }

    /// §8.3 known failures of SQ-light: documented, not fixed ad hoc.
    @Test func sqLightKnownFailures() throws {
        for (a, b) in Self.knownFailures {
            let (sa, sb) = (try Self.stems("sq-light", a), try Self.stems("sq-light", b))
            withKnownIssue("SQ-light does not conflate \(a) / \(b) (§2.4 known limitations)") {
                #expect(!sa.isDisjoint(with: sb), "\(a) \(sa) vs \(b) \(sb)")
            }
        }
    }

    /// The same pairs through the lexicon-first stemmer: the form→lemma table may fix some (verbs), so the
    /// issue is intermittent by design until the table is final.
    @Test func lexiconStemmerKnownFailures() throws {
        for (a, b) in Self.knownFailures {
            let (sa, sb) = (try Self.stems("lexicon", a), try Self.stems("lexicon", b))
            withKnownIssue("\(a) / \(b) depends on the form→lemma table's coverage", isIntermittent: true) {
                #expect(!sa.isDisjoint(with: sb), "\(a) \(sa) vs \(b) \(sb)")
            }
        }
    }

    @Test func lexiconFirstThenSQLight() {
        let lexicon = AlbanianLexicon(tsv: "# test table\nkonsulton\tkonsultoj\nministrit\tminister|ministri\n")
        let stemmer = AlbanianStemmer(lexicon: lexicon)
        // A known form: its lemma(s) only, in the table's order (so different lemmas never share a term).
        #expect(stemmer.stems("konsulton") == ["konsultoj"])
        #expect(stemmer.stems("ministrit") == ["minister", "ministri"])
        // Unknown form: SQ-light.
        #expect(stemmer.stems("ligjeve") == SQLightStemmer.stems("ligjeve"))
    }
}
