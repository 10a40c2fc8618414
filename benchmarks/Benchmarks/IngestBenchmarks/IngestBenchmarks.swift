// Parse throughput per format: the product's readers (Ingest) turning a file's bytes, already in memory,
// into a SourceDocument with its metadata — for every file of the bundled corpus, grouped by format.
// Metric: MB/s of input bytes per iteration, from our own clock around the reader calls only.
import Benchmark
import Foundation
import Ingest

enum CorpusFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus")

    /// Every corpus file's bytes, by the format its reader reports (text, akoma-ntoso, uslm, html, docx, …).
    static let byFormat: [String: [ReaderInput]] = {
        let ingestor = Ingestor()
        var out: [String: [ReaderInput]] = [:]
        for d in ingestor.read(paths: [root.path]).documents {
            let url = URL(fileURLWithPath: d.path)
            guard let data = try? Data(contentsOf: url) else { continue }
            let input = ReaderInput(id: d.id, path: d.path, fileURL: url, bytes: [UInt8](data), options: ingestor.options)
            out[d.format.rawValue, default: []].append(input)
        }
        return out
    }()
}

let quick = ProcessInfo.processInfo.environment["BENCHMARK_QUICK"] != nil

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 1,
        maxDuration: .seconds(quick ? 1 : 5),
        maxIterations: quick ? 5 : 100)

    let ingestor = Ingestor()
    for (format, inputs) in CorpusFiles.byFormat.sorted(by: { $0.key < $1.key }) where format != "pdf" {
        let bytes = inputs.reduce(0) { $0 + $1.bytes.count }
        Benchmark("parse \(format): \(inputs.count) files, \(bytes / 1024) KB") { benchmark in
            for _ in benchmark.scaledIterations {
                let t0 = ContinuousClock.now
                var n = 0
                for input in inputs {
                    guard let reader = ingestor.reader(for: input.path) else { continue }
                    n += try reader.read(input).text.utf8.count
                }
                let dt = ContinuousClock.now - t0
                let s = Double(dt.components.seconds) + Double(dt.components.attoseconds) / 1e18
                benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                                      Int((Double(bytes) / 1e6 / max(s, 1e-9)).rounded()))
                blackHole(n)
            }
        }
    }
}
