import Testing
import KerkoCore
@testable import Analysis

/// ANALYSIS.md §8.1: P5 NFKC_Casefold then P6 fold.rules, every row of fold_cases.tsv.
@Suite struct FoldingTests {
    static let cases: [[String]] = (try? TestData.tsv("fold_cases.tsv")) ?? []

    @Test func fixtureIsThere() { #expect(Self.cases.count == 22) }

    @Test(arguments: cases)
    func folds(_ row: [String]) throws {
        let folder = try Folder()
        #expect(try folder.fold(row[0]) == row[1], "\(row[0])")
    }

    @Test func cyrillicLookAlikesInsideLatinWords() throws {
        let folder = try Folder()
        // §1.7: Cyrillic Ё (U+0401) typed for Ë in Gazette titles.
        #expect(try folder.fold("REPUBLIK\u{0401}S") == "republikes")
        #expect(try folder.fold("P\u{0401}R") == "per")
        // All-Cyrillic words stay Serbian and are transliterated.
        #expect(try folder.fold("Република") == "republika")
    }

    /// Long non-ASCII strings are folded in pieces (ICU's transliterator is quadratic on one long string):
    /// same result as folding word by word, in well under a second.
    @Test func longTextFoldsInPieces() throws {
        let folder = try Folder()
        let words = ["Çështjet", "Shëndetësisë", "Општина", "Đorđević", "qeve\u{00AD}risë", "😀"]
        let text = Array(repeating: words.joined(separator: " "), count: 2_000).joined(separator: " ")
        let expected = try Array(repeating: words.map { try folder.fold($0) }.joined(separator: " "), count: 2_000)
            .joined(separator: " ")
        #expect(try folder.fold(text) == expected)
    }

    @Test func asciiFastPathAgreesWithICU() throws {
        let folder = try Folder()
        for w in ["Ligji", "OJQ", "www.kuvendikosoves.org", "d.m.th", "Abc123"] {
            let icu = try folder.fold(normalized: try ICU.nfkcCasefold(w))
            #expect(try folder.fold(w) == icu)
        }
    }
}
