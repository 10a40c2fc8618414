import Foundation
import TestSupport
import Testing

/// `kerko search` end to end as a new user: the real binary, the bundled corpus, a real index on disk.
@Suite(.serialized) struct SearchCommandTests {
    /// A workspace with a copy of corpus/ whose index was built by the first `kerko search` (shared by the
    /// tests that only read it).
    final class Workspace: @unchecked Sendable {
        let dir: URL
        let firstRun: KerkoProcess.Result
        init() throws {
            dir = try SearchCommandTests.freshWorkspace()
            firstRun = try KerkoProcess.run(["search", "ceshtjet e shoqerise civile"], cwd: dir)
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
    }
    static let shared = Result { try Workspace() }

    static func freshWorkspace() throws -> URL {
        let dir = try makeProcessTempDir("kerko-search")
        try FileManager.default.copyItem(at: KerkoProcess.repoRoot.appendingPathComponent("corpus"),
                                         to: dir.appendingPathComponent("corpus"))
        return dir
    }

    func search(_ args: [String]) throws -> KerkoProcess.Result {
        try KerkoProcess.run(["search"] + args, cwd: try Self.shared.get().dir)
    }

    func searchJSON(_ args: [String]) throws -> [String: Any] {
        let r = try search(args + ["--json"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try r.json()
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The highlighted substrings of a JSON hit's snippet (offsets in Unicode scalars).
    static func highlighted(_ hit: [String: Any]) -> [String] {
        let snippet = Array((hit["snippet"] as? String ?? "").unicodeScalars)
        return (hit["highlights"] as? [[Int]] ?? []).map { h in
            guard h.count == 2, h[0] >= 0, h[0] < h[1], h[1] <= snippet.count else { return "<bad range \(h)>" }
            var v = String.UnicodeScalarView(); v.append(contentsOf: snippet[h[0]..<h[1]]); return String(v)
        }
    }

    func hits(_ json: [String: Any]) -> [[String: Any]] { json["hits"] as? [[String: Any]] ?? [] }

    // MARK: - First run

    @Test func firstSearchInAFreshCloneBuildsTheIndexFromCorpus() throws {
        let ws = try Self.shared.get()
        #expect(ws.firstRun.status == 0, "\(ws.firstRun.stderr)")
        #expect(ws.firstRun.stderr.contains("building it from corpus/"), "\(ws.firstRun.stderr)")
        #expect(ws.firstRun.stderr.contains("indexed"))
        #expect(FileManager.default.fileExists(atPath: ws.dir.appendingPathComponent("index/manifest").path))
        #expect(ws.firstRun.stdout.contains("civikos-report"), "\(ws.firstRun.stdout.prefix(600))")
        // The second search uses the index as it is.
        let again = try search(["ceshtjet"])
        #expect(again.status == 0)
        #expect(!again.stderr.contains("building"), "\(again.stderr)")
        // Same documents as kerko ingest would have committed: nothing new to add.
        let ingest = try KerkoProcess.run(["ingest", "--json"], cwd: ws.dir).json()
        #expect(ingest["added"] as? Int == 0)
        #expect((ingest["unchanged"] as? Int ?? 0) > 50)
    }

    @Test func noCorpusAndNoIndexIsExitThree() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = try KerkoProcess.run(["search", "ligji"], cwd: empty)
        #expect(r.status == 3)
        #expect(r.stderr.hasPrefix("kerko: "))
        #expect(r.stdout.isEmpty)
    }

    // MARK: - What a person expects

    @Test func civilSocietyIssuesWithAndWithoutDiacritics() throws {
        for q in ["ceshtjet e shoqerise civile", "çështjet e shoqërisë civile"] {
            let json = try searchJSON([q])
            let hs = hits(json)
            #expect((json["total"] as? Int ?? 0) >= 1)
            let top = try #require(hs.first, "\(q): no hits")
            #expect((top["id"] as? String ?? "").contains("civikos-report"), "\(q): top hit \(top["id"] ?? "")")
            #expect(top["lang"] as? String == "sq")
            let words = Self.highlighted(top).map(Self.fold)
            #expect(!words.isEmpty, "\(q): no highlights in \(top["snippet"] ?? "")")
            for w in words {
                #expect(w.hasPrefix("ceshtj") || w.hasPrefix("shoqeri") || w.hasPrefix("civil"), "\(q): highlighted \(w)")
            }
            #expect(words.contains { $0.hasPrefix("shoqeri") } && words.contains { $0.hasPrefix("civil") })
            // The original characters are highlighted, not the folded query.
            #expect(Self.highlighted(top).contains { $0.contains("ë") }, "\(Self.highlighted(top))")
        }
    }

    @Test func draftLawFindsProjektligjeInflections() throws {
        let json = try searchJSON(["projektligji"])
        let hs = hits(json)
        let top = try #require(hs.first)
        let words = hs.flatMap(Self.highlighted).map(Self.fold)
        #expect(words.contains { $0.hasPrefix("projektligj") }, "\(words) in \(top["snippet"] ?? "")")
        #expect(hs.contains { ($0["id"] as? String ?? "").contains("civikos-report") })
    }

    @Test func lawOnEducationMatchesInflectedForms() throws {
        for q in ["ligjit per arsimin", "ligjit për arsimin"] {
            let json = try searchJSON([q])
            let hs = hits(json)
            let top = try #require(hs.first, "\(q)")
            #expect(top["lang"] as? String == "sq", "\(q): \(top["id"] ?? "")")
            let words = Self.highlighted(top).map(Self.fold)
            #expect(words.contains { $0.hasPrefix("ligj") } || words.contains { $0.hasPrefix("arsim") }, "\(q): \(words)")
            for w in words { #expect(w.hasPrefix("ligj") || w.hasPrefix("arsim") || w == "per", "\(q): \(w)") }
            // Other inflections than the query's are highlighted (stemming): ligji, ligjet, arsimi, …
            let all = Set(hs.flatMap(Self.highlighted).map(Self.fold))
            #expect(all.contains { $0 != "ligjit" && $0 != "arsimin" }, "\(q): \(all)")
        }
    }

    @Test func serbianLawsForZakonO() throws {
        let json = try searchJSON(["Zakon o"])
        let hs = hits(json)
        #expect(hs.count >= 5)
        #expect(hs.prefix(5).allSatisfy { $0["lang"] as? String == "sr" }, "\(hs.prefix(5).map { $0["id"] ?? "" })")
        for h in hs.prefix(5) {
            let words = Self.highlighted(h).map(Self.fold)
            #expect(words.contains { $0.hasPrefix("zakon") }, "\(h["id"] ?? ""): \(words)")
        }
    }

    @Test func expandTranslatesAnEnglishQueryIntoAlbanian() throws {
        let plain = try searchJSON(["draft law on NGOs"])
        #expect((plain["expanded"] as? [String])?.isEmpty == true)
        let json = try searchJSON(["draft law on NGOs", "--expand"])
        let expanded = json["expanded"] as? [String] ?? []
        #expect(!expanded.isEmpty)
        #expect(expanded.contains { Self.fold($0).hasPrefix("projektligj") || Self.fold($0).contains("ojq") }, "\(expanded)")
        let langs = Set(hits(json).map { $0["lang"] as? String ?? "" })
        #expect(langs.contains("sq"), "expansion should reach Albanian documents: \(langs)")
        // The human output says what was added.
        let human = try search(["draft law on NGOs", "--expand"])
        #expect(human.stdout.contains("expanded with:"), "\(human.stdout.prefix(400))")
    }

    // MARK: - Contract

    @Test func jsonHasTheContractFields() throws {
        let json = try searchJSON(["ligji", "--limit", "5"])
        for key in ["query", "total", "took_ms", "expanded", "hits", "facets"] { #expect(json[key] != nil, "missing \(key)") }
        #expect(json["query"] as? String == "ligji")
        #expect(json["took_ms"] is Double || json["took_ms"] is Int)
        let hs = hits(json)
        #expect(hs.count == 5)
        for h in hs {
            for key in ["id", "path", "title", "type", "lang", "date", "number", "score", "snippet", "highlights"] {
                #expect(h.keys.contains(key), "hit misses \(key)")
            }
            let snippet = h["snippet"] as? String ?? ""
            #expect(snippet.unicodeScalars.count <= 320)
            #expect(!Self.highlighted(h).contains { $0.hasPrefix("<bad") })
        }
        let scores = hs.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        let facets = try #require(json["facets"] as? [String: [String: Int]])
        for f in ["type", "lang", "year"] { #expect(facets[f] != nil, "facet \(f)") }
        #expect(facets["lang"]?.values.reduce(0, +) == json["total"] as? Int)
        // Paging: --offset skips.
        let next = hits(try searchJSON(["ligji", "--limit", "5", "--offset", "5"]))
        #expect(Set(next.compactMap { $0["id"] as? String }).isDisjoint(with: hs.compactMap { $0["id"] as? String }))
    }

    @Test func filtersKeepOnlyWhatTheyName() throws {
        let sr = hits(try searchJSON(["zakon", "--lang", "sr"]))
        #expect(!sr.isEmpty)
        #expect(sr.allSatisfy { $0["lang"] as? String == "sr" })
        let laws = hits(try searchJSON(["ligji", "--type", "law"]))
        #expect(!laws.isEmpty)
        #expect(laws.allSatisfy { $0["type"] as? String == "law" })
        let dated = hits(try searchJSON(["ligji", "--since", "2010", "--until", "2015-12-31"]))
        #expect(dated.allSatisfy { h in (h["date"] as? String).map { $0 >= "2010-01-01" && $0 <= "2015-12-31" } ?? false })
    }

    @Test func humanOutputMarksMatchesWithGuillemetsWhenNotATerminal() throws {
        let r = try search(["ceshtjet e shoqerise civile", "--limit", "3"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("«") && r.stdout.contains("»"))
        #expect(!r.stdout.contains("\u{1B}["), "no ANSI codes when stdout is a pipe")
        #expect(r.stdout.contains(" 1. "))
        #expect(r.stdout.contains(" · sq"))
        #expect(r.stdout.contains("civikos-report"))
        // Every marked word is a match of the query.
        let marked = r.stdout.components(separatedBy: "«").dropFirst().compactMap { $0.components(separatedBy: "»").first }
        #expect(!marked.isEmpty)
        for m in marked.map(Self.fold) { #expect(m.hasPrefix("ceshtj") || m.hasPrefix("shoqeri") || m.hasPrefix("civil"), "\(m)") }
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`), matches are bold, not «».
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func terminalOutputIsBold() throws {
        let ws = try Self.shared.get()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "'\(KerkoProcess.binary.path)' search ceshtjet --limit 2", "/dev/null"]
        p.currentDirectoryURL = ws.dir
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(text.contains("\u{1B}[1m"), "\(text.prefix(300))")
        #expect(!text.contains("«"))
        let bold = text.components(separatedBy: "\u{1B}[1m").dropFirst().compactMap { $0.components(separatedBy: "\u{1B}[0m").first }
        #expect(!bold.isEmpty && bold.allSatisfy { Self.fold($0).hasPrefix("ceshtj") }, "\(bold)")
    }

    @Test func explainShowsTermContributions() throws {
        let r = try search(["ligjit arsimin", "--explain", "--limit", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("+"), "\(r.stdout.prefix(800))")
        let json = try searchJSON(["ligjit arsimin", "--explain", "--limit", "2"])
        for h in hits(json) {
            let ex = try #require(h["explain"] as? [[String: Any]])
            #expect(!ex.isEmpty)
            let sum = ex.compactMap { $0["score"] as? Double }.reduce(0, +)
            #expect(abs(sum - (h["score"] as? Double ?? 0)) < 1e-3 * max(1, sum), "contributions \(sum) vs score \(h["score"] ?? "")")
        }
    }

    @Test func noMatchIsAnEmptyResultWithTheSameShape() throws {
        let json = try searchJSON(["zzzxqwv"])
        #expect(json["total"] as? Int == 0)
        #expect((json["hits"] as? [Any])?.isEmpty == true)
        let facets = try #require(json["facets"] as? [String: [String: Int]])
        #expect(Set(facets.keys) == ["type", "lang", "year"])
        let human = try search(["zzzxqwv"])
        #expect(human.status == 0)
        #expect(human.stdout.hasPrefix("0 results for zzzxqwv"))
        #expect(human.stdout.contains("No document matches"))
    }

    // MARK: - Errors

    @Test func badQuerySyntaxIsExitTwoWithThePosition() throws {
        for q in ["(ligji AND arsimi", "\"shoqeri civile", "title:"] {
            let r = try search([q])
            #expect(r.status == 2, "\(q): \(r.status) \(r.stderr)")
            #expect(r.stderr.hasPrefix("kerko: query: "), "\(r.stderr)")
            #expect(r.stderr.contains("at character"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let bad = try search(["ligji", "--lang", "de"])
        #expect(bad.status == 2)
        let badDate = try search(["ligji", "--since", "last week"])
        #expect(badDate.status == 2)
    }

    @Test func lockedIndexDuringTheFirstRunBuildIsExitThreeButACommittedOneStaysSearchable() throws {
        let ws = try Self.freshWorkspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        try FileManager.default.createDirectory(at: ws.appendingPathComponent("index"), withIntermediateDirectories: true)
        let fd = open(ws.appendingPathComponent("index/write.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let locked = try KerkoProcess.run(["search", "ligji"], cwd: ws)
        flock(fd, LOCK_UN)
        #expect(locked.status == 3, "\(locked.stderr)")
        #expect(locked.stderr.contains("locked"), "\(locked.stderr)")
        #expect(locked.stdout.isEmpty)
        // Once committed, a writer holding the lock does not stop readers (they search the last commit).
        #expect(try KerkoProcess.run(["ingest", "corpus/seeds"], cwd: ws).status == 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let reading = try KerkoProcess.run(["search", "ceshtjet", "--json"], cwd: ws)
        flock(fd, LOCK_UN); close(fd)
        #expect(reading.status == 0, "\(reading.stderr)")
        #expect((try reading.json()["total"] as? Int ?? 0) >= 1)
    }

    @Test func missingOrCorruptIndexIsExitThree() throws {
        let ws = try Self.shared.get()
        let missing = try KerkoProcess.run(["search", "ligji", "--index", "/nonexistent/kerko-index"], cwd: ws.dir)
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no index") || missing.stderr.contains("no such"), "\(missing.stderr)")

        // A copy of the index with one byte of a segment file flipped.
        let copy = ws.dir.appendingPathComponent("index-corrupt")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: ws.dir.appendingPathComponent("index"), to: copy)
        let files = try FileManager.default.contentsOfDirectory(atPath: copy.path).filter { $0.hasSuffix(".tdi") || $0.hasSuffix(".doc") }
        let victim = copy.appendingPathComponent(try #require(files.first))
        var bytes = try Data(contentsOf: victim)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: victim)
        let corrupt = try KerkoProcess.run(["search", "ligji", "--index", copy.path], cwd: ws.dir)
        #expect(corrupt.status == 3, "\(corrupt.stderr)")
        #expect(corrupt.stderr.contains("corrupt"), "\(corrupt.stderr)")
        #expect(corrupt.stdout.isEmpty)
    }
}

/// Copies of one text (the CiviKos report as .txt, Windows-1250 .txt, .docx and .pdf) are one hit by default,
/// with the copies listed; --all lists each file.
extension SearchCommandTests {
    @Test func copiesOfOneTextAreOneHit() throws {
        let civikos = { (id: String) in id.contains("civikos-report-2012-2013") }
        let folded = try searchJSON(["shoqeria civile", "--limit", "20"])
        let hits = folded["hits"] as? [[String: Any]] ?? []
        let reportHits = hits.filter { civikos($0["id"] as? String ?? "") }
        #expect(reportHits.count == 1)
        #expect(Set((reportHits.first?["duplicates"] as? [String]) ?? []).count == 3)
        #expect((reportHits.first?["duplicates"] as? [String])?.allSatisfy(civikos) == true)
        let ids = hits.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)

        let all = try searchJSON(["shoqeria civile", "--limit", "20", "--all"])
        let allHits = all["hits"] as? [[String: Any]] ?? []
        #expect(allHits.filter { civikos($0["id"] as? String ?? "") }.count == 4)
        #expect(allHits.allSatisfy { $0["duplicates"] == nil })
        #expect(all["total"] as? Int == folded["total"] as? Int)

        // Paging walks the folded list: page 2 starts after page 1's last group.
        let p1 = try searchJSON(["shoqeria civile", "--limit", "2"])["hits"] as? [[String: Any]] ?? []
        let p2 = try searchJSON(["shoqeria civile", "--limit", "2", "--offset", "2"])["hits"] as? [[String: Any]] ?? []
        #expect((p1 + p2).compactMap { $0["id"] as? String } == Array(ids.prefix(4)))
    }
}
