import Foundation
import Indexing
import Search
import Testing

/// Every fast top-k algorithm against the exhaustive reference scorer (PISA's test_ranked_queries):
/// same documents in the same order, scores within 1e-5, on seeded random corpora with several segments
/// and deletions, for every query class.
@Suite struct FastPathTests {
    struct Fixture {
        let corpus: RandomCorpus
        let searcher: Searcher
        let plainSearcher: Searcher
    }

    static let fixture: Fixture = {
        let corpus = RandomCorpus(seed: 0x5EA2C4, documents: 1500)
        let full = try! buildIndex(corpus.documents, in: try! makeTempDir("random-full"), segments: 3, deleteEvery: 17)
        let plain = try! buildIndex(corpus.documents, in: try! makeTempDir("random-plain"), mode: .plain, segments: 2)
        return Fixture(corpus: corpus, searcher: try! Searcher(reader: full), plainSearcher: try! Searcher(reader: plain))
    }()

    /// Queries of every class from the corpus's own words (frequent, middling and rare).
    static func queries(seed: UInt64) -> [(cls: String, q: String)] {
        let c = fixture.corpus
        var rng = SeededRandom(seed: seed)
        let v = c.vocabulary
        func w() -> String {
            // Bias to frequent words half the time (long lists with several blocks).
            Bool.random(using: &rng) ? v[Int.random(in: 0..<12, using: &rng)] : v[Int.random(in: 0..<v.count, using: &rng)]
        }
        var out: [(String, String)] = []
        for _ in 0..<6 {
            out.append(("term", w()))
            out.append(("and", "+\(w()) +\(w())"))
            out.append(("and", "\(w()) AND \(w()) AND \(w())"))
            out.append(("or", "\(w()) \(w())"))
            out.append(("or", "\(w()) \(w()) \(w()) \(w()) \(w()) \(w()) \(w())"))
            let doc = c.documents[Int.random(in: 0..<c.documents.count, using: &rng)]
            let words = doc.text.split(separator: " ")
            if words.count > 3 {
                let i = Int.random(in: 0..<(words.count - 2), using: &rng)
                out.append(("phrase", "\"\(words[i]) \(words[i + 1])\""))
                out.append(("phrase", "\"\(words[i]) \(words[i + 2])\"~2 \(w())"))
                out.append(("phrase", "+\"\(words[i]) \(words[i + 1])\" +\(w()) \(w())"))
            }
            let p = w()
            out.append(("prefix", String(p.prefix(3)) + "*"))
            out.append(("prefix", String(p.prefix(2)) + "* \(w())"))
            // Many expansions (> ExpandedWordCursor.threshold lists): evaluated up front.
            out.append(("prefix", String(p.prefix(1)) + "*"))
            out.append(("prefix", "+" + String(p.prefix(1)) + "* +\(w())"))
            var f = Array(w())
            f[Int.random(in: 0..<f.count, using: &rng)] = "a"
            out.append(("fuzzy", String(f) + "~1"))
            out.append(("fuzzy", String(f) + "~2 \(w())"))
            out.append(("filtered", "\(w()) \(w()) type:law"))
            out.append(("filtered", "\(w()) date:2008..2012 lang:sq"))
            out.append(("negated", "\(w()) \(w()) -\(w())"))
            out.append(("negated", "\(w()) NOT \(w())"))
            out.append(("nested", "(\(w()) OR \(w())) AND \(w())"))
            out.append(("nested", "+(\(w()) \(w())) \(w()) -type:report"))
            out.append(("title", "title:\(w()) \(w())"))
        }
        return out
    }

    static func compare(_ s: Searcher, _ q: String, k: Int, plain: Bool = false, offset: Int = 0) throws {
        var r = SearchRequest(query: q, limit: k, offset: offset)
        r.analysis = plain ? .plain : .full
        r.matchInfo = false
        r.facets = false
        try expectFastPathsMatchReference(s, r, "\(q) k=\(k)")
    }

    @Test("fast top-k equals the reference for every query class (full analysis)", arguments: [1, 10, 50])
    func fullAnalysis(k: Int) throws {
        var classes = Set<String>()
        for (cls, q) in Self.queries(seed: UInt64(k)) {
            try Self.compare(Self.fixture.searcher, q, k: k)
            classes.insert(cls)
        }
        #expect(classes.count >= 10)
    }

    @Test("fast top-k equals the reference in plain analysis")
    func plainAnalysis() throws {
        for (_, q) in Self.queries(seed: 99) { try Self.compare(Self.fixture.plainSearcher, q, k: 10, plain: true) }
    }

    @Test("offset pages through the same ranking")
    func offsets() throws {
        let q = Self.fixture.corpus.vocabulary.prefix(3).joined(separator: " ")
        try Self.compare(Self.fixture.searcher, q, k: 10, offset: 5)
        var r = SearchRequest(query: q, limit: 20)
        let all = try Self.fixture.searcher.search(r).hits.map(\.id)
        r.limit = 10; r.offset = 10
        #expect(try Self.fixture.searcher.search(r).hits.map(\.id) == Array(all[10..<20]))
    }
}
