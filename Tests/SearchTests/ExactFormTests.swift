import Foundation
import Ingest
import KerkoCore
import Search
import Testing

/// An exact form ranks above a folded one (CLI.md): with ë/ç typed, documents spelling the word that way
/// come before documents that only match after folding; without diacritics typed, both match equally.
@Suite struct ExactFormTests {
    static let searcher: Searcher = {
        func doc(_ id: String, _ text: String) -> SourceDocument {
            SourceDocument(id: id, path: id, format: .text, title: "", type: .report, lang: .sq, text: text,
                           contentHash: id, byteCount: text.utf8.count)
        }
        let docs = [
            doc("a-folded", "Raporti për shoqërinë civile në Kosove dhe çeshtjet e saj."),
            doc("b-exact", "Raporti për shoqërinë civile në Kosovë dhe çështjet e saj."),
            doc("c-other", "Një tekst tjetër pa lidhje me temën, për buxhetin."),
        ]
        return try! Searcher(reader: try! buildIndex(docs, in: try! makeTempDir("exact"), segments: 1))
    }()

    @Test func diacriticsTypedRankTheExactSpellingFirst() throws {
        for q in ["Kosovë", "çështjet", "shoqërinë Kosovë"] {
            var r = SearchRequest(query: q, explain: true)
            r.algorithm = .reference
            let res = try Self.searcher.search(r)
            #expect(res.hits.map(\.id) == ["b-exact", "a-folded"], "\(q)")
            #expect(res.hits[0].score > res.hits[1].score)
            let top = res.hits[0]
            #expect(abs((top.explanation ?? []).reduce(0) { $0 + $1.score } - top.score) < 1e-9)
            r.algorithm = .automatic
            #expect(try Self.searcher.search(r).hits.map(\.score) == res.hits.map(\.score))
        }
    }

    @Test func noDiacriticsTypedMatchesBothEqually() throws {
        let res = try Self.searcher.search(SearchRequest(query: "kosove"))
        #expect(res.hits.count == 2)
        #expect(res.hits[0].score == res.hits[1].score)
        #expect(res.hits.map(\.id) == ["a-folded", "b-exact"])   // tie: doc id order
    }
}
