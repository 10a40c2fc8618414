import Foundation
import Ingest
import KerkoCore
import Search
import Testing

/// The match sets of each query class against a brute-force reading of the documents themselves, in
/// plain analysis (lowercase + fold, no stems, no stop words; the peers' semantics of
/// ../shared/peers/README.md): `and` = every word in title or body, `phrase` = adjacent inside the title
/// or inside the body.
@Suite struct QueryClassTests {
    static var fixture: FastPathTests.Fixture { FastPathTests.fixture }

    static func fold(_ w: String) -> String { w.replacingOccurrences(of: "ë", with: "e").replacingOccurrences(of: "ç", with: "c") }

    struct Doc {
        var id: String
        var title: [String]
        var body: [String]
        var type: String
        var date: String
        var all: Set<String> { Set(title).union(body) }
    }

    static let docs: [Doc] = fixture.corpus.documents.map {
        Doc(id: $0.id, title: $0.title.split(separator: " ").map { fold(String($0)) },
            body: $0.text.split(separator: " ").map { fold(String($0)) }, type: $0.type.rawValue, date: $0.date ?? "")
    }

    static func adjacent(_ seq: [String], _ p: [String]) -> Bool {
        guard p.count <= seq.count else { return false }
        for i in 0...(seq.count - p.count) where Array(seq[i..<(i + p.count)]) == p { return true }
        return false
    }

    func check(_ q: String, _ expected: (Doc) -> Bool) throws {
        var r = SearchRequest(query: q, limit: 5000)
        r.analysis = .plain
        r.facets = false; r.matchInfo = false
        let want = Set(Self.docs.filter(expected).map(\.id))
        let s = Self.fixture.plainSearcher
        #expect(try s.count(r) == want.count, "count of \(q)")
        let got = try s.search(r)
        #expect(got.total == want.count, "total of \(q)")
        let ids = Set(got.hits.map(\.id))
        #expect(ids == want, "ids of \(q): \(ids.subtracting(want).sorted().prefix(5)) extra, \(want.subtracting(ids).sorted().prefix(5)) missing")
        // Ranked best first, ties by doc id.
        for (a, b) in zip(got.hits, got.hits.dropFirst()) { #expect(a.score > b.score || (a.score == b.score && a.doc < b.doc)) }
    }

    var words: [String] { Self.fixture.corpus.vocabulary.map(Self.fold) }

    @Test func term() throws {
        for w in [words[0], words[5], words[40], words[300]] { try check(w) { $0.all.contains(w) } }
    }

    @Test func conjunction() throws {
        let (a, b, c) = (words[1], words[7], words[60])
        try check("+\(a) +\(b)") { $0.all.contains(a) && $0.all.contains(b) }
        try check("\(a) AND \(b) AND \(c)") { $0.all.contains(a) && $0.all.contains(b) && $0.all.contains(c) }
    }

    @Test func disjunction() throws {
        let (a, b, c) = (words[2], words[90], words[250])
        try check("\(a) \(b) \(c)") { $0.all.contains(a) || $0.all.contains(b) || $0.all.contains(c) }
        try check("\(b) OR \(c)") { $0.all.contains(b) || $0.all.contains(c) }
    }

    @Test func phrase() throws {
        // Phrases taken from documents, so they exist; never across title and body.
        for d in Self.docs.prefix(6) where d.body.count > 4 {
            let p = Array(d.body[1...2])
            try check("\"\(p.joined(separator: " "))\"") { Self.adjacent($0.title, p) || Self.adjacent($0.body, p) }
        }
        let p3 = Array(Self.docs[10].body.prefix(3))
        try check("\"\(p3.joined(separator: " "))\"") { Self.adjacent($0.title, p3) || Self.adjacent($0.body, p3) }
    }

    @Test func negationAndFilters() throws {
        let (a, b) = (words[0], words[3])
        try check("\(a) -\(b)") { $0.all.contains(a) && !$0.all.contains(b) }
        try check("\(a) type:law") { $0.all.contains(a) && $0.type == "law" }
        try check("\(a) -type:law") { $0.all.contains(a) && $0.type != "law" }
        try check("\(b) date:2008..2010") { $0.all.contains(b) && ("2008-01-01"..."2010-12-31").contains($0.date) }
        try check("type:report") { $0.type == "report" }
        try check("-\(a)") { !$0.all.contains(a) }
    }

    @Test func fieldsAndPrefix() throws {
        let w = words[4]
        try check("title:\(w)") { $0.title.contains(w) }
        try check("body:\(w)") { $0.body.contains(w) }
        let pre = String(words[20].prefix(3))
        try check("\(pre)*") { $0.all.contains { $0.hasPrefix(pre) } }
    }

    @Test func fuzzy() throws {
        func lev(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where i <= a.count {
                var prev = row[0]; row[0] = i
                for j in 1...max(b.count, 1) where j <= b.count {
                    let cur = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                    prev = cur
                }
            }
            return row[b.count]
        }
        var w = Array(words[30]); w[1] = w[1] == "a" ? "b" : "a"
        let q = String(w)
        for d in [1, 2] {
            // Expansions are capped at the 64 closest terms; this vocabulary stays far below that.
            try check("\(q)~\(d)") { $0.all.contains { lev(Array($0), w) <= d } }
        }
    }
}
