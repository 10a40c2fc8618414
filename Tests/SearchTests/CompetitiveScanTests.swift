import Foundation
import Indexing
import Ingest
import KerkoCore
import Search
import Testing
import TestSupport

/// The rarest clause's partial-score scan (`ScoredCursor.advanceToCompetitive`, WordCursor's one- and
/// two-list loops) inside block-max AND and phrases, with pruning active (k small against thousands of
/// matches, so the threshold is known early), against the exhaustive reference: ids equal, scores within
/// 1e-9. Plain analysis (one source per word: the only case the word loops take), three segments, deleted
/// documents. The words are built so that the rarest clause is, per query and segment:
/// - `zbtitul`: in titles only (one list, a title's norms — short titles, so body norms would be far off);
/// - `zbtrup`: in bodies only (one list, body norms);
/// - `zbdyfish`: in titles and bodies (two lists), except in the first segment where it is in bodies only;
/// - `zbkomun`: in most bodies, its frequency rising and falling by ranges of documents, so that its block
///   bounds differ from block to block (a bound held past its range would be wrong).
@Suite struct CompetitiveScanTests {
    static let documentCount = 3000

    static let documents: [SourceDocument] = {
        var rng = SeededRandom(seed: 0xC0_4E7E)
        let filler = (0..<24).map { i in "fil" + String(UnicodeScalar(UInt8(97 + i))) + "ra" }
        func fill(_ n: Int) -> [String] {
            (0..<n).map { _ in filler[min(23, Int(pow(24.0, Double.random(in: 0..<1, using: &rng))) - 1)] }
        }
        return (0..<documentCount).map { i in
            var body = fill(Int.random(in: 3...90, using: &rng))
            func put(_ w: String, _ times: Int) {
                for _ in 0..<times { body.insert(w, at: Int.random(in: 0...body.count, using: &rng)) }
            }
            // Frequency by range of 300 documents: some ranges dense in `zbkomun`, others thin.
            let dense = (i / 300) % 3 == 0
            if Double.random(in: 0..<1, using: &rng) < 0.9 { put("zbkomun", Int.random(in: 1...(dense ? 9 : 1), using: &rng)) }
            if Double.random(in: 0..<1, using: &rng) < 0.45 { put("zbtrup", Int.random(in: 1...4, using: &rng)) }
            if Double.random(in: 0..<1, using: &rng) < 0.3 { put("zbdyfish", Int.random(in: 1...3, using: &rng)) }
            if Double.random(in: 0..<1, using: &rng) < 0.15 {
                let at = Int.random(in: 0...body.count, using: &rng)
                body.insert(contentsOf: ["zbtrup", "zbkomun"], at: at)
            }
            if Double.random(in: 0..<1, using: &rng) < 0.15 {
                let at = Int.random(in: 0...body.count, using: &rng)
                body.insert(contentsOf: ["zbdyfish", "zbkomun"], at: at)
            }
            var title = fill(Int.random(in: 0...7, using: &rng))
            if Double.random(in: 0..<1, using: &rng) < 0.3 {
                for _ in 0..<Int.random(in: 1...2, using: &rng) { title.insert("zbtitul", at: Int.random(in: 0...title.count, using: &rng)) }
            }
            // The first segment (documents 0..<1000) has `zbdyfish` in bodies only.
            if i >= 1000 && Double.random(in: 0..<1, using: &rng) < 0.25 {
                title.insert("zbdyfish", at: Int.random(in: 0...title.count, using: &rng))
            }
            if Double.random(in: 0..<1, using: &rng) < 0.1 {
                title.insert(contentsOf: ["zbtitul", "filara"], at: Int.random(in: 0...title.count, using: &rng))
            }
            let text = body.joined(separator: " ")
            return SourceDocument(id: "scan/\(i)", path: "scan/\(i)", format: .text, title: title.joined(separator: " "),
                                  type: .law, lang: .sq, number: nil, date: "2010-01-0\(i % 9 + 1)",
                                  institution: nil, text: text, contentHash: "s\(i)", byteCount: text.utf8.count)
        }
    }()

    static let searcher: Searcher = {
        let reader = try! buildIndex(documents, in: try! makeTempDir("competitive-scan"), mode: .plain, segments: 3,
                                     deleteEvery: 7)
        return try! Searcher(reader: reader)
    }()

    static let queries = [
        "+zbtitul +zbkomun", "+zbtitul zbkomun", "+zbtitul +zbtrup", "+zbtitul +zbkomun +filara",
        "+zbtrup +zbkomun", "+zbtrup zbkomun", "+zbtrup +zbkomun filbra",
        "+zbdyfish +zbkomun", "+zbdyfish zbkomun", "+zbdyfish +zbtrup +zbkomun", "+zbdyfish +filara",
        "\"zbtitul filara\"", "\"zbtrup zbkomun\"", "+\"zbtrup zbkomun\" +zbdyfish", "+\"zbtitul filara\" zbkomun",
        "\"zbtrup zbkomun\" zbdyfish", "\"zbdyfish zbkomun\"", "+\"zbdyfish zbkomun\" +zbtrup",
        "\"zbdyfish zbkomun\" filara",
    ]

    static func compare(_ q: String, k: Int) throws {
        var r = SearchRequest(query: q, limit: k)
        r.analysis = .plain
        r.matchInfo = false
        r.facets = false
        let ref = try expectFastPathsMatchReference(searcher, r, tolerance: 1e-9, "\(q) k=\(k)")
        // Pruning is active: the top k fill up long before the lists end.
        #expect(ref.hits.count == k && ref.total >= 4 * k, "\(q): \(ref.total) matches for k=\(k)")
    }

    @Test("the rarest clause's scan equals the reference (title-only, body-only and two-list words)",
          arguments: [1, 3, 10, 40])
    func scan(k: Int) throws {
        for q in Self.queries { try Self.compare(q, k: k) }
    }
}
