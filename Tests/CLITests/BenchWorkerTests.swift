import Foundation
import Testing

/// The `kerko-bench` binary beside the test bundle (as `KerkoProcess.binary` finds `kerko`).
enum BenchProcess {
    static let binary: URL = {
        let fm = FileManager.default
        var candidates: [URL] = []
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("kerko-bench"))
        if let b = Bundle.main.executableURL { candidates.append(b.deletingLastPathComponent().appendingPathComponent("kerko-bench")) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kerko-bench"))
        candidates.append(KerkoProcess.binary.deletingLastPathComponent().appendingPathComponent("kerko-bench"))
        candidates.append(KerkoProcess.repoRoot.appendingPathComponent(".build/debug/kerko-bench"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    static func run(_ args: [String]) throws -> KerkoProcess.Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        p.waitUntilExit()
        return KerkoProcess.Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                   stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }

    /// The protocol's summary: the last line of stdout that is a JSON object.
    static func lastJSON(_ r: KerkoProcess.Result) throws -> [String: Any] {
        let line = try #require(r.stdout.split(separator: "\n").last { $0.hasPrefix("{") }, "no JSON line in \(r.stdout)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

/// kerko-bench speaking the peers' worker protocol (../shared/peers/README.md) on a corpus made here.
@Suite(.serialized) struct BenchWorkerTests {
    static let docs: [[String: String]] = [
        ["id": "d1", "title": "River report", "body": "The quick brown fox crossed the river near Prishtina.", "lang": "en"],
        ["id": "d2", "title": "Fox notes", "body": "A brown quick fox; the fox stayed home.", "lang": "en"],
        ["id": "d3", "title": "Shoqëria civile në Kosovë", "body": "Raporti për shoqërinë civile dhe lumin në Kosovë.", "lang": "sq"],
        ["id": "d4", "title": "Quick brown", "body": "Nothing about animals here, only the river bank.", "lang": "en"],
        ["id": "d5", "title": "Zakon o vodama", "body": "Reka i obala; zaštita reke u Kosovu.", "lang": "sr"],
    ]
    static let queries = """
    q1\tterm\triver
    q2\tterm\tkosove
    q3\tand\tbrown fox
    q4\tand\tquick river
    q5\tor\triver kosove
    q6\tphrase\tquick brown
    q7\tphrase\tbrown fox
    q8\tterm\tnothingmatches
    q9\tand\tand the

    """
    /// Expected match sets under the peers' semantics (title or body; phrase inside one field).
    static let expected: [String: Set<String>] = [
        "q1": ["d1", "d4"], "q2": ["d3"], "q3": ["d1", "d2"], "q4": ["d1", "d4"], "q5": ["d1", "d3", "d4"],
        "q6": ["d1", "d4"], "q7": ["d1"], "q8": [], "q9": [],
    ]

    func files() throws -> (dir: URL, corpus: URL, queries: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let corpus = dir.appendingPathComponent("c.jsonl")
        var lines = ""
        for d in Self.docs {
            let data = try JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        try lines.write(to: corpus, atomically: true, encoding: .utf8)
        let q = dir.appendingPathComponent("q.tsv")
        try Self.queries.write(to: q, atomically: true, encoding: .utf8)
        return (dir, corpus, q)
    }

    @Test func buildThenQuerySpeakTheProtocol() throws {
        let (dir, corpus, queries) = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = dir.appendingPathComponent("idx")
        try FileManager.default.createDirectory(at: index, withIntermediateDirectories: true)
        // bench.py leaves its marker file in the index folder.
        FileManager.default.createFile(atPath: index.appendingPathComponent(".peers-index").path, contents: nil)

        // --analyzer before the subcommand, as bench.py's --engine-cmd puts it.
        let build = try BenchProcess.run(["--analyzer", "plain", "build", "--corpus", corpus.path, "--index-dir", index.path])
        #expect(build.status == 0, "\(build.stderr)")
        let b = try BenchProcess.lastJSON(build)
        #expect(b["docs"] as? Int == Self.docs.count)
        #expect((b["build_s"] as? Double ?? -1) >= 0)
        #expect((b["version"] as? String ?? "").contains("kerko"))
        #expect(b["segments"] as? Int == 1)

        let results = dir.appendingPathComponent("out.jsonl")
        let query = try BenchProcess.run(["--analyzer", "plain", "query", "--index-dir", index.path, "--queries", queries.path,
                                          "--k", "3", "--warmup", "1", "--rounds", "2", "--results", results.path])
        #expect(query.status == 0, "\(query.stderr)")
        let q = try BenchProcess.lastJSON(query)
        #expect(q["unsupported"] as? [String] == [])
        #expect((q["open_s"] as? Double ?? -1) >= 0)
        #expect(q["version"] is String)

        let lines = try String(contentsOf: results, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Self.expected.count)
        var seen = Set<String>()
        for line in lines {
            let r = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let qid = try #require(r["qid"] as? String)
            seen.insert(qid)
            for key in ["class", "query", "topk", "count", "lat_us"] { #expect(r[key] != nil, "\(qid) misses \(key)") }
            let expected = try #require(Self.expected[qid])
            let topk = r["topk"] as? [String] ?? []
            #expect(r["count"] as? Int == expected.count, "\(qid) \(r["query"] ?? ""): count \(r["count"] ?? "") topk \(topk)")
            #expect(topk.count == min(3, expected.count), "\(qid): \(topk)")
            #expect(Set(topk).isSubset(of: expected), "\(qid): \(topk) vs \(expected)")
            #expect((r["lat_us"] as? [Double])?.count == 2)
            #expect((r["lat_us"] as? [Double] ?? []).allSatisfy { $0 > 0 })
        }
        #expect(seen == Set(Self.expected.keys))
    }

    @Test func fullAnalysisStemsAndAcceptsTheFlagAfterTheSubcommand() throws {
        let (dir, corpus, _) = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = dir.appendingPathComponent("idx-full")
        let build = try BenchProcess.run(["build", "--corpus", corpus.path, "--index-dir", index.path, "--analyzer", "full"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect((try BenchProcess.lastJSON(build)["version"] as? String ?? "").contains("full"))
        let queries = dir.appendingPathComponent("full.tsv")
        // "rivers" stems to river (English); "shoqeria" finds shoqërinë/Shoqëria (Albanian stemmer, folding).
        try "f1\tterm\trivers\nf2\tterm\tshoqeria\n".write(to: queries, atomically: true, encoding: .utf8)
        let results = dir.appendingPathComponent("full.jsonl")
        let q = try BenchProcess.run(["query", "--index-dir", index.path, "--queries", queries.path, "--k", "10",
                                      "--warmup", "0", "--rounds", "1", "--results", results.path, "--analyzer", "full"])
        #expect(q.status == 0, "\(q.stderr)")
        let rows = try String(contentsOf: results, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["qid"] as? String ?? "", $0) })
        #expect(Set(byID["f1"]?["topk"] as? [String] ?? []) == ["d1", "d4"])
        #expect(byID["f2"]?["topk"] as? [String] == ["d3"])
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let cases: [[String]] = [
            [],
            ["index"],
            ["build", "--index-dir", "/tmp/x"],
            ["build", "--corpus", "c.jsonl", "--index-dir", "/tmp/x", "--bogus", "1"],
            ["--analyzer", "stemmed", "build", "--corpus", "c", "--index-dir", "d"],
            ["query", "--index-dir", "d", "--queries", "q", "--results", "r", "--k", "zero"],
        ]
        for args in cases {
            let r = try BenchProcess.run(args)
            #expect(r.status == 2, "\(args): \(r.status)")
            #expect(r.stderr.hasPrefix("kerko-bench: "), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let malformed = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-bench-bad-\(UUID().uuidString).jsonl")
        try "{\"id\": \"a\", \"body\": \"x\"}\nnot json\n".write(to: malformed, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: malformed) }
        let r = try BenchProcess.run(["build", "--corpus", malformed.path, "--index-dir", malformed.path + ".idx"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":2:"), "names the line: \(r.stderr)")
    }
}
