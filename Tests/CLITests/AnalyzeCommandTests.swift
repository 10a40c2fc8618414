import Foundation
import Testing

/// `kerko analyze` end to end, through the real binary (../shared/spec/CLI.md).
@Suite struct AnalyzeCommandTests {
    typealias Token = [String: Any]

    func tokens(_ json: [String: Any]) -> [Token] { json["tokens"] as? [Token] ?? [] }

    @Test func draftLawTitleHasOffsetsFoldedFormsAndStems() throws {
        let r = try KerkoProcess.run(["analyze", "Projektligji për Organizatat Joqeveritare", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try r.json()
        #expect(json["lang"] as? String == "sq")
        let toks = tokens(json).filter { ($0["kind"] as? String) != "keyword" }
        #expect(toks.map { $0["text"] as? String } == ["Projektligji", "për", "Organizatat", "Joqeveritare"])
        #expect(toks.map { $0["start"] as? Int } == [0, 13, 17, 29])
        #expect(toks.map { $0["end"] as? Int } == [12, 16, 28, 41])
        #expect(toks.map { $0["folded"] as? String } == ["projektligji", "per", "organizatat", "joqeveritare"])
        #expect(toks[1]["stop"] as? Bool == true)
        #expect(toks[0]["stop"] as? Bool == false)
        #expect((toks[0]["terms"] as? [String])?.contains("projektligj") == true)
        #expect((toks[2]["terms"] as? [String]) == ["organizate"])   // the lemma organizatë, folded
        #expect(toks[0]["term"] as? String == (toks[0]["terms"] as? [String])?.first)
    }

    @Test func offsetsAreUnicodeScalarsOfTheInput() throws {
        // Every token's [start, end) must slice exactly its `text` out of the input, with ë, ç, Cyrillic.
        let text = "Çështjet e shoqërisë civile — Закон о заштити; Opština Đakovica, 04/L-057."
        let r = try KerkoProcess.run(["analyze", text, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let scalars = Array(text.unicodeScalars)
        let toks = tokens(try r.json())
        #expect(toks.count >= 10)
        for t in toks {
            let s = t["start"] as! Int, e = t["end"] as! Int
            var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[s..<e])
            if (t["kind"] as? String) == "word" || (t["kind"] as? String) == "number" {
                #expect(String(v) == t["text"] as? String)
            }
        }
        let folded = toks.compactMap { $0["folded"] as? String }
        #expect(folded.contains("ceshtjet"))
        #expect(folded.contains("zakon"))
        #expect(folded.contains("djakovica"))
        #expect(toks.contains { ($0["terms"] as? [String])?.contains("04/l-057") == true })
    }

    @Test func foundingDocumentsAreIdentified() throws {
        let seeds = KerkoProcess.shared.appendingPathComponent("corpus-candidates/seeds")
        for (file, lang) in [("civikos-report-2012-2013.sq.txt", "sq"), ("kosovo-we-want-2nd-congress.en.txt", "en")] {
            let data = try Data(contentsOf: seeds.appendingPathComponent(file))
            let r = try KerkoProcess.run(["analyze", "-", "--lang", "auto", "--json", "--paragraphs"], stdin: data)
            #expect(r.status == 0, "\(file): \(r.stderr)")
            let json = try r.json()
            #expect(json["lang"] as? String == lang, "\(file)")
            #expect(((json["paragraphs"] as? [[String: Any]])?.count ?? 0) > 1)
        }
    }

    /// Gazette act pages: the act's own title (the page chrome is Albanian whatever the act's language)
    /// is identified as the language the page's "Lloji i aktit" field says (Ligje / Zakoni / Laws).
    @Test func gazetteTitlesAreIdentified() throws {
        let dir = KerkoProcess.shared.appendingPathComponent("corpus-candidates/gazette-kosovo")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        var checked: [String: Int] = [:]
        var wrong: [String] = []
        for f in files {
            let html = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let flat = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
            guard let typeRange = flat.range(of: "Lloji i aktit: [A-Za-z]+", options: .regularExpression) else { continue }
            let expected: String
            switch flat[typeRange].split(separator: " ").last! {
            case "Ligje": expected = "sq"
            case "Zakoni": expected = "sr"
            case "Laws": expected = "en"
            default: continue
            }
            guard let t0 = html.range(of: "<title>"), let t1 = html.range(of: "</title>", range: t0.upperBound..<html.endIndex) else { continue }
            let title = html[t0.upperBound..<t1.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            // Long enough to carry language evidence: at least 5 words after the act number.
            guard title.split(separator: " ").count >= 7, checked[expected, default: 0] < 12 else { continue }
            let r = try KerkoProcess.run(["analyze", title, "--json"])
            let got = (try? r.json())?["lang"] as? String
            checked[expected, default: 0] += 1
            if got != expected { wrong.append("\(f): \(title) → \(got ?? "?"), expected \(expected)") }
        }
        #expect(checked["sq", default: 0] >= 10)
        #expect(checked["sr", default: 0] >= 1)
        #expect(checked["en", default: 0] >= 1)
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test func hostileInputsGiveAResultOrAClearError() throws {
        // Invalid UTF-8 on stdin: a one-line error naming the input and the byte, exit 2.
        let bad = try KerkoProcess.run(["analyze", "-", "--json"], stdin: Data([0x6c, 0x69, 0x67, 0xff, 0x6a]))
        #expect(bad.status == 2)
        #expect(bad.stderr == "kerko: <stdin>: invalid UTF-8 at byte 3\n")
        #expect(bad.stdout.isEmpty)
        // Empty text: no tokens, language undetermined.
        let empty = try KerkoProcess.run(["analyze", "", "--json"])
        #expect(empty.status == 0)
        #expect(tokens(try empty.json()).isEmpty)
        #expect(try empty.json()["lang"] as? String == "und")
        // Control characters and mixed scripts.
        let ctl = try KerkoProcess.run(["analyze", "ligji\u{1}\u{7}\u{1b}[31m ЗАКОН\u{0} law", "--json"])
        #expect(ctl.status == 0, "\(ctl.stderr)")
        #expect(tokens(try ctl.json()).compactMap { $0["folded"] as? String }.contains("zakon"))
        // A 2 MB single line through stdin.
        let line = Data(String(repeating: "shoqëria civile monitoron ligjet ", count: 62_000).utf8)
        let big = try KerkoProcess.run(["analyze", "-", "--lang", "sq", "--json"], stdin: line)
        #expect(big.status == 0, "\(big.stderr)")
        #expect(tokens(try big.json()).count == 4 * 62_000)
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        let r = try KerkoProcess.run(["analyze", "x", "--lang", "fr"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("kerko: "))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let help = try KerkoProcess.run(["help", "analyze"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--paragraphs"))
    }

    @Test func humanOutputIsATable() throws {
        let r = try KerkoProcess.run(["analyze", "Ligji për Arsimin", "--lang", "sq"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("language: sq\n"))
        #expect(r.stdout.contains("arsimin"))
        #expect(r.stdout.contains("stop"))
    }
}
