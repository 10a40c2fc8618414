import Foundation
import TestSupport
import Testing

/// `kerko show ID`: the stored document as it was read, through the real binary and a real index.
@Suite(.serialized) struct ShowCommandTests {
    final class Workspace: @unchecked Sendable {
        let dir: URL
        init() throws {
            dir = try makeProcessTempDir("kerko-show")
            try FileManager.default.copyItem(at: KerkoProcess.repoRoot.appendingPathComponent("corpus"),
                                             to: dir.appendingPathComponent("corpus"))
            let r = try KerkoProcess.run(["ingest"], cwd: dir)
            if r.status != 0 { throw NSError(domain: "ShowCommandTests", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
    }
    static let shared = Result { try Workspace() }

    func run(_ args: [String]) throws -> KerkoProcess.Result { try KerkoProcess.run(args, cwd: try Self.shared.get().dir) }

    @Test func showsASearchHitWithItsOriginalText() throws {
        let search = try run(["search", "shoqerise civile", "--json", "--limit", "1"]).json()
        let hit = try #require((search["hits"] as? [[String: Any]])?.first)
        let id = try #require(hit["id"] as? String)
        let human = try run(["show", id])
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains(hit["title"] as? String ?? "<none>"))
        #expect(human.stdout.contains("id      \(id)"))
        #expect(human.stdout.contains("shoqërisë civile"), "the full text with its original characters")

        let json = try run(["show", id, "--json"]).json()
        #expect(json["id"] as? String == id)
        #expect(json["lang"] as? String == hit["lang"] as? String)
        let text = try #require(json["text"] as? String)
        // The snippet is a piece of the stored text (white space collapsed, … at the cuts).
        let snippet = (hit["snippet"] as? String ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "…"))
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        #expect(collapsed.contains(snippet.components(separatedBy: " … ").first!), "\(snippet)")
        for key in ["path", "title", "type", "date", "number", "articles", "citations"] { #expect(json.keys.contains(key), "\(key)") }
    }

    @Test func showsArticlesAndCitationsOfAnAct() throws {
        // The EU proposal (Akoma Ntoso): articles with spans into the text, and citations.
        let eu = try run(["show", "akoma-ntoso/eu_COM(2013)0619_EN-8.xml", "--json"])
        #expect(eu.status == 0, "\(eu.stderr)")
        let json = try eu.json()
        let text = Array((json["text"] as? String ?? "").unicodeScalars)
        let articles = try #require(json["articles"] as? [[String: Any]])
        #expect(articles.count >= 10)
        for a in articles {
            let start = a["start"] as? Int ?? -1, end = a["end"] as? Int ?? -1
            #expect(start >= 0 && start < end && end <= text.count)
        }
        // An article's span starts at its label ("Article 1").
        let first = articles[0]
        var label = String.UnicodeScalarView()
        label.append(contentsOf: text[(first["start"] as? Int ?? 0)...].prefix(7))
        #expect(String(label) == "Article", "\(String(label))")
        #expect(!(json["citations"] as? [[String: Any]] ?? []).isEmpty)
        let human = try run(["show", "akoma-ntoso/eu_COM(2013)0619_EN-8.xml"])
        #expect(human.stdout.contains("articles (\(articles.count))"))
        #expect(human.stdout.contains("citations ("))

        // A Gazette act page: number, date and the acts it cites, as printed and normalised.
        let gz = try run(["show", "gazette/00d965c91acffee9b98ed8a4.html", "--json"]).json()
        #expect(gz["number"] as? String == "03/L-212")
        #expect((gz["date"] as? String)?.hasPrefix("20") == true)
        let citations = try #require(gz["citations"] as? [[String: Any]])
        #expect(citations.count >= 10)
        let gtext = Array((gz["text"] as? String ?? "").unicodeScalars)
        for c in citations {
            let start = c["start"] as? Int ?? -1, end = c["end"] as? Int ?? -1
            #expect(start >= 0 && start < end && end <= gtext.count)
            var raw = String.UnicodeScalarView(); raw.append(contentsOf: gtext[max(0, start)..<max(0, min(end, gtext.count))])
            #expect(String(raw) == c["raw"] as? String, "citation span \(start)..<\(end)")
        }
    }

    @Test func aFileNameIsEnoughWhenItIsUnique() throws {
        let r = try run(["show", "civikos-report-2012-2013.sq.txt", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try r.json()["id"]) as? String == "seeds/civikos-report-2012-2013.sq.txt")
        // Every Gazette page ends with .html: ambiguous, a usage error naming some of them.
        let ambiguous = try run(["show", ".html"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("ambiguous") && ambiguous.stderr.contains("gazette/"), "\(ambiguous.stderr)")
    }

    @Test func unknownIdAndMissingIndex() throws {
        let unknown = try run(["show", "no/such/document.txt"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("kerko: no/such/document.txt: no such document"))
        #expect(unknown.stdout.isEmpty)
        let missing = try run(["show", "x", "--index", "/nonexistent/kerko-index"])
        #expect(missing.status == 3)
    }
}
