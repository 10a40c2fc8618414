import Foundation
import Testing

/// `kerko ingest` and `kerko stats` end to end: the real binary, the bundled corpus, a real index on disk.
@Suite(.serialized) struct IngestCommandTests {
    /// A scratch folder holding a copy of the bundled corpus.
    func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KerkoProcess.repoRoot.appendingPathComponent("corpus"),
                                         to: dir.appendingPathComponent("corpus"))
        return dir
    }

    func corpusFileCount() throws -> Int {
        let root = KerkoProcess.repoRoot.appendingPathComponent("corpus")
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        var n = 0
        for case let u as URL in e {
            let name = u.lastPathComponent
            if (try u.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
               name != "CORPUS.md", !name.hasPrefix("LICENSE"), !name.hasPrefix(".") { n += 1 }
        }
        return n
    }

    @Test func dryRunListsEveryDocumentWithItsMetadata() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let r = try KerkoProcess.run(["ingest", "--dry-run", "--json"], cwd: ws)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try r.json()
        let read = json["read"] as? [[String: Any]] ?? []
        let skipped = json["skipped"] as? [[String: Any]] ?? []
        let files = try corpusFileCount()
        #expect(read.count + skipped.count == files)
        #expect((json["failed"] as? [Any])?.isEmpty == true)
        // Nothing committed.
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("index/manifest").path))
        // Every language and the founding documents are there, with the contract's fields.
        let langs = Set(read.compactMap { $0["lang"] as? String })
        #expect(langs.isSuperset(of: ["sq", "en", "sr"]))
        let report = read.first { ($0["path"] as? String)?.hasSuffix("civikos-report-2012-2013.sq.txt") == true }
        #expect(report?["lang"] as? String == "sq")
        for key in ["path", "id", "title", "type", "lang", "number", "date", "institution", "gazette", "articles", "citations"] {
            #expect(read.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
        }
        let law = read.first { ($0["number"] as? String) != nil && ($0["type"] as? String) == "law" && ($0["lang"] as? String) == "sq" }
        #expect(law != nil)
        #expect((law?["date"] as? String)?.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil)
    }

    @Test func ingestCommitsThenSkipsUnchangedThenUpdatesAndPrunes() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let first = try KerkoProcess.run(["ingest", "--json"], cwd: ws)
        #expect(first.status == 0, "\(first.stderr)")
        let j1 = try first.json()
        let added = j1["added"] as? Int ?? 0
        #expect(added > 50)
        #expect(j1["documents"] as? Int == added)

        let again = try KerkoProcess.run(["ingest", "--json"], cwd: ws)
        let j2 = try again.json()
        #expect(j2["added"] as? Int == 0)
        #expect(j2["unchanged"] as? Int == added)
        #expect(j2["updated"] as? Int == 0)

        let seed = ws.appendingPathComponent("corpus/seeds/kosovo-we-want-2nd-congress.en.txt")
        try (try String(contentsOf: seed, encoding: .utf8) + "\nAddendum: civil society consultation.\n")
            .write(to: seed, atomically: true, encoding: .utf8)
        let updated = try KerkoProcess.run(["ingest", "--json"], cwd: ws).json()
        #expect(updated["updated"] as? Int == 1)
        #expect(updated["unchanged"] as? Int == added - 1)

        try FileManager.default.removeItem(at: seed)
        let kept = try KerkoProcess.run(["ingest", "--json"], cwd: ws).json()
        #expect(kept["documents"] as? Int == added, "a removed file is kept without --prune")
        let pruned = try KerkoProcess.run(["ingest", "--prune", "--json"], cwd: ws).json()
        #expect(pruned["documents"] as? Int == added - 1)

        // --reread indexes every file again, unchanged ones too; the next plain ingest skips them all.
        let reread = try KerkoProcess.run(["ingest", "--reread", "--json"], cwd: ws).json()
        #expect(reread["updated"] as? Int == added - 1)
        #expect(reread["unchanged"] as? Int == 0)
        #expect(reread["documents"] as? Int == added - 1)
        let after = try KerkoProcess.run(["ingest", "--json"], cwd: ws).json()
        #expect(after["unchanged"] as? Int == added - 1)

        let stats = try KerkoProcess.run(["stats", "--json"], cwd: ws)
        #expect(stats.status == 0, "\(stats.stderr)")
        let s = try stats.json()
        #expect(s["documents"] as? Int == added - 1)
        for key in ["deleted", "terms", "postings", "positions", "segments", "generation", "bytes", "languages", "types"] {
            #expect(s.keys.contains(key), "stats lacks \(key)")
        }
        #expect((s["terms"] as? Int ?? 0) > 1000)
        #expect(((s["bytes"] as? [String: Int])?["total"] ?? 0) > 0)
        #expect((s["languages"] as? [String: Int])?["sq"] ?? 0 > 0)
    }

    @Test func aBadFileIsReportedAndTheOthersAreCommitted() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let bad = ws.appendingPathComponent("corpus/broken.xml")
        try Data("<akomaNtoso><bill><meta>\n<unclosed></bill>".utf8).write(to: bad)
        let r = try KerkoProcess.run(["ingest"], cwd: ws)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("kerko: ") == true)
        #expect(lines.first?.contains("broken.xml") == true)
        #expect(lines.first?.contains("line") == true)
        #expect(r.stdout.contains("failed 1"))
        let s = try KerkoProcess.run(["stats", "--json"], cwd: ws).json()
        #expect((s["documents"] as? Int ?? 0) > 50)
    }

    @Test func indexProblemsExitThree() throws {
        let ws = try workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let missing = try KerkoProcess.run(["stats"], cwd: ws)
        #expect(missing.status == 3)
        #expect(missing.stderr.hasPrefix("kerko: "))

        #expect(try KerkoProcess.run(["ingest", "corpus/seeds"], cwd: ws).status == 0)
        // Another writer holds the lock: a clear message, exit 3, the index untouched.
        let lockPath = ws.appendingPathComponent("index/write.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let locked = try KerkoProcess.run(["ingest"], cwd: ws)
        flock(fd, LOCK_UN); close(fd)
        #expect(locked.status == 3)
        #expect(locked.stderr.contains("locked"))
        #expect(try KerkoProcess.run(["stats", "--json"], cwd: ws).json()["documents"] as? Int == 2)

        // --index and KERKO_INDEX choose the folder.
        let other = ws.appendingPathComponent("elsewhere").path
        #expect(try KerkoProcess.run(["ingest", "corpus/seeds", "--index", other], cwd: ws).status == 0)
        #expect(try KerkoProcess.run(["stats", "--json"], cwd: ws, env: ["KERKO_INDEX": other]).json()["documents"] as? Int == 2)

        let nothing = try KerkoProcess.run(["ingest", "no-such-folder"], cwd: ws)
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "kerko: no-such-folder: no such file or folder\n")
    }
}
