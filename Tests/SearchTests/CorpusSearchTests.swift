import Foundation
import Indexing
import KerkoCore
import Search
import Storage
import Testing

/// Searches a new user would type on the bundled corpus (corpus/CORPUS.md), with and without ë/ç,
/// asserting the documents a person would expect come first.
@Suite struct CorpusSearchTests {
    let s = corpusSearcher

    func search(_ q: String, limit: Int = 10, expand: Bool = false, configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchResult {
        var r = SearchRequest(query: q, limit: limit, expand: expand, explain: true)
        configure(&r)
        return try s.search(r)
    }

    func lang(_ h: Hit) -> String { s.reader.key(h.doc)?.lang ?? "" }
    func type(_ h: Hit) -> String { s.reader.key(h.doc)?.type ?? "" }

    static let civikos = "civikos-report-2012-2013"

    @Test("civil-society questions find the CiviKos report first, with and without ë/ç",
          arguments: ["ceshtjet e shoqerise civile", "çështjet e shoqërisë civile", "shoqeria civile", "Shoqëria Civile",
                      "organizatat e shoqerise civile", "\"shoqërisë civile\"", "projektligji", "projekt-ligji"])
    func civilSociety(_ q: String) throws {
        let r = try search(q)
        #expect(r.total > 0)
        for h in r.hits.prefix(4) { #expect(h.id.contains(Self.civikos), "\(q): \(r.hits.map(\.id))") }
    }

    @Test("ligjit per arsimin: the act that speaks of laws and education comes first, ë or not")
    func lawOnEducation() throws {
        let a = try search("ligjit per arsimin"), b = try search("ligjit për arsimin")
        #expect(a.hits.map(\.id) == b.hits.map(\.id))
        let top = try #require(a.hits.first)
        // The top document matched both words (in some inflection).
        let terms = Set(top.matches?.fields.values.flatMap { $0 } ?? [])
        #expect(terms.contains { $0.hasPrefix("ligj") })
        #expect(terms.contains { $0.hasPrefix("arsim") })
        // The education laws (corpus/gazette: Law No. 04/L-032 on Pre-University Education, …) come first.
        for h in a.hits.prefix(2) {
            let title = try s.reader.storedDocument(doc: h.doc)?.title ?? ""
            #expect(title.uppercased().contains("ARSIM"), "\(h.id): \(title)")
        }
    }

    @Test("Zakon o: Serbian acts first")
    func zakon() throws {
        let r = try search("Zakon o")
        #expect(r.total >= 10)
        for h in r.hits.prefix(8) { #expect(lang(h) == "sr", "\(h.id)") }
        #expect(r.notes.contains { $0.contains("'o'") })
    }

    @Test("draft law on NGOs --expand: glossary translations shown, the NGO report and bills first")
    func draftLawExpand() throws {
        let r = try search("draft law on NGOs", expand: true)
        #expect(r.expanded.contains("projektligj"))
        #expect(r.expanded.contains("OJQ") || r.expanded.contains("organizatë joqeveritare"))
        #expect(r.hits.first.map { $0.id.contains(Self.civikos) } == true, "\(r.hits.map(\.id))")
        let plain = try search("draft law on NGOs")
        #expect(plain.expanded.isEmpty)
        #expect(r.total >= plain.total)
        // Explanations sum to the score.
        for h in r.hits { #expect(abs((h.explanation ?? []).reduce(0) { $0 + $1.score } - h.score) < 1e-9) }
    }

    @Test("folding: kosove finds Kosovë, ceshtje finds çështje")
    func folding() throws {
        #expect(try search("kosove").total == search("Kosovë").total)
        #expect(try Set(search("kosove", limit: 100).hits.map(\.id)) == Set(search("Kosovë", limit: 100).hits.map(\.id)))
        #expect(try search("ceshtje").total == search("çështje").total)
        #expect(try search("ceshtje").total > 0)
    }

    @Test("inflections: ligji finds documents that only say ligjit / ligjet")
    func inflections() throws {
        let r = try search("ligji", limit: 100)
        let terms = Set(r.hits.flatMap { $0.matches?.fields["body.stem"] ?? [] })
        #expect(terms.contains("ligj"))
        #expect(r.clauses.first?.stems.first?.contains("ligj") == true)
    }

    @Test("an exact phrase with a stop word inside: \"ligji i punës\"")
    func phraseWithStopWord() throws {
        let r = try search("\"ligji i punës\"")
        #expect(r.hits.first?.id == "gazette/00d965c91acffee9b98ed8a4.html")
    }

    @Test("filters: type, lang, number, dates, and the request's own")
    func filters() throws {
        let laws = try search("ligji type:law", limit: 50)
        #expect(laws.total > 0)
        for h in laws.hits { #expect(type(h) == "law") }
        let sr = try search("zakon lang:sr", limit: 50)
        for h in sr.hits { #expect(lang(h) == "sr") }
        let n = try search("number:03/L-212")
        #expect(n.hits.map(\.id).contains("gazette/00d965c91acffee9b98ed8a4.html"))
        let req = try search("law") { $0.type = "draft-law"; $0.lang = .en }
        #expect(req.total > 0)
        for h in req.hits { #expect(type(h) == "draft-law" && lang(h) == "en") }
        let dated = try search("ligji date:2010..2012", limit: 50)
        let since = try search("ligji") { $0.since = "2010"; $0.until = "2012"; $0.limit = 50 }
        #expect(dated.total == since.total)
        #expect(dated.facets["year"].map { $0.keys.allSatisfy { ("2010"..."2012").contains($0) } } ?? true)
    }

    @Test("explanations: each matched clause's contribution, summing to the score, also in nested groups",
          arguments: ["(ligji AND arsimin) OR kosove", "+(shoqeri civile) konsult*", "ligji \"ligji i punës\" -zakon",
                      "(punës OR arsimin) AND (ligji OR ligjit) title:ligji"])
    func explanations(_ q: String) throws {
        let r = try search(q, limit: 20)
        #expect(!r.hits.isEmpty)
        for h in r.hits {
            let parts = h.explanation ?? []
            #expect(!parts.isEmpty)
            #expect(abs(parts.reduce(0) { $0 + $1.score } - h.score) < 1e-9, "\(q): \(h.id)")
            #expect(!(h.matches?.fields.isEmpty ?? true))
        }
    }

    @Test("a bad --since/--until is a request error naming the flag")
    func badDateOption() throws {
        #expect(throws: SearchRequestError.self) { try search("ligji") { $0.since = "20x4" } }
        do { _ = try search("ligji") { $0.until = "2012-13" } } catch let e as SearchRequestError {
            #expect(e.description.hasPrefix("--until: invalid date '2012-13'"))
        }
    }

    @Test("facets count the full match set")
    func facets() throws {
        let r = try search("ligji OR law OR zakon", limit: 3)
        #expect(r.hits.count == 3)
        #expect(r.facets["type"]?.values.reduce(0, +) == r.total)
        #expect(r.facets["lang"]?.values.reduce(0, +) == r.total)
        #expect((r.facets["lang"]?.keys.count ?? 0) >= 3)
        #expect(try s.count(SearchRequest(query: "ligji OR law OR zakon")) == r.total)
    }

    @Test("prefix and fuzzy words on real terms")
    func prefixFuzzy() throws {
        let p = try search("konsult*")
        #expect(p.hits.first?.id.contains(Self.civikos) == true)
        #expect(p.clauses.first?.exact.first?.contains("konsultim") == true)
        let f = try search("qeverria~1")   // a typo
        #expect(f.total > 0)
        #expect(f.clauses.first?.exact.first?.contains("qeveria") == true)
    }

    @Test("negation removes documents")
    func negation() throws {
        let all = try search("civile", limit: 100)
        let not = try search("civile -civikos -shoqeri", limit: 100)
        #expect(not.total < all.total)
        for h in not.hits { #expect(!h.id.contains(Self.civikos)) }
    }

    @Test("the fast path equals the reference on the corpus for every query class",
          arguments: ["shoqeri civile", "+ligji +arsimin", "ligji AND kosoves", "law OR zakon OR ligji", "\"shoqërisë civile\"",
                      "\"ligji punës\"~3", "konsult*", "qeverria~1", "ligji type:law", "ligji -type:law", "ligji NOT punës",
                      "(ligji OR zakon) AND republike", "title:ligji body:arsimin", "draft law on NGOs"])
    func fastEqualsReference(_ q: String) throws {
        for expand in [false, true] {
            try expectFastPathsMatchReference(s, SearchRequest(query: q, limit: 10, expand: expand), "\(q) expand \(expand)")
        }
    }
}
