import Foundation
import Ingest
@testable import Present
import Testing

/// Near-duplicate grouping on the real corpus: the same text in several files (the derived encodings and
/// office/PDF versions listed in corpus/CORPUS.md) groups together, and nothing else does.
@Suite struct NearDuplicatesTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus")

    @Test func copiesOfOneTextGroupAndDistinctDocumentsDoNot() throws {
        let docs = Ingestor().read(paths: [Self.corpus.path]).documents.sorted { $0.id < $1.id }
        try #require(docs.count > 50)
        let nd = NearDuplicates()
        let groups = nd.group(docs.map { nd.sketch($0.text) })
        let named = Set(groups.filter { $0.count > 1 }.map { Set($0.map { docs[$0].id }) })
        // The copies CORPUS.md documents as derived from one source text.
        #expect(named == [
            ["office/civikos-report-2012-2013.sq.docx", "pdf/civikos-report-2012-2013.sq.pdf",
             "seeds/civikos-report-2012-2013.sq.txt", "text/civikos-report-2012-2013.cp1250.sq.txt"],
            ["office/kosovo-we-want-2nd-congress.en.odt", "seeds/kosovo-we-want-2nd-congress.en.txt",
             "text/kosovo-we-want-2nd-congress.utf16.en.txt"],
            ["text/gazette-titles.cp1250.sr.txt", "text/gazette-titles.iso8859-2.sr.txt", "text/gazette-titles.sr.txt"],
        ])
    }

    /// The word hashing's table for U+0000–U+024F must give what the Unicode properties give: checked on
    /// every scalar of the range (and its neighbours past the table), alone and inside words, and on the
    /// whole text of every corpus document (Albanian, Serbian Cyrillic and Latin, English).
    @Test func wordHashesAgreeWithUnicodeProperties() throws {
        func reference(_ text: String) -> [UInt64] {
            var words: [UInt64] = [], h: UInt64 = 0xcbf2_9ce4_8422_2325, inWord = false
            for s in text.unicodeScalars {
                if s.properties.isAlphabetic || s.properties.numericType != nil {
                    for c in s.properties.lowercaseMapping.unicodeScalars { h = (h ^ UInt64(c.value)) &* 0x0000_0100_0000_01B3 }
                    inWord = true
                } else if inWord {
                    words.append(h); h = 0xcbf2_9ce4_8422_2325; inWord = false
                }
            }
            if inWord { words.append(h) }
            return words
        }
        var checked = 0
        for v in UInt32(0)..<0x300 {
            guard let u = Unicode.Scalar(v) else { continue }
            let c = String(Character(u))
            for text in [c, "ab" + c + "cd ef", "x " + c + " " + c + c + " 9"] {
                #expect(NearDuplicates.wordHashes(text) == reference(text), "U+\(String(v, radix: 16))")
                checked += 1
            }
        }
        let docs = Ingestor().read(paths: [Self.corpus.path]).documents
        try #require(docs.count > 50)
        for d in docs { #expect(NearDuplicates.wordHashes(d.text) == reference(d.text), "\(d.id)") }
        #expect(checked == 3 * 0x300)
    }

    @Test func resemblanceIsAJaccardEstimate() {
        let nd = NearDuplicates()
        let a = "Organizatat e shoqërisë civile monitorojnë zbatimin e ligjeve dhe marrin pjesë në konsultime publike për projektligjet e Qeverisë"
        #expect(nd.resemblance(nd.sketch(a), nd.sketch(a)) == 1)
        // Case, punctuation and line breaks do not matter; word order does.
        #expect(nd.resemblance(nd.sketch(a), nd.sketch(a.uppercased().replacingOccurrences(of: " ", with: "\n"))) == 1)
        let reordered = a.split(separator: " ").reversed().joined(separator: " ")
        #expect(nd.resemblance(nd.sketch(a), nd.sketch(reordered)) < 0.2)
        // Too short to judge: never a duplicate.
        #expect(nd.resemblance(nd.sketch("Ligji për arsimin"), nd.sketch("Ligji për arsimin")) == 0)
        #expect(nd.group([nd.sketch(a), nd.sketch(reordered), nd.sketch(a)]) == [[0, 2], [1]])
    }
}
