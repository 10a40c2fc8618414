import Foundation
import Indexing
import Search
import Testing
import TestSupport

/// MaxScore's block-max range skipping (whole ranges of documents left in one move when their block
/// bounds cannot beat the threshold) against the exhaustive reference: one segment of many documents, so
/// the frequent words' lists span many blocks, and small k, so the threshold rises early and most
/// candidates fall in skipped ranges.
@Suite struct RangeSkipTests {
    static let fixture: (corpus: RandomCorpus, searcher: Searcher) = {
        let corpus = RandomCorpus(seed: 0x4A46E, documents: 3000, vocabulary: 300, maxWords: 80)
        let plain = try! buildIndex(corpus.documents, in: try! makeTempDir("range-skip"), mode: .plain, segments: 1)
        return (corpus, try! Searcher(reader: plain))
    }()

    @Test("disjunctions of frequent and rare words equal the reference", arguments: [1, 3, 10])
    func disjunctions(k: Int) throws {
        var rng = SeededRandom(seed: 0x5C1 + UInt64(k))
        let v = Self.fixture.corpus.vocabulary
        for _ in 0..<40 {
            let n = Int.random(in: 2...5, using: &rng)
            let words = (0..<n).map { _ in
                Int.random(in: 0..<3, using: &rng) == 0 ? v[Int.random(in: 0..<v.count, using: &rng)]
                    : v[Int.random(in: 0..<20, using: &rng)]
            }
            try FastPathTests.compare(Self.fixture.searcher, words.joined(separator: " "), k: k, plain: true)
        }
    }
}
