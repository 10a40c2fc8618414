import Foundation
import Indexing
import Search
import Testing

/// Exact phrases of two to four words, verified in place on the position buffers (PhraseCursor's
/// leapfrog join), against the exhaustive reference scorer: a small vocabulary and long documents, so
/// that most candidates hold every word but not the phrase, a word's positions in a doc block span several
/// codec blocks, and phrases repeat a word ("a b a", "a a").
@Suite struct PhraseVerifyTests {
    struct Fixture {
        let corpus: RandomCorpus
        let full: Searcher
        let plain: Searcher
    }

    static let fixture: Fixture = {
        let corpus = RandomCorpus(seed: 0xF4A5E, documents: 700, vocabulary: 14, maxWords: 400)
        let full = try! buildIndex(corpus.documents, in: try! makeTempDir("phrase-full"), segments: 2, deleteEvery: 13)
        let plain = try! buildIndex(corpus.documents, in: try! makeTempDir("phrase-plain"), mode: .plain, segments: 2)
        return Fixture(corpus: corpus, full: try! Searcher(reader: full), plain: try! Searcher(reader: plain))
    }()

    /// Phrases cut from documents (they occur), random word sequences (mostly candidates that fail),
    /// and phrases repeating a word.
    static func phrases(seed: UInt64) -> [String] {
        let c = fixture.corpus
        var rng = SeededRandom(seed: seed)
        let v = c.vocabulary
        func w() -> String { v[Int.random(in: 0..<v.count, using: &rng)] }
        var out: [String] = []
        for _ in 0..<12 {
            let n = Int.random(in: 2...4, using: &rng)
            let doc = c.documents[Int.random(in: 0..<c.documents.count, using: &rng)]
            let words = doc.text.split(separator: " ")
            if words.count > n {
                let i = Int.random(in: 0..<(words.count - n), using: &rng)
                out.append("\"" + words[i..<(i + n)].joined(separator: " ") + "\"")
            }
            out.append("\"" + (0..<n).map { _ in w() }.joined(separator: " ") + "\"")
            let a = w(), b = w()
            out.append("\"\(a) \(b) \(a)\"")
            out.append("\"\(a) \(a)\"")
            out.append("\"\(a) \(b) \(w()) \(b)\" \(w())")
        }
        return out
    }

    @Test("in-place phrase verification equals the reference (full analysis)", arguments: [1, 10, 100])
    func full(k: Int) throws {
        for q in Self.phrases(seed: UInt64(k)) { try FastPathTests.compare(Self.fixture.full, q, k: k) }
    }

    @Test("in-place phrase verification equals the reference (plain analysis)", arguments: [1, 10, 100])
    func plain(k: Int) throws {
        for q in Self.phrases(seed: UInt64(k) + 7) { try FastPathTests.compare(Self.fixture.plain, q, k: k, plain: true) }
    }

    @Test("a phrase cut from a document finds it")
    func cutPhrasesFound() throws {
        let c = Self.fixture.corpus
        var rng = SeededRandom(seed: 11)
        var r = SearchRequest(query: "", limit: 1000)
        r.analysis = .plain
        r.algorithm = .automatic
        for _ in 0..<20 {
            let d = Int.random(in: 0..<c.documents.count, using: &rng)
            let words = c.documents[d].text.split(separator: " ")
            let n = min(words.count, Int.random(in: 2...4, using: &rng))
            let i = Int.random(in: 0...(words.count - n), using: &rng)
            r.query = "\"" + words[i..<(i + n)].joined(separator: " ") + "\""
            #expect(try Self.fixture.plain.search(r).hits.contains { $0.id == c.documents[d].id }, "\(r.query) in doc \(d)")
        }
    }
}
