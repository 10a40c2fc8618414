import Analysis
import Foundation
import Indexing
import Ingest
import KerkoCore
import Present
import Search
import Storage
import Testing

/// Highlights of real `Searcher` hits: the match info Search reports for each query kind, turned into
/// snippets by `HitHighlighter` over the stored text. Every highlight must slice an original word of the
/// document that the query means.
@Suite(.serialized) struct SearchHighlightTests {
    static let fixture = Result { try SnippetTests.Fixture() }

    func folded(_ s: String) throws -> String { try Folder().fold(normalized: Folder().normalize(s)) }

    /// The top hits of `query` with their snippets and title highlights.
    func hits(_ query: String, limit: Int = 5) throws -> [(id: String, snippet: Snippet, title: String, titleHighlights: [Highlight])] {
        let f = try Self.fixture.get()
        let searcher = try Searcher(reader: f.reader)
        let result = try searcher.search(SearchRequest(query: query, limit: limit))
        var h = HitHighlighter()
        return try result.hits.map { hit in
            let doc = try #require(try f.reader.storedDocument(doc: hit.doc))
            let lang = Language(rawValue: f.reader.key(hit.doc)?.lang ?? "") ?? .sq
            let (s, t) = try h.highlight(hit, clauses: result.clauses, title: doc.title, text: doc.text, language: lang)
            return (hit.id, s, doc.title, t)
        }
    }

    func words(_ text: String, _ hs: [Highlight]) -> [String] {
        let s = Array(text.unicodeScalars)
        return hs.map { h in var v = String.UnicodeScalarView(); v.append(contentsOf: s[h.start..<h.end]); return String(v) }
    }

    func check(_ query: String, minimumHits: Int = 1, _ accept: (String) -> Bool) throws {
        let hs = try hits(query)
        #expect(hs.count >= minimumHits, "\(query): \(hs.count) hits")
        var highlighted = 0
        for h in hs {
            for w in try words(h.snippet.text, h.snippet.highlights).map(folded) + (try words(h.title, h.titleHighlights).map(folded)) {
                highlighted += 1
                #expect(accept(w), "\(query): \(h.id) highlights \(w)")
            }
        }
        #expect(highlighted > 0, "\(query): nothing highlighted")
    }

    @Test func foldedWord() throws { try check("ceshtjet") { $0.hasPrefix("ceshtj") } }
    @Test func stemmedWord() throws { try check("ligjit") { $0.hasPrefix("ligj") } }
    @Test func phrase() throws {
        try check("\"shoqërisë civile\"") { $0.hasPrefix("shoqeri") || $0 == "civile" }
        // Only the phrase's occurrences, each marked as one range.
        for h in try hits("\"shoqërisë civile\"") {
            for w in try words(h.snippet.text, h.snippet.highlights).map(folded) {
                #expect(w.hasPrefix("shoqeri") && w.hasSuffix(" civile"), "\(h.id): \(w)")
            }
        }
        // The same words as a plain query highlight every occurrence: more marks than the phrase.
        let loose = try hits("shoqërisë civile").flatMap { try words($0.snippet.text, $0.snippet.highlights).map(folded) }
        #expect(loose.contains("civile"), "\(loose)")
    }
    @Test func prefix() throws { try check("projektligj*") { $0.hasPrefix("projektligj") } }
    @Test func fuzzy() throws { try check("qeverrise~1") { editDistance($0, "qeverrise") <= 1 || $0.hasPrefix("qeveris") } }
    @Test func serbian() throws { try check("zakona", minimumHits: 3) { $0.hasPrefix("zakon") } }
}
