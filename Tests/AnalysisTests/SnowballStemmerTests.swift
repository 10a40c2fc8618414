import Testing
@testable import Analysis

/// ANALYSIS.md §4 / §8.4 (english = Porter2) and §5 / §8.5 (serbian, on the folded token, folded again).
@Suite struct SnowballStemmerTests {
    static let english: [[String]] = (try? TestData.tsv("en_porter2_cases.tsv")) ?? []
    static let serbian: [[String]] = (try? TestData.tsv("sr_snowball_cases.tsv")) ?? []

    @Test func fixturesAreThere() {
        #expect(Self.english.count == 18)
        #expect(Self.serbian.count == 24)
    }

    @Test(arguments: english)
    func porter2(_ row: [String]) throws {
        let stemmer = try SnowballStemmer(algorithm: "english")
        #expect(stemmer.stem(try Folder().fold(row[0])) == row[1], "\(row[0])")
    }

    /// Column 3 (the folded stem) is the indexed term: stem(fold(input)) folded again.
    /// Rows where the fixture's column 3 is fold(stem(raw)) while §5/P8 prescribe fold(stem(fold(raw))):
    /// Snowball rewrites `dj` → `đ` (`djordjevic` → `đordevic`), so only stemming the folded form keeps the
    /// Cyrillic, Latin and ASCII spellings together (see `serbianSpellingsMeet`). We follow P8.
    static let foldBeforeStemRows: Set<String> = ["đorđević"]

    @Test(arguments: serbian)
    func serbianFoldedStem(_ row: [String]) throws {
        let analyzer = try Analyzer(language: .sr)
        let tokens = try analyzer.analyze(row[0])
        #expect(tokens.count == 1)
        let term = tokens.first?.term
        if Self.foldBeforeStemRows.contains(row[0]) {
            withKnownIssue("fixture stems the unfolded form; P8 stems the folded one") {
                #expect(term == row[2], "\(row[0])")
            }
        } else {
            #expect(term == row[2], "\(row[0])")
        }
    }

    /// §5: Cyrillic, Latin with diacritics and ASCII-typed Serbian get the same indexed term.
    @Test(arguments: [["Ђорђевић", "Đorđević", "Djordjevic"], ["општине", "opštine", "opstine"],
                      ["буџета", "budžeta", "budzeta"], ["Скупштине", "skupštine", "skupstine"]])
    func serbianSpellingsMeet(_ spellings: [String]) throws {
        let analyzer = try Analyzer(language: .sr)
        let terms = try spellings.map { try analyzer.analyze($0).first?.term }
        #expect(Set(terms).count == 1, "\(terms)")
    }

    @Test func unknownAlgorithmThrows() {
        #expect(throws: (any Error).self) { try SnowballStemmer(algorithm: "albanian") }
    }
}
