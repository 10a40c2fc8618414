import TestSupport
import Testing
import Foundation
import Indexing
import Ingest
import KerkoCore
import Search
import Storage

/// Repository root: three levels up from this file (Tests/SearchTests/Support.swift).
let repoRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let corpusDir = repoRoot.appendingPathComponent("corpus")

/// A temporary folder removed when the process exits (indexes shared by several tests live in one).
func makeTempDir(_ label: String) throws -> URL { try makeProcessTempDir("kerko-search-\(label)") }


/// A random corpus: words drawn Zipf-like from a fixed vocabulary (ASCII and ë/ç), so frequent words
/// span many blocks of 128 and rare ones a few documents; random types, languages and dates.
struct RandomCorpus {
    let vocabulary: [String]
    let documents: [SourceDocument]

    init(seed: UInt64, documents count: Int, vocabulary size: Int = 400, maxWords: Int = 150) {
        var rng = SeededRandom(seed: seed)
        let letters = Array("abcdefghijklmnoprstuvzëç")
        var vocab: [String] = []
        var seen = Set<String>()
        while vocab.count < size {
            let w = String((0..<Int.random(in: 4...8, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
            if seen.insert(w).inserted { vocab.append(w) }
        }
        vocabulary = vocab
        let types: [DocumentType] = [.law, .draftLaw, .report, .decision]
        let langs: [Language] = [.sq, .en, .sr]
        func word(_ rng: inout SeededRandom) -> String {
            let u = Double.random(in: 0..<1, using: &rng)
            return vocab[min(size - 1, Int(pow(Double(size), u)) - 1)]
        }
        documents = (0..<count).map { i in
            let n = Int.random(in: 1...maxWords, using: &rng)
            let text = (0..<n).map { _ in word(&rng) }.joined(separator: " ")
            let title = (0..<Int.random(in: 0...5, using: &rng)).map { _ in word(&rng) }.joined(separator: " ")
            let year = 2005 + Int.random(in: 0..<15, using: &rng)
            return SourceDocument(id: "doc/\(i)", path: "doc/\(i)", format: .text, title: title,
                                  type: types.randomElement(using: &rng)!, lang: langs.randomElement(using: &rng)!,
                                  number: "0\(i % 8 + 1)/L-\(100 + i % 50)", date: "\(year)-05-1\(i % 10)",
                                  institution: nil, text: text, contentHash: "h\(i)", byteCount: text.utf8.count)
        }
    }
}

/// Builds an index of `docs` in `dir` with several segments (small flushes) and optional deletions.
@discardableResult
func buildIndex(_ docs: [SourceDocument], in dir: URL, mode: FieldAnalysis.Mode = .full, segments: Int = 3,
                deleteEvery: Int = 0) throws -> IndexReader {
    var opts = IndexWriter.Options()
    opts.analysis = mode
    opts.mergePolicy = TieredMergePolicy()
    let w = try IndexWriter.open(directory: dir, options: opts)
    let per = max(1, (docs.count + segments - 1) / segments)
    for (i, d) in docs.enumerated() {
        try w.addOrReplace(d)
        if (i + 1) % per == 0 { _ = try w.commit() }
    }
    if deleteEvery > 0 { for (i, d) in docs.enumerated() where i % deleteEvery == 3 { try w.delete(id: d.id) } }
    _ = try w.commit()
    w.close()
    return try IndexReader.open(directory: dir)
}

/// The bundled corpus, indexed once per test process (full analysis).
let corpusSearcher: Searcher = {
    let dir = try! makeTempDir("corpus")
    let docs = Ingestor().read(paths: [corpusDir.path], root: corpusDir.path).documents
    let reader = try! buildIndex(docs, in: dir, segments: 2)
    return try! Searcher(reader: reader)
}()

/// The shared seeded generator (TestSupport), visible to every file of this target.
typealias SeededRandom = TestSupport.SeededRandom

/// Runs `request` with the exhaustive reference scorer, then with every fast algorithm, and expects the same
/// total, the same ids in the same order and scores within `tolerance`; returns the reference result.
@discardableResult
func expectFastPathsMatchReference(_ searcher: Searcher, _ request: SearchRequest, tolerance: Double = 1e-5,
                                   _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SearchResult {
    var r = request
    r.algorithm = .reference
    let ref = try searcher.search(r)
    for alg in [SearchRequest.Algorithm.maxScore, .blockMaxWAND, .windowedMaxScore, .automatic] {
        r.algorithm = alg
        let fast = try searcher.search(r)
        #expect(fast.total == ref.total, "\(alg) total for \(label)", sourceLocation: sourceLocation)
        #expect(fast.hits.map(\.id) == ref.hits.map(\.id), "\(alg) ids for \(label)", sourceLocation: sourceLocation)
        for (a, b) in zip(fast.hits, ref.hits) {
            #expect(abs(a.score - b.score) <= tolerance, "\(alg) score of \(a.id) for \(label): \(a.score) vs \(b.score)",
                    sourceLocation: sourceLocation)
        }
    }
    return ref
}
