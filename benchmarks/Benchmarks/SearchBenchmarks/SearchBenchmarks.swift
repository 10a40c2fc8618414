// Query latency of the Search module per query class (issue 5): the timed path is what the bench worker
// times — query text → parse → analysis → top-k (MaxScore / block-max WAND / block-max AND) → hit ids,
// without counting or facets. Corpora: the peers harness's pydocs corpus and queries (../shared/peers,
// `setup.sh`) in plain analysis, like for like with Tantivy / Lucene / PISA there; and corpus/ in full
// analysis with realistic queries of every class (prefix, fuzzy, filters, negation, glossary expansion).
// Metric: µs per query (mean over the class's queries), from our own clock. BENCHMARK_QUICK=1: 2000
// pydocs documents and few iterations, under ~20 s after the build.
import Benchmark
import Foundation
import Indexing
import Ingest
import KerkoCore
import Search
import Storage

let quick = ProcessInfo.processInfo.environment["BENCHMARK_QUICK"] != nil

enum Fixtures {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let peers = NSHomeDirectory() + "/.cache/kerko-peers/data/"

    static func index(_ docs: [SourceDocument], _ options: IndexWriter.Options) throws -> Searcher {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-search-bench-\(UUID().uuidString)")
        let w = try IndexWriter.open(directory: dir, options: options)
        for d in docs { try w.addOrReplace(d) }
        try w.commit()
        try w.forceMerge(maxSegments: 1)
        w.close()
        let searcher = try Searcher(reader: IndexReader.open(directory: dir))
        // The reader has every file mapped: the folder can go now (POSIX unlink semantics).
        try? FileManager.default.removeItem(at: dir)
        return searcher
    }

    /// pydocs (plain analysis, no stored text) and its queries by class, written as the bench worker does.
    static let pydocs: (Searcher, [String: [String]])? = {
        guard let data = FileManager.default.contents(atPath: peers + "pydocs.jsonl"),
              let tsv = try? String(contentsOfFile: peers + "pydocs.queries.tsv", encoding: .utf8) else { return nil }
        var docs: [SourceDocument] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let o = try? JSONSerialization.jsonObject(with: Foundation.Data(line)) as? [String: Any],
                  let id = o["id"] as? String else { continue }
            let body = o["body"] as? String ?? ""
            docs.append(SourceDocument(id: id, path: id, format: .text, title: o["title"] as? String ?? "", lang: .en,
                                       text: body, contentHash: id, byteCount: body.utf8.count))
            if quick && docs.count >= 2000 { break }
        }
        var opts = IndexWriter.Options()
        opts.analysis = .plain
        opts.storeText = false
        guard let s = try? index(docs, opts) else { return nil }
        var byClass: [String: [String]] = [:]
        for line in tsv.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 3 else { continue }
            let words = f[2].split(separator: " ").map { "\"\($0)\"" }
            let q: String
            switch f[1] {
            case "and": q = words.map { "+" + $0 }.joined(separator: " ")
            case "phrase": q = "\"\(f[2])\""
            default: q = words.joined(separator: " ")
            }
            byClass[f[1], default: []].append(q)
        }
        return (s, byClass)
    }()

    static let corpus: Searcher? = {
        let root = repo.appendingPathComponent("corpus").path
        return try? index(Ingestor().read(paths: [root], root: root).documents, IndexWriter.Options())
    }()

    static let corpusQueries: [(String, [String])] = [
        ("term", ["ligji", "kosove", "zakon", "budget", "shoqëria"]),
        ("and", ["+ligji +arsimin", "ligji AND punës", "+zakon +energiji"]),
        ("or", ["ceshtjet e shoqerise civile", "ligjit per arsimin", "law OR zakon OR ligji"]),
        ("phrase", ["\"shoqërisë civile\"", "\"ligji i punës\"", "\"republika e kosovës\"~2"]),
        ("prefix", ["konsult*", "ligj*", "zakon*"]),
        ("fuzzy", ["qeverria~1", "shoqeri~2", "zakonn~"]),
        ("filtered", ["ligji type:law lang:sq", "zakon date:2015..2020", "law -type:law"]),
        ("expand", ["draft law on NGOs", "projektligji"]),
    ]
}

let usPerQuery = BenchmarkMetric.custom("µs/query", polarity: .prefersSmaller, useScalingFactor: false)

func timed(_ s: Searcher, _ queries: [String], analysis: SearchRequest.Analysis, expand: Bool = false) throws -> Double {
    let t0 = ContinuousClock.now
    for q in queries {
        var r = SearchRequest(query: q, limit: 10, analysis: analysis)
        r.countTotal = false; r.facets = false; r.matchInfo = false; r.expand = expand
        blackHole(try s.search(r).hits.map(\.id))
    }
    let dt = ContinuousClock.now - t0
    return (Double(dt.components.seconds) * 1e6 + Double(dt.components.attoseconds) / 1e12) / Double(max(queries.count, 1))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, usPerQuery],
        warmupIterations: 1,
        maxDuration: .seconds(quick ? 2 : 10),
        maxIterations: quick ? 3 : 30)

    if let (s, byClass) = Fixtures.pydocs {
        for cls in ["term", "and", "or", "phrase"] {
            let qs = byClass[cls] ?? []
            Benchmark("pydocs plain \(cls) (\(qs.count) queries, k=10)") { benchmark in
                for _ in benchmark.scaledIterations {
                    benchmark.measurement(usPerQuery, Int(try timed(s, qs, analysis: .plain).rounded()))
                }
            }
        }
    }
    if let s = Fixtures.corpus {
        for (cls, qs) in Fixtures.corpusQueries {
            Benchmark("corpus full \(cls) (\(qs.count) queries, k=10)") { benchmark in
                for _ in benchmark.scaledIterations {
                    benchmark.measurement(usPerQuery, Int(try timed(s, qs, analysis: .full, expand: cls == "expand").rounded()))
                }
            }
        }
    }
}
