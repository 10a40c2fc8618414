import Foundation
import Testing
import KerkoCore
@testable import Ingest

@Suite struct TextReaderTests {
    @Test func englishSeed() throws {
        let d = try readOne(corpusDir.appendingPathComponent("seeds/kosovo-we-want-2nd-congress.en.txt")).get()
        #expect(d.format == .text)
        #expect(d.title == "2nd National Congress – Kosovo We Want!")
        #expect(d.lang == .en)                 // declared by the file name tag
        #expect(d.type == .report)             // "Congress" (PRODUCT.md §5.1 congress_report)
        #expect(d.date == "2019-05-23")        // "held on May 23rd, 2019"
        #expect(d.articles.isEmpty)
        #expect(d.paragraphs.count >= 8)
        // paragraph spans index the text
        #expect(d.text.scalarSlice(d.paragraphs[0]) == "2nd National Congress – Kosovo We Want!")
    }

    @Test func albanianSeedKeepsRealHyphens() throws {
        let d = try readOne(corpusDir.appendingPathComponent("seeds/civikos-report-2012-2013.sq.txt")).get()
        #expect(d.title == "Bashkëpunimi formal me Qeverinë e Kosovës")
        #expect(d.lang == .sq)
        #expect(d.type == .report)             // from the file name: the text never names its type
        #expect(d.notes.contains("type from file name"))
        #expect(d.date == "2013-02-07")        // "07 Shkurt 2013": Albanian month name
        // "OSHC-\nve": a hyphen after a capital abbreviation is real, so the line stays broken there.
        #expect(d.text.contains("OSHC-\nve, që në atë kohë"))
        #expect(d.text.contains("2012ës( Korrik-\n"))
    }

    @Test func legacyAndUTF16EncodingsDecodeToTheSameText() throws {
        let utf8 = try readOne(corpusDir.appendingPathComponent("seeds/civikos-report-2012-2013.sq.txt")).get()
        let cp1250 = try readOne(corpusDir.appendingPathComponent("text/civikos-report-2012-2013.cp1250.sq.txt")).get()
        #expect(cp1250.text == utf8.text)
        #expect(cp1250.notes.contains { $0.hasPrefix("decoded as windows-125") })
        let en8 = try readOne(corpusDir.appendingPathComponent("seeds/kosovo-we-want-2nd-congress.en.txt")).get()
        let en16 = try readOne(corpusDir.appendingPathComponent("text/kosovo-we-want-2nd-congress.utf16.en.txt")).get()
        #expect(en16.text == en8.text)
        #expect(en16.notes.contains("decoded as UTF-16LE"))
        #expect(en16.contentHash != en8.contentHash)
    }

    @Test func serbianLegacyCodePagesAreTold() throws {
        // č ć š ž đ: windows-1250 and ISO-8859-2 differ on Š/š/Ž/ž, and windows-1252 would turn č into è.
        let utf8 = try readOne(corpusDir.appendingPathComponent("text/gazette-titles.sr.txt")).get()
        let cp = try readOne(corpusDir.appendingPathComponent("text/gazette-titles.cp1250.sr.txt")).get()
        let iso = try readOne(corpusDir.appendingPathComponent("text/gazette-titles.iso8859-2.sr.txt")).get()
        #expect(utf8.text.contains("SADRŽE") && utf8.text.contains("ELEKTRIČNOJ") && utf8.text.contains("USKLAĐIVANJU"))
        #expect(cp.text == utf8.text)
        #expect(iso.text == utf8.text)
        #expect(cp.notes.contains("decoded as windows-1250"))
        #expect(iso.notes.contains("decoded as ISO-8859-2"))
        #expect(utf8.lang == .sr)
        #expect(utf8.type == .law)
        #expect(utf8.number == "05/L-132")
        // citations: other acts named in the titles, normalised, typed; its own number excluded
        #expect(utf8.citations.contains { $0.number == "05/L-031" && $0.type == .law && $0.raw.hasPrefix("ZAKONOM") })
        #expect(utf8.citedNumbers.contains("04/L-249"))   // printed "04/L -249"
        #expect(utf8.citedNumbers.contains("08/L-283"))
        #expect(!utf8.citedNumbers.contains("05/L-132"))
        for c in utf8.citations { #expect(utf8.text.scalarSlice(c.span) == c.raw || utf8.text.scalarSlice(c.span).collapsedWhitespace == c.raw) }
    }
}

@Suite struct AkomaNtosoTests {
    struct Case: Sendable { let file: String; let type: DocumentType; let title: String; let date: String; let articles: Int; let uri: String; let number: String? }
    static let cases: [Case] = [
        Case(file: "Act_Kenya_1989-12-06.xml", type: .law, title: "THE WILDLIFE (CONSERVATION AND MANAGEMENT) (AMENDMENT)", date: "1989-12-06", articles: 15, uri: "/ke/act/1989-12-06/16", number: "16"),
        Case(file: "Bill_Kenya_2006-02-10.xml", type: .draftLaw, title: "THE KENYA INFORMATION AND COMMUNICATIONS BILL 2006", date: "2006-02-10", articles: 2, uri: "/ak/bill/2006-02-10/8", number: nil),
        Case(file: "Bill_SouthAfrica_2010-10-10.xml", type: .draftLaw, title: "REPUBLIC OF SOUTH AFRICA HIGHER EDUCATION LAWS AMENDMENT BILL", date: "2010-07-10", articles: 4, uri: "/za/bill/2010-07-10/B24/", number: nil),
        Case(file: "Report_SudAfrica_2007-03-22.xml", type: .report, title: "1. REPORT OF THE PORTFOLIO COMMITTEE ON DEFENCE", date: "2007-03-22", articles: 2, uri: "/za/report/2007-03-22", number: nil),
        Case(file: "us_Act_2011-11-29.xml", type: .law, title: "To facilitate the hosting in the United States of the 34th America's Cup", date: "2011-11-29", articles: 6, uri: "/akn/us/act/2011-11-29/112-61", number: "112-61"),
        Case(file: "uk_pga-2014-27-enacted-data.xml", type: .law, title: "An Act to make provision", date: "2014-07-17", articles: 8, uri: "http://www.legislation.gov.uk/id/ukpga/2014/27/enacted", number: "27"),
        Case(file: "za_Judgement_2008-11-26.xml", type: .judgment, title: "Fourway Haulage v SA National Roads Agency (653/07)", date: "2008-11-05", articles: 0, uri: "/akn/za/judgement/2008-11-26/653-07", number: nil),
        Case(file: "eu_COM(2013)0619_EN-8.xml", type: .draftLaw, title: "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", date: "2013-09-17", articles: 24, uri: "/akn/eu/documentCollection/COMproposal/ec/2013/619", number: nil),
    ]

    @Test(arguments: cases) func reads(_ c: Case) throws {
        let d = try readOne(corpusDir.appendingPathComponent("akoma-ntoso/\(c.file)")).get()
        #expect(d.format == .akomaNtoso)
        #expect(d.type == c.type)
        #expect(d.title.hasPrefix(c.title), "\(d.title)")
        #expect(d.date == c.date)
        #expect(d.lang == .en)
        #expect(d.articles.count == c.articles)
        #expect(d.uri == c.uri)
        if let n = c.number { #expect(d.number == n) }
        #expect(!d.text.contains("FRBR"))          // metadata is not text
        for a in d.articles { #expect(a.span.end <= d.text.unicodeScalars.count && a.span.start <= a.span.end) }
    }

    @Test func articleNumbersHeadingsAndSpans() throws {
        let d = try readOne(corpusDir.appendingPathComponent("akoma-ntoso/us_Act_2011-11-29.xml")).get()
        #expect(d.articles.map(\.number) == ["1", "2", "3", "4", "5", "6"])  // the editorial page marker is not one
        let first = d.articles[0]
        #expect(first.heading?.lowercased().contains("short title") == true)
        #expect(d.text.scalarSlice(first.span).contains("America"))
        let eu = try readOne(corpusDir.appendingPathComponent("akoma-ntoso/eu_COM(2013)0619_EN-8.xml")).get()
        #expect(eu.articles.prefix(3).map(\.number) == ["1", "2", "3"])
        let kenya = try readOne(corpusDir.appendingPathComponent("akoma-ntoso/Act_Kenya_1989-12-06.xml")).get()
        #expect(kenya.articles.map(\.number).prefix(5) == ["1", "2", "3", "4", "5"])
        #expect(kenya.institution == "Parliament of Kenya")
    }

    @Test func invalidButWellFormedAKNIsRead() throws {
        // duplicate eIds make the file invalid AKN, but it is well-formed XML: it is read, not refused.
        let d = try readOne(candidatesDir.appendingPathComponent("bad-inputs/akn-duplicate-eid.xml")).get()
        #expect(d.format == .akomaNtoso)
        #expect(!d.text.isEmpty)
    }

    @Test func allCandidateAKNFilesRead() throws {
        let dir = candidatesDir.appendingPathComponent("akoma-ntoso")
        let r = Ingestor().read(paths: [dir.path])
        #expect(r.failed.isEmpty, "\(r.failed)")
        #expect(r.documents.count == 11)
        #expect(r.documents.allSatisfy { $0.format == .akomaNtoso && !$0.title.isEmpty })
        let it = try #require(r.document("it_senato_ddl_2013.xml"))
        #expect(it.type == .draftLaw && it.lang == .und && it.notes.contains { $0.contains("declared language it") })
    }
}

@Suite struct USLMAndGenericXMLTests {
    @Test func senateBill() throws {
        let d = try readOne(corpusDir.appendingPathComponent("uslm/S1000_IS.xml")).get()
        #expect(d.format == .uslm)
        #expect(d.type == .draftLaw)
        #expect(d.title.hasPrefix("To amend the Internal Revenue Code of 1986"))
        #expect(d.number == "116 S 1000 IS")
        #expect(d.lang == .en)
        #expect(d.date == "2019-04-03")
        #expect(d.institution == "United States Senate")
        #expect(d.articles.map(\.number) == ["1", "2"])
        #expect(d.articles[0].heading == "SHORT TITLE.")
    }

    @Test func publicLaw() throws {
        let d = try readOne(corpusDir.appendingPathComponent("uslm/115publ9-uslm.xml")).get()
        #expect(d.type == .law)
        #expect(d.number == "Public Law 115–9")
        #expect(d.title.contains("Abie Abraham VA Clinic"))
        #expect(d.articles.count == 2)
    }

    @Test func allCandidateUSLMFilesRead() throws {
        let r = Ingestor().read(paths: [candidatesDir.appendingPathComponent("uslm").path])
        #expect(r.failed.isEmpty, "\(r.failed)")
        #expect(r.documents.count == 5)
        #expect(r.documents.allSatisfy { $0.format == .uslm && $0.lang == .en && $0.articles.count >= 1 })
    }

    @Test func genericXMLKeepsStructure() throws {
        // The DOCX of the corpus holds a real, well-formed, non-AKN XML part: word/document.xml.
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let html = try String(contentsOf: corpusDir.appendingPathComponent("gazette/050dd3f52bfb348d9d8c1083.html"), encoding: .utf8)
        let title = "ZAKON BR. 06/L-118 O IZMENI I DOPUNI ZAKONA BR. 05/L-075"
        #expect(html.contains("ZAKON BR. 06/L-118   O IZMENI I DOPUNI ZAKONA BR. 05/L-075"))
        let xml = "<?xml version=\"1.0\"?><acts xml:lang=\"sr\"><act><title>\(title)</title><p>Objavljen: 03.04.2019</p></act></acts>"
        try xml.write(to: dir.appendingPathComponent("acts.xml"), atomically: true, encoding: .utf8)
        let d = try readOne(dir.appendingPathComponent("acts.xml")).get()
        #expect(d.format == .xml)
        #expect(d.title == title)
        #expect(d.lang == .sr)
        #expect(d.type == .law)
        #expect(d.number == "06/L-118")
        #expect(d.date == "2019-04-03")
        #expect(d.paragraphs.count == 2)
        #expect(d.citedNumbers == ["05/L-075"])
    }
}

@Suite struct OfficeAndPDFTests {
    @Test func docx() throws {
        let d = try readOne(corpusDir.appendingPathComponent("office/civikos-report-2012-2013.sq.docx")).get()
        #expect(d.format == .docx)
        #expect(d.title == "Bashkëpunimi formal me Qeverinë e Kosovës")
        #expect(d.lang == .sq)                      // dc:language sq-XK
        #expect(d.type == .report)
        #expect(d.paragraphs.count > 30)
        #expect(d.text.contains("Platforma CiviKos"))
    }

    @Test func odt() throws {
        let d = try readOne(corpusDir.appendingPathComponent("office/kosovo-we-want-2nd-congress.en.odt")).get()
        #expect(d.format == .odt)
        #expect(d.title == "2nd National Congress – Kosovo We Want!")
        #expect(d.lang == .en)
        #expect(d.date == "2019-05-23")
        #expect(d.text.contains("Together we are stronger"))
    }

    @Test func pdfWithOrWithoutPdftotext() throws {
        let url = corpusDir.appendingPathComponent("pdf/civikos-report-2012-2013.sq.pdf")
        if PDFReader.pdftotext(IngestOptions()) != nil {
            let d = try readOne(url).get()
            #expect(d.format == .pdf)
            #expect(d.title == "Bashkëpunimi formal me Qeverinë e Kosovës")
            #expect(d.lang == .sq)
            #expect(d.text.contains("Platforma CiviKos"))
        }
        // Without the tool the file is skipped, with that reason (not failed).
        let e = Ingestor(options: IngestOptions(pdftotextPath: "/nonexistent/pdftotext")).readFile(path: url.path, id: "x.pdf")
        guard case let .skipped(reason) = e.outcome else { Issue.record("expected skipped, got \(e.outcome)"); return }
        #expect(reason.contains("pdftotext"))
    }
}
