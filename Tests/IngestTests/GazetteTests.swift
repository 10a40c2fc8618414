import Foundation
import Testing
import KerkoCore
@testable import Ingest

/// Expected values parsed independently from a Gazette page's raw HTML with plain regular expressions over
/// the labelled fields (no libxml2, no Ingest code).
struct GazetteExpectation {
    var title: String
    var number: String?
    var date: String
    var institution: String
    var gazette: String?
    var lang: Language
    var amendedBy = 0, amends = 0, repealedBy = 0, repeals = 0

    init?(html: String) {
        func field(_ id: String) -> String? {
            guard let r = html.range(of: "id=\"\(id)\"[^>]*>([^<]*)<", options: .regularExpression) else { return nil }
            let m = String(html[r])
            let v = m[m.index(after: m.firstIndex(of: ">")!)..<m.index(before: m.endIndex)]
            return v.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        guard let cat = field("MainContent_lblDActCategoryName_1"), let rawNo = field("MainContent_lblDActNo"),
              let d = field("MainContent_lblDPubDate"), let inst = field("MainContent_lblDInstSpons"),
              let t = field("MainContent_rAktet_lblAn_0") else { return nil }
        title = t
        // number: the legislature/L-sequence or a year form inside the field, spaces removed
        let compact = rawNo.replacingOccurrences(of: " ", with: "")
        if let r = compact.range(of: #"[0-9]{2}/L-[0-9]+"#, options: .regularExpression) { number = String(compact[r]) }
        else if let r = compact.range(of: #"^[0-9]{4}/[0-9]+$"#, options: .regularExpression) { number = String(compact[r]) }
        let p = d.split(separator: ".")
        date = "\(p[2])-\(p[1])-\(p[0])"
        institution = inst
        gazette = field("MainContent_lblDGZK").flatMap { $0.isEmpty ? nil : $0 }
        lang = ["Ligje": .sq, "Zakoni": .sr, "Laws": .en][cat] ?? .und
        // relation labels: the text right after each `span_margin` label span's opening tag
        var rest = html[...]
        while let r = rest.range(of: #"class="span_margin" style="[^"]*">\s*[^<]+<"#, options: .regularExpression) {
            let m = String(rest[r])
            let label = m[m.index(after: m.firstIndex(of: ">")!)..<m.index(before: m.endIndex)].trimmingCharacters(in: .whitespacesAndNewlines)
            switch label {
            case "Ndryshohet/Plotësohet nga", "Izmenjen/Dopunjen od", "Shtuar nga": amendedBy += 1
            case "Ndryshon/Plotëson", "Izmenjuje/Dopunjuje": amends += 1
            case "Shfuqizuar nga", "Shfuqizuar pjesërisht nga", "Ukinut od", "Ukinut delimicno od": repealedBy += 1
            case "Shfuqizon", "Shfuqizon pjesërisht", "Ukida", "Ukida delimicno": repeals += 1
            default: break
            }
            rest = rest[r.upperBound...]
        }
    }
}

func checkGazettePage(_ url: URL) throws -> Bool {
    let html = try String(contentsOf: url, encoding: .utf8)
    guard let want = GazetteExpectation(html: html) else { return false }
    let d = try readOne(url).get()
    let name = url.lastPathComponent
    #expect(d.format == .html, "\(name)")
    #expect(d.title == want.title, "\(name)")
    #expect(d.type == .law, "\(name): \(d.type)")
    #expect(d.lang == want.lang, "\(name)")
    #expect(d.date == want.date, "\(name)")
    #expect(d.institution == want.institution, "\(name)")
    #expect(d.gazette == want.gazette, "\(name)")
    if let n = want.number { #expect(d.number == n, "\(name)") }
    #expect(d.amendedBy.count == want.amendedBy, "\(name) amendedBy")
    #expect(d.amends.count == want.amends, "\(name) amends")
    #expect(d.repealedBy.count == want.repealedBy, "\(name) repealedBy")
    #expect(d.repeals.count == want.repeals, "\(name) repeals")
    #expect(!d.text.isEmpty && d.text.hasPrefix(want.title), "\(name)")
    return true
}

@Suite struct GazetteTests {
    @Test func bundledGazettePagesMatchTheirOwnFields() throws {
        let files = try FileManager.default.contentsOfDirectory(at: corpusDir.appendingPathComponent("gazette"),
                                                                includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
        var checked = 0
        var langs: Set<Language> = []
        for f in files where try checkGazettePage(f) {
            checked += 1
            langs.insert(try readOne(f).get().lang)
        }
        #expect(checked >= 30)
        #expect(langs == [.sq, .sr, .en])
    }

    @Test func allCandidateActPagesMatchTheirOwnFields() throws {
        let dir = candidatesDir.appendingPathComponent("gazette-kosovo")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
        var checked = 0
        for f in files where try checkGazettePage(f) { checked += 1 }
        #expect(checked == 283)  // the candidate pages that are act pages (the rest are lists / about pages)
    }

    @Test func laborLawPageRelationsAndCitations() throws {
        // LIGJI NR. 03/L-212 I PUNËS: amended by 08/L-142 and 08/L-283; sub-acts listed; related judgment.
        let d = try readOne(corpusDir.appendingPathComponent("gazette/00d965c91acffee9b98ed8a4.html")).get()
        #expect(d.number == "03/L-212")
        #expect(d.date == "2010-12-01")
        #expect(d.gazette == "90/2010")
        #expect(d.amendedBy.map(\.number) == ["08/L-142", "08/L-283"])
        #expect(d.amendedBy.map(\.date) == ["2024-08-23", "2024-12-26"])
        #expect(d.related.contains { $0.label == "Ndërlidhur me" && $0.date == "2022-12-23" })
        #expect(d.related.contains { $0.number == "15/2018" && $0.title.hasPrefix("RREGULLORE (QRK)") })
        #expect(d.citedNumbers.contains("08/L-142"))
        #expect(!d.citedNumbers.contains("03/L-212"))  // its own number is not a citation
        #expect(d.contentHash.count == 64)
    }

    @Test func subActIssuersAreSearchableText() throws {
        // Each sub-act box names the institution that issued it (`…_lblInstName_N`): read here with a regular
        // expression over the raw HTML, and expected in the document's text beside that sub-act's title.
        let dir = corpusDir.appendingPathComponent("gazette")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "html" }.sorted { $0.path < $1.path }
        var issuers = 0
        for f in files {
            let html = try String(contentsOf: f, encoding: .utf8)
            let names = html.ranges(of: #/id="MainContent_rSubNormAct_lblInstName_\d+">([^<]*)</#).map {
                String(html[$0]).split(separator: ">", maxSplits: 1)[1].dropLast()
                    .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            }
            if names.isEmpty { continue }
            let d = try readOne(f).get()
            for n in names where !n.isEmpty {
                #expect(d.text.contains(n), "\(f.lastPathComponent): issuer '\(n)' missing from the text")
                issuers += 1
            }
        }
        #expect(issuers >= 20)  // the bundled pages name at least 20 sub-act issuers
        // The biocide products law's by-law comes from the environment ministry: its page now says so.
        let biocide = try readOne(dir.appendingPathComponent("c2f00316a05f958bf2977ab8.html")).get()
        #expect(biocide.text.contains("(2015-08-19, Ministria e Mjedisit e Planifikimit Hapësinor dhe Infrastrukturës)"))
    }

    @Test func serbianPageRepealsAndAmends() throws {
        // ZAKON BR. 06/L-118 amends 05/L-075; the Gazette lists it under "Izmenjuje/Dopunjuje".
        let d = try readOne(corpusDir.appendingPathComponent("gazette/050dd3f52bfb348d9d8c1083.html")).get()
        #expect(d.lang == .sr)
        #expect(d.number == "06/L-118")
        #expect(d.institution == "Skupština Republike Kosovo")
        #expect(d.citations.contains { $0.number == "05/L-075" && $0.type == .law })
    }
}
