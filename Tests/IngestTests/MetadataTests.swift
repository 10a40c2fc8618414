import Foundation
import Testing
import KerkoCore
@testable import Ingest

@Suite struct SHA256Tests {
    @Test func fipsExampleVectors() {
        // FIPS 180-4 / NIST CSRC example values.
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func matchesSha256sumOnACorpusFile() throws {
        let url = corpusDir.appendingPathComponent("akoma-ntoso/Act_Kenya_1989-12-06.xml")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [url.path]
        let out = Pipe(); p.standardOutput = out
        try p.run(); p.waitUntilExit()
        let want = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(try readOne(url).get().contentHash == String(want))
    }
}

@Suite struct DateAndNumberTests {
    @Test func dates() {
        #expect(DateParser.parse("01.12.2010") == "2010-12-01")
        #expect(DateParser.parse("1989-12-06") == "1989-12-06")
        #expect(DateParser.first(in: "GAZETA ZYRTARE / Nr. 18 / 28 MAJ 2013") == "2013-05-28")
        #expect(DateParser.first(in: "më 15 nëntorit 2012 në Prishtinë") == "2012-11-15")
        #expect(DateParser.first(in: "miratuar më 1 shtator 2011") == "2011-09-01")
        #expect(DateParser.first(in: "usvojen 23. maja 2019. godine") == "2019-05-23")
        #expect(DateParser.first(in: "od 1. septembra 2020") == "2020-09-01")
        #expect(DateParser.first(in: "held on May 23rd, 2019") == "2019-05-23")
        #expect(DateParser.first(in: "October 7, 2018,") == "2018-10-07")
        #expect(DateParser.first(in: "07 Shkurt 2013") == "2013-02-07")
        #expect(DateParser.first(in: "31.02.2013") == nil)        // no such day
        #expect(DateParser.first(in: "Nr. 03/L-212") == nil)
        #expect(DateParser.month("dhjetorit") == 12)
        #expect(DateParser.month("Avgusta") == 8)
        #expect(DateParser.month("majmun") == nil)
    }

    @Test func actNumbers() {
        #expect(ActNumber.fromTitle("Ligji Nr. 04/L-057 për ...") == "04/L-057")
        #expect(ActNumber.fromTitle("LIGJI NR. 04/L -274 PËR RATIFIKIMIN") == "04/L-274")
        #expect(ActNumber.fromTitle("UDHËZIM ADMINISTRATIV (MAPL) NR. 06/2018 PËR ...") == "06/2018")
        #expect(ActNumber.fromTitle("RREGULLORE (QRK) NR.15/2018 PËR GRADAT") == "15/2018")
        #expect(ActNumber.fromTitle("LIGJI Nr. 2003/7 PËR LËNDËN ARKIVORE") == "2003/7")
        #expect(ActNumber.normalize("UNMIK/REG/2001/36") == "2001/36")
        #expect(ActNumber.normalize("QRK-15/2015") == "QRK-15/2015")
        #expect(ActNumber.normalize("4/L-57") == "04/L-57")
        #expect(ActNumber.fromTitle("ZAKON BR.08/L-185 O SPREČAVANJU") == "08/L-185")
        #expect(ActNumber.fromTitle("LAW No. 08/L-284 ON THE ADMINISTRATIVE REVIEW") == "08/L-284")
    }
}

@Suite struct DocumentTypeTests {
    /// Real titles from the Gazette pages' related-act lists (any type, three languages, inflected).
    static let titles: [(String, DocumentType, Language)] = [
        ("LIGJI NR. 03/L-212 I PUNËS", .law, .sq),
        ("UDHËZIM ADMINISTRATIV QRK NR. 05/2013 PËR PARANDALIMIN DHE NDALIMIN E FORMAVE RREZIKSHME", .administrativeInstruction, .sq),
        ("UDHËZIMI ADMINISTRATIV NR. 17/2008 PËR PARANDALIMIN DHE ELIMINIMIN", .administrativeInstruction, .sq),
        ("RREGULLORE (QRK) NR.15/2018 PËR GRADAT DHE PAGAT E KRIJUESVE", .regulation, .sq),
        ("RREGULLORJA NR. 01/2019 PËR REGJISTRIMIN", .regulation, .sq),
        ("VENDIM NR. 855/2020 (Ministria e Punëve të Brendshme)", .decision, .sq),
        ("AKTGJYKIM NË RASTIN NR. KO27/21", .judgment, .sq),
        ("ZAKON BR. 06/L-033 O GRAĐEVINSKIM PROIZVODIMA", .law, .sr),
        ("ODLUKE BR. 4537/01, Ref. 01/59 (Ministarstvo Industrije, Preduzetništva i Trgovine)", .decision, .sr),
        ("LAW NO. 08/L-284 ON THE ADMINISTRATIVE REVIEW OF MUNICIPAL ACTS", .law, .en),
        ("THE KENYA INFORMATION AND COMMUNICATIONS BILL 2006", .draftLaw, .en),
        // inflected and folded forms named in PRODUCT.md §5.1
        ("Projektligji për ndryshimin e Ligjit Nr. 04/L-057", .draftLaw, .sq),
        ("Projektligjit për shoqëritë tregtare", .draftLaw, .sq),
        ("Nacrt zakona o izmenama i dopunama", .draftLaw, .sr),
        ("Administrativno uputstvo br. 02/2015", .administrativeInstruction, .sr),
        ("Udhezimi administrativ (MAPL) Nr. 06/2018", .administrativeInstruction, .sq),
        ("Koncept-dokumenti për fushën e pronësisë", .conceptDocument, .sq),
        ("Strategjia për bashkëpunim me shoqërinë civile 2013-2017", .strategy, .sq),
        ("Raporti vjetor i Platformës CiviKos", .report, .sq),
        ("Draft Law on Freedom of Association", .draftLaw, .en),
        ("Concept Document on Social Assistance", .conceptDocument, .en),
        ("Zakon o radu", .law, .sr),
        ("Закон о раду", .law, .sr),
    ]

    @Test func recognisesTypeAndWordingLanguage() {
        for (t, type, lang) in Self.titles {
            let r = DocumentTypeRecognizer.recognize(t)
            #expect(r?.type == type, "\(t)")
            #expect(r?.lang == lang, "\(t)")
        }
        #expect(DocumentTypeRecognizer.recognize("Zyra Ligjore dhe Zyra për Planifikim") == nil)  // "ligjore" = legal
        #expect(DocumentTypeRecognizer.recognize("Bashkëpunimi formal me Qeverinë e Kosovës") == nil)
    }

    @Test func relatedActTitlesOfTheBundledGazetteGetTheirTypes() throws {
        // Every related act on the bundled pages whose title starts with a type word gets a type other than
        // .other; a spot check on the kinds present.
        let r = Ingestor().read(paths: [corpusDir.appendingPathComponent("gazette").path])
        let related = r.documents.flatMap { $0.amendedBy + $0.amends + $0.repealedBy + $0.repeals + $0.related }
        #expect(related.count > 100)
        let types = Set(related.compactMap { DocumentTypeRecognizer.recognize($0.title)?.type })
        #expect(types.isSuperset(of: [.law, .administrativeInstruction, .regulation, .decision]))
    }
}

@Suite struct TextStructureTests {
    @Test func articlesInPlainText() {
        let text = "LIGJI Nr. 04/L-057\n\nNeni 1\nQëllimi\n\nKy ligj rregullon ...\n\nNeni 2\nPërkufizimet\n\n1. Shprehjet ...\n\nČlan 3\nDefinicije\n\nArticle 4 - Entry into force"
        let arts = Articles.find(in: text)
        #expect(arts.map(\.number) == ["1", "2", "3", "4"])
        #expect(arts.map(\.heading) == ["Qëllimi", "Përkufizimet", "Definicije", "Entry into force"])
        #expect(text.scalarSlice(arts[0].span) == "Neni 1\nQëllimi\n\nKy ligj rregullon ...")
        #expect(Articles.find(in: "sipas nenit 5 të këtij ligji").isEmpty)   // a reference, not an article
    }

    @Test func pdfArtifactRepair() {
        // Lines from the CiviKos seed, with the artefacts PDF extraction adds elsewhere.
        let raw = "Platforma CiviKos\nZyra për Qeverisje të Mirë në kuadër të Zyrës së Kryeministrit ka themeluar gru-\npin nismëtar për hartim\u{00AD}in e strategjisë.\n12\nPlatforma CiviKos\nNë këtë grup janë përfshirë edhe organizatat e OSHC-\nve.\n- 13 -\nPlatforma CiviKos\nFaqe 14\n"
        let r = PDFArtifactRepair.repair(raw)
        #expect(r.text.contains("themeluar grupin nismëtar për hartimin e strategjisë."))
        #expect(r.text.contains("OSHC-\nve."))
        #expect(!r.text.contains("Platforma CiviKos"))           // running header, 3 times
        #expect(!r.text.contains("\n12\n") && !r.text.contains("- 13 -") && !r.text.contains("Faqe 14"))
    }
}

@Suite struct IngestorTests {
    @Test func wholeCorpusReadsWithStableIdsAndCoverage() throws {
        let r = Ingestor().read(paths: [corpusDir.path])
        #expect(r.failed.isEmpty, "\(r.failed)")
        #expect(r.skipped.isEmpty, "\(r.skipped)")          // CORPUS.md and licences are excluded by name
        let docs = r.documents
        #expect(docs.count == 67)   // 47 Gazette + 8 AKN + 2 USLM + 2 seeds + 5 text + 2 office + 1 PDF
        #expect(docs.contains { $0.id == "seeds/civikos-report-2012-2013.sq.txt" })
        #expect(!docs.contains { $0.id.hasPrefix("licenses/") || $0.id == "CORPUS.md" })
        #expect(Set(docs.map(\.format)) == Set<DocumentFormat>([.text, .akomaNtoso, .uslm, .html, .docx, .odt, .pdf]))
        #expect(Set(docs.map(\.lang)).isSuperset(of: [.sq, .sr, .en]))
        #expect(Set(docs.map(\.type)) == Set<DocumentType>([.law, .draftLaw, .report, .judgment]))
        // ids are unique and stable across runs; parallel reading gives the same documents
        #expect(Set(docs.map(\.id)).count == docs.count)
        let again = Ingestor(options: IngestOptions(jobs: 2)).read(paths: [corpusDir.path])
        #expect(again.documents == docs)
        // hashes differ between files
        #expect(Set(docs.map(\.contentHash)).count == docs.count)
    }

    @Test func fileArgumentsAndRoot() throws {
        let f = corpusDir.appendingPathComponent("seeds/kosovo-we-want-2nd-congress.en.txt").path
        #expect(Ingestor().read(paths: [f]).documents.first?.id == "kosovo-we-want-2nd-congress.en.txt")
        #expect(Ingestor().read(paths: [f], root: corpusDir.path).documents.first?.id == "seeds/kosovo-we-want-2nd-congress.en.txt")
        let r = Ingestor().read(paths: ["/nonexistent/kerko/file.txt"])
        #expect({ if case .unreadable? = r.failure("file.txt") { true } else { false } }())
    }
}

@Suite struct GenericHTMLTests {
    @Test func gazetteListPageIsReadAsGenericHTML() throws {
        // A Gazette list page (no act fields): generic HTML, title from <title>, body text with headings.
        let d = try readOne(candidatesDir.appendingPathComponent("gazette-kosovo/3d9b98fff22c39484d778210.html")).get()
        #expect(d.format == .html)
        #expect(!d.notes.contains("Official Gazette act page"))
        #expect(d.text.contains("LIGJI NR. 08/L-294 PËR NDRYSHIMIN DHE PLOTËSIMIN E LIGJIT NR. 08/L-197"))
        #expect(d.citedNumbers.contains("08/L-197"))
        #expect(!d.text.contains("__doPostBack"))   // scripts are not text
    }

    @Test func sha256StreamingMatchesOneShot() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var s = SHA256()
        s.update(bytes[0..<13]); s.update(bytes[13..<200]); s.update(Array(bytes[200...]))
        let hex = s.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(hex == SHA256.hex(bytes))
    }
}

@Suite struct CitationTests {
    @Test func kosovoCitationPatterns() {
        let text = "Në mbështetje të nenit 8 të Ligjit Nr. 03/L-149 për Shërbimin Civil, Udhëzimit Administrativ (MAPL) Nr. 06/2018 dhe Rregullores UNMIK/REG/2001/36, si dhe Zakona br. 04/L -057 i Law No. 05/L-031."
        let cs = Citations.find(in: text, excluding: nil)
        #expect(cs.map(\.number) == ["03/L-149", "06/2018", "2001/36", "04/L-057", "05/L-031"])
        #expect(cs.map(\.type) == [.law, .administrativeInstruction, .regulation, .law, .law])
        #expect(cs[0].raw == "Ligjit Nr. 03/L-149")
        #expect(cs[1].raw == "Udhëzimit Administrativ (MAPL) Nr. 06/2018")
        for c in cs { #expect(text.scalarSlice(c.span) == c.raw) }
        #expect(Citations.find(in: text, excluding: "03/L-149").count == 4)
    }

    @Test func readSummaryJSON() throws {
        let d = try readOne(corpusDir.appendingPathComponent("gazette/00d965c91acffee9b98ed8a4.html")).get()
        let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
        let json = String(decoding: try enc.encode(d.readSummary), as: UTF8.self)
        #expect(json.contains(#""articles":0"#) && json.contains(#""date":"2010-12-01""#) && json.contains(#""number":"03\/L-212""#))
        #expect(json.contains(#""type":"law""#) && json.contains(#""lang":"sq""#) && json.contains(#""gazette":"90\/2010""#))
        let s = try readOne(corpusDir.appendingPathComponent("seeds/kosovo-we-want-2nd-congress.en.txt")).get()
        #expect(String(decoding: try enc.encode(s.readSummary), as: UTF8.self).contains(#""number":null"#))
    }
}
