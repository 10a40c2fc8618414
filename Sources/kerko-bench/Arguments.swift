import Foundation
import Indexing

/// kerko-bench's command line, parsed by hand (the target does not link swift-argument-parser):
///
///     kerko-bench [--analyzer plain|full] build --corpus F.jsonl --index-dir D [--analyzer plain|full]
///     kerko-bench [--analyzer plain|full] query --index-dir D --queries Q.tsv --k K --warmup W --rounds R
///                 --results OUT.jsonl [--analyzer plain|full]
///
/// Strict: an unknown flag, a missing value or a missing required flag is an error (exit 2).
struct BenchArguments {
    enum Mode: String { case build, query }

    var mode: Mode
    var analyzer: FieldAnalysis.Mode = .plain
    var corpus: String?
    var indexDir: String = ""
    var queries: String = ""
    var results: String = ""
    var k = 10
    var warmup = 1
    var rounds = 3

    struct Failure: Error, CustomStringConvertible { var description: String }

    static let usage = """
    usage: kerko-bench [--analyzer plain|full] build --corpus F.jsonl --index-dir D
           kerko-bench [--analyzer plain|full] query --index-dir D --queries Q.tsv --k K --warmup W --rounds R --results OUT.jsonl
    (protocol: ../shared/peers/README.md; --analyzer is also accepted after the subcommand; default plain)
    """

    init(_ argv: [String]) throws {
        var values: [String: String] = [:]
        var mode: Mode?
        var i = 0
        while i < argv.count {
            let a = argv[i]
            if !a.hasPrefix("--") {
                guard mode == nil, let m = Mode(rawValue: a) else {
                    throw Failure(description: mode == nil ? "unknown subcommand '\(a)' (build or query)" : "unexpected argument '\(a)'")
                }
                mode = m
                i += 1
                continue
            }
            var name = String(a.dropFirst(2)), value: String?
            if let eq = name.firstIndex(of: "=") { value = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
            let allowed: Set<String> = mode == .query ? ["analyzer", "index-dir", "queries", "k", "warmup", "rounds", "results"]
                : mode == .build ? ["analyzer", "index-dir", "corpus"] : ["analyzer"]
            if name == "help" { throw Failure(description: "help") }
            guard allowed.contains(name) else {
                throw Failure(description: "unknown option '--\(name)'\(mode == nil ? " before the subcommand" : " for \(mode!.rawValue)")")
            }
            if value == nil {
                guard i + 1 < argv.count else { throw Failure(description: "--\(name) needs a value") }
                value = argv[i + 1]
                i += 1
            }
            values[name] = value
            i += 1
        }
        guard let mode else { throw Failure(description: "missing subcommand (build or query)") }
        self.mode = mode
        if let a = values["analyzer"] {
            guard let m = FieldAnalysis.Mode(rawValue: a) else { throw Failure(description: "--analyzer must be plain or full, not '\(a)'") }
            analyzer = m
        }
        func required(_ n: String) throws -> String {
            guard let v = values[n], !v.isEmpty else { throw Failure(description: "\(mode.rawValue) needs --\(n)") }
            return v
        }
        func integer(_ n: String, min: Int, default d: Int) throws -> Int {
            guard let v = values[n] else { return d }
            guard let x = Int(v), x >= min else { throw Failure(description: "--\(n) must be an integer ≥ \(min), not '\(v)'") }
            return x
        }
        indexDir = try required("index-dir")
        switch mode {
        case .build:
            corpus = try required("corpus")
        case .query:
            queries = try required("queries")
            results = try required("results")
            k = try integer("k", min: 1, default: 10)
            warmup = try integer("warmup", min: 0, default: 1)
            rounds = try integer("rounds", min: 1, default: 3)
        }
    }
}
