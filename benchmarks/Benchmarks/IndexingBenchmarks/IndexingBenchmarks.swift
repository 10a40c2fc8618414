// Indexing throughput and index size (issue 4 §5): the whole IndexWriter path — analysis, in-memory
// inversion, segment serialization with the Codec block codec, fsync'ed commit — single-threaded, into a
// fresh temporary folder per iteration.
// Metrics: MB/s of document text and documents/s from our own clock around add+commit; bits per doc id,
// per frequency and per position (×100, as integers) and index bytes, which are stable and CI can gate on.
// Corpora: corpus/ (full analysis, as the product indexes it) and, when present, the peers harness's
// pydocs corpus (../shared/peers, `setup.sh`) with `plain` analysis and no stored text — like for like with
// Tantivy / Lucene / SQLite FTS5 there. BENCHMARK_QUICK=1 keeps the run under ~30 s.
import Benchmark
import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage

let quick = ProcessInfo.processInfo.environment["BENCHMARK_QUICK"] != nil

enum Corpora {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let corpus: [SourceDocument] = {
        let root = repo.appendingPathComponent("corpus").path
        return Ingestor().read(paths: [root], root: root).documents
    }()

    /// The peers' JSONL corpus as SourceDocuments (`{"id","title","body","lang"}`).
    static let pydocs: [SourceDocument] = {
        let path = ProcessInfo.processInfo.environment["KERKO_PEERS_CORPUS"]
            ?? (NSHomeDirectory() + "/.cache/kerko-peers/data/pydocs.jsonl")
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var docs: [SourceDocument] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = o["id"] as? String else { continue }
            let body = o["body"] as? String ?? ""
            docs.append(SourceDocument(id: id, path: id, format: .text, title: o["title"] as? String ?? "",
                                       lang: Language(rawValue: o["lang"] as? String ?? "") ?? .und,
                                       text: body, contentHash: String(id.hashValue), byteCount: body.utf8.count))
            if quick && docs.count >= 2000 { break }
        }
        return docs
    }()
}

struct Built {
    var seconds: Double
    var bytes: Int
    var stats: PostingsStatistics
}

/// Indexes `docs` into a fresh folder with one commit and a merge to one segment; returns time and sizes.
func build(_ docs: [SourceDocument], options: IndexWriter.Options, measure: Bool) throws -> Built {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let t0 = ContinuousClock.now
    let w = try IndexWriter.open(directory: dir, options: options)
    for d in docs { try w.addOrReplace(d) }
    try w.commit()
    try w.forceMerge(maxSegments: 1)
    w.close()
    let dt = ContinuousClock.now - t0
    var stats = PostingsStatistics()
    var bytes = 0
    if measure {
        let r = try IndexReader.open(directory: dir)
        stats = try r.segments.map { try $0.postingsStatistics() }.reduce(PostingsStatistics(), +)
        bytes = try r.stats().bytes["total"] ?? 0
    }
    return Built(seconds: Double(dt.components.seconds) + Double(dt.components.attoseconds) / 1e18, bytes: bytes, stats: stats)
}

let mbs = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
let docsPerSecond = BenchmarkMetric.custom("docs/s", polarity: .prefersLarger, useScalingFactor: false)
let indexKB = BenchmarkMetric.custom("index KB", polarity: .prefersSmaller, useScalingFactor: false)
let docBits = BenchmarkMetric.custom("bits/docid x100", polarity: .prefersSmaller, useScalingFactor: false)
let freqBits = BenchmarkMetric.custom("bits/freq x100", polarity: .prefersSmaller, useScalingFactor: false)
let posBits = BenchmarkMetric.custom("bits/position x100", polarity: .prefersSmaller, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, mbs, docsPerSecond, indexKB, docBits, freqBits, posBits],
        warmupIterations: quick ? 0 : 1,
        maxDuration: .seconds(quick ? 8 : 30),
        maxIterations: quick ? 2 : 10)

    func register(_ name: String, _ docs: [SourceDocument], _ options: IndexWriter.Options) {
        guard !docs.isEmpty else { return }
        let textBytes = docs.reduce(0) { $0 + $1.text.utf8.count + $1.title.utf8.count }
        Benchmark("\(name): \(docs.count) docs, \(textBytes / 1024) KB") { benchmark in
            for i in benchmark.scaledIterations {
                let b = try build(docs, options: options, measure: i == benchmark.scaledIterations.lowerBound)
                benchmark.measurement(mbs, Int((Double(textBytes) / 1e6 / b.seconds).rounded()))
                benchmark.measurement(docsPerSecond, Int((Double(docs.count) / b.seconds).rounded()))
                if b.bytes > 0 {
                    benchmark.measurement(indexKB, b.bytes / 1024)
                    benchmark.measurement(docBits, Int((b.stats.bitsPerDocID * 100).rounded()))
                    benchmark.measurement(freqBits, Int((b.stats.bitsPerFrequency * 100).rounded()))
                    benchmark.measurement(posBits, Int((b.stats.bitsPerPosition * 100).rounded()))
                    print(String(format: "%@: %.3f s, %d bytes, %.2f bits/doc id, %.2f bits/freq, %.2f bits/skip, %.2f bits/position, terms %d B",
                                 name, b.seconds, b.bytes, b.stats.bitsPerDocID, b.stats.bitsPerFrequency,
                                 b.stats.bitsPerSkipPosting, b.stats.bitsPerPosition, b.stats.termDictionaryBytes))
                }
            }
        }
    }

    register("index corpus/ (full analysis)", Corpora.corpus, IndexWriter.Options())
    var plain = IndexWriter.Options()
    plain.analysis = .plain
    plain.storeText = false
    register("index pydocs (plain analysis, no stored text)", Corpora.pydocs, plain)
}
