import Foundation
import Indexing
import Storage
import Testing

/// Acceptance: a child process ingesting (the real `kerko ingest`) is killed with SIGKILL at random
/// instants at least 20 times; after each, the index opens at a complete commit (old or new), every
/// checksum verifies, and the document count is one of the two commits'.
@Suite("Crash safety", .serialized)
struct CrashTests {
    static let binary: URL = {
        let fm = FileManager.default
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kerko"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kerko"),
            repoRoot.appendingPathComponent(".build-index/debug/kerko"),
            repoRoot.appendingPathComponent(".build/debug/kerko"),
        ]
        return candidates.first { fm.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Starts `kerko ingest SRC --index DIR`.
    func start(_ source: URL, _ index: URL) throws -> Process {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["ingest", source.path, "--index", index.path, "--jobs", "1"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A digest of a snapshot: the postings (global doc, freq, positions) of its first 200 body terms, and
    /// its stored ids.
    static func sample(_ r: IndexReader) throws -> [String] {
        var out: [String] = []
        for s in r.segments {
            var terms: [String] = []
            try s.terms(field: "body.stem") { t, _ in terms.append(t); return terms.count < 200 }
            for t in terms {
                let p = try r.postings(field: "body.stem", term: t)
                var line = t
                while try p.next() { line += " \(p.doc):\(p.freq):\(try p.positions())" }
                out.append(line)
            }
        }
        for d in 0..<r.maxDoc { if let b = try r.storedBytes(doc: d) { out.append("\(d)=\(b.count)") } }
        return out
    }

    /// Adds `n` new text files and changes `m` existing ones in the source folder.
    func grow(_ source: URL, round: Int, rng: inout SeededRandom) throws {
        let docs = randomCorpus(seed: UInt64(1000 + round), documents: 3, maxWords: 400)
        for (i, d) in docs.enumerated() {
            try ("round \(round) document \(i)\n\n" + d.text).write(to: source.appendingPathComponent("r\(round)-\(i).txt"), atomically: false, encoding: .utf8)
        }
        let existing = try FileManager.default.contentsOfDirectory(atPath: source.path).sorted()
        for _ in 0..<2 {
            let f = source.appendingPathComponent(existing.randomElement(using: &rng)!)
            try ("changed in round \(round)\n\n" + String(contentsOf: f, encoding: .utf8)).write(to: f, atomically: false, encoding: .utf8)
        }
    }

    @Test("SIGKILL during kerko ingest at random instants until 24 kills (≥ 20 required) leaves the old or the new commit")
    func killDuringIngest() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("kerko binary not found at \(Self.binary.path)")
            return
        }
        try withTempDir { tmp in
            let source = tmp.appendingPathComponent("src"), index = tmp.appendingPathComponent("index")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            var rng = SeededRandom(seed: 42)
            try grow(source, round: 0, rng: &rng)
            // A full, unkilled run: measures the duration and shows whether ingest commits at all.
            let t0 = Date()
            let first = try start(source, index)
            first.waitUntilExit()
            let duration = Date().timeIntervalSince(t0)
            let committed = FileManager.default.fileExists(atPath: index.appendingPathComponent("manifest").path)
            guard committed else {
                Issue.record("kerko ingest wrote no commit (is it wired to IndexWriter?)")
                return
            }
            // Ten more complete commits first, so that the killed runs' commits also merge (the tiered
            // policy allows about 11 small segments) and kills land inside merges too.
            for warm in 1...10 {
                try grow(source, round: 100 + warm, rng: &rng)
                let p = try start(source, index)
                p.waitUntilExit()
            }
            var kills = 0, sawOld = 0, sawNew = 0
            var estimate = max(duration, 0.05)
            // Rounds continue until 24 runs were killed while still running (a run that finishes before its
            // instant is a round without a kill: faster ingests make that likelier), at most 72 rounds.
            var round = 0
            while kills < 24 && round < 72 {
                round += 1
                // A snapshot opened before the child runs must read the same after it (even when the
                // child's commit or merge deleted the files it maps).
                let snapshot = try IndexReader.open(directory: index)
                let before = snapshot.documentCount
                let snapshotPostings = try Self.sample(snapshot)
                try grow(source, round: round, rng: &rng)
                let files = try FileManager.default.contentsOfDirectory(atPath: source.path).count
                // Three kinds of instants, in turn: (0) uniformly random in the expected run time;
                // (1) a random 0–15 ms after the first new segment file appears (the flush/commit window);
                // (2) as soon as the manifest has been replaced (the new commit is durable, the process
                // is still running). The expected duration follows the runs that finished by themselves.
                let oldFiles = Set(try FileManager.default.contentsOfDirectory(atPath: index.path))
                let manifestBefore = try Data(contentsOf: index.appendingPathComponent("manifest"))
                let t = Date()
                let p = try start(source, index)
                switch round % 3 {
                case 0:
                    Thread.sleep(forTimeInterval: Double.random(in: 0.01...estimate, using: &rng))
                case 1:
                    let jitter = Double.random(in: 0...0.015, using: &rng)
                    while p.isRunning && Date().timeIntervalSince(t) < 20 {
                        let now = (try? FileManager.default.contentsOfDirectory(atPath: index.path)) ?? []
                        if now.contains(where: { !oldFiles.contains($0) && $0.hasPrefix("_") }) { break }
                        usleep(500)
                    }
                    Thread.sleep(forTimeInterval: jitter)
                default:
                    while p.isRunning && Date().timeIntervalSince(t) < 20 {
                        if let m = try? Data(contentsOf: index.appendingPathComponent("manifest")), m != manifestBefore { break }
                        usleep(500)
                    }
                }
                var killed = false
                if p.isRunning { kill(p.processIdentifier, SIGKILL); kills += 1; killed = true }
                p.waitUntilExit()
                if !killed { estimate = max(Date().timeIntervalSince(t), 0.05) }
                // The index opens at a complete commit; IndexReader verifies every file's checksum.
                let r = try IndexReader.open(directory: index)
                let n = r.documentCount
                #expect(n == before || n == files, "round \(round): \(n) documents, expected \(before) or \(files)")
                if n == before && n != files { sawOld += 1 } else { sawNew += 1 }
                #expect(snapshot.documentCount == before)
                #expect(try Self.sample(snapshot) == snapshotPostings, "round \(round): snapshot changed")
                _ = try r.stats()
            }
            #expect(kills >= 20, "only \(kills) of \(round) runs were still running when killed")
            // A final unkilled run completes and takes the lock a killed holder left behind.
            let last = try start(source, index)
            last.waitUntilExit()
            #expect(try IndexReader.open(directory: index).documentCount ==
                    (try FileManager.default.contentsOfDirectory(atPath: source.path).count))
            let final = try IndexReader.open(directory: index)
            print("crash test: \(kills) kills in \(round) rounds, \(sawOld) old commits, \(sawNew) new commits, first run \(duration) s, final generation \(final.manifest.generation) with \(final.segments.count) segments")
        }
    }
}
