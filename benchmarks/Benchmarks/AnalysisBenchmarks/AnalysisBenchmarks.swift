// Throughput of the full analysis chain (ANALYSIS.md P0–P8) on the real text of the bundled corpus.
// Metrics per iteration: MB/s of UTF-8 input and ktokens/s, from our own clock around the analysis only;
// package-benchmark adds wall clock and malloc counts. "cold" builds a fresh Analyzer (empty token cache)
// before each timed pass, so every distinct word pays for folding and stemming once, as a first-time
// ingest does; "warm" reuses one Analyzer, as a long ingest or a query stream does.
import Analysis
import Benchmark
import Foundation
import Ingest
import KerkoCore

/// The corpus text, per language, read with the product's own readers.
enum CorpusText {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus")

    static let byLanguage: [Language: String] = {
        let docs = Ingestor().read(paths: [root.path]).documents
        var texts: [Language: [String]] = [:]
        for d in docs {
            // Per paragraph, so the trilingual Gazette pages give each language its own text.
            let scalars = Array(d.text.unicodeScalars)
            for p in LanguageIdentifier.paragraphs(d.text) where p.lang != .und {
                var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[p.start..<p.end])
                texts[p.lang, default: []].append(String(v))
            }
        }
        return texts.mapValues { $0.joined(separator: "\n\n") }
    }()
}

let quick = ProcessInfo.processInfo.environment["BENCHMARK_QUICK"] != nil

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal,
                  .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                  .custom("ktokens/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 1,
        maxDuration: .seconds(quick ? 2 : 10),
        maxIterations: quick ? 5 : 50)

    for lang in [Language.sq, .en, .sr] {
        guard let text = CorpusText.byLanguage[lang], !text.isEmpty else { continue }
        let bytes = text.utf8.count
        let kb = bytes / 1024

        Benchmark("analyze \(lang.rawValue) \(kb) KB cold") { benchmark in
            for _ in benchmark.scaledIterations {
                let analyzer = try Analyzer(language: lang)
                benchmark.startMeasurement()
                let t0 = ContinuousClock.now
                let tokens = try analyzer.analyze(text)
                let dt = (ContinuousClock.now - t0)
                benchmark.stopMeasurement()
                report(benchmark, bytes: bytes, tokens: tokens.count, elapsed: dt)
                blackHole(tokens)
            }
        }

        let warm = try? Analyzer(language: lang)
        Benchmark("analyze \(lang.rawValue) \(kb) KB warm") { benchmark in
            guard let analyzer = warm else { return }
            for _ in benchmark.scaledIterations {
                let t0 = ContinuousClock.now
                let tokens = try analyzer.analyze(text)
                report(benchmark, bytes: bytes, tokens: tokens.count, elapsed: ContinuousClock.now - t0)
                blackHole(tokens)
            }
        }

        Benchmark("index terms \(lang.rawValue) \(kb) KB cold") { benchmark in
            for _ in benchmark.scaledIterations {
                let analyzer = try Analyzer(language: lang)
                benchmark.startMeasurement()
                let t0 = ContinuousClock.now
                var n = 0
                try analyzer.forEachTerm(text) { t in n += t.terms.count }
                let dt = ContinuousClock.now - t0
                benchmark.stopMeasurement()
                report(benchmark, bytes: bytes, tokens: n, elapsed: dt)
            }
        }
    }

    if let sq = CorpusText.byLanguage[.sq] {
        let paragraphs = sq.components(separatedBy: "\n\n").filter { $0.count >= 100 }
        let bytes = paragraphs.reduce(0) { $0 + $1.utf8.count }
        Benchmark("language id, \(paragraphs.count) sq paragraphs") { benchmark in
            for _ in benchmark.scaledIterations {
                let t0 = ContinuousClock.now
                var n = 0
                for p in paragraphs where LanguageIdentifier.identify(p) == .sq { n += 1 }
                report(benchmark, bytes: bytes, tokens: 0, elapsed: ContinuousClock.now - t0)
                blackHole(n)
            }
        }
    }
}

private func report(_ benchmark: Benchmark, bytes: Int, tokens: Int, elapsed: Duration) {
    let s = max(elapsed.seconds, 1e-9)
    benchmark.measurement(.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false), Int((Double(bytes) / 1e6 / s).rounded()))
    benchmark.measurement(.custom("ktokens/s", polarity: .prefersLarger, useScalingFactor: false), Int((Double(tokens) / 1e3 / s).rounded()))
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
