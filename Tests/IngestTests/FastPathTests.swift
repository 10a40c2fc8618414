import Foundation
import Testing
import KerkoCore
@testable import Ingest

/// The byte-level fast paths of the readers give what the general code (stdlib properties, ICU, one regex
/// search over the whole text) gives.
@Suite struct FastPathTests {
    @Test func whitespaceIsUnicodeWhiteSpace() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if isUnicodeWhitespace(v) != u.properties.isWhitespace { wrong.append(v) }
        }
        #expect(wrong.isEmpty, "\(wrong.map { String($0, radix: 16) })")
    }

    @Test func textBuilderCollapsesLikeScalarCode() {
        let samples = ["  a\u{00A0}b\u{2003}c\u{3000}\u{1680}d\u{85}e\u{2028}f  ", "ë ç\tč\n\nš ž đ 𝔸 x", "", " \u{200B} ",
                       "\u{202F}x\u{205F}y\u{200A}z\u{180E}w"]
        for s in samples {
            var expected = ""
            var space = false
            for u in s.unicodeScalars {
                if u.properties.isWhitespace || u == "\u{00A0}" { space = !expected.isEmpty }
                else { if space { expected.unicodeScalars.append(" "); space = false }; expected.unicodeScalars.append(u) }
            }
            #expect(s.collapsedWhitespace == expected)
            var b = TextBuilder()
            b.paragraph(s)
            #expect(b.finish().text == expected)
        }
    }

    @Test func asciiFoldingMatchesICU() throws {
        for v in UInt8(1)...0x7F {
            let s = "A" + String(UnicodeScalar(v)) + "z"
            #expect(Folding.fold(s) == (try ICU.nfkcCasefold(s)), "byte \(v)")
        }
        #expect(Folding.fold("Ligji Nr. 04/L-057 PËR") == "ligji nr. 04/l-057 per")
    }

    @Test func nfcScanRangesAreNFC() throws {
        let ranges: [ClosedRange<UInt32>] = [0x01...0x2FF, 0x2002...0x206F]
        for r in ranges {
            for v in r {
                let s = "a" + String(Unicode.Scalar(v)!) + "e"
                #expect(TextReader.isNFCByScan(s))
                #expect((try ICU.nfc(s)) == s, "U+\(String(v, radix: 16))")
            }
        }
        #expect(!TextReader.isNFCByScan("e\u{0301}"))
        #expect(!TextReader.isNFCByScan("\u{2000}"))
        #expect(!TextReader.isNFCByScan("\u{2070}"))
    }

    @Test func singleByteTablesMatchICU() throws {
        var bytes: [UInt8] = []
        for b in 1...255 { bytes.append(UInt8(b)); bytes.append(0x20) }
        for c in CharsetDecoding.legacyCharsets {
            // whole range (fails in ICU when a byte has no mapping), then only the bytes ICU maps
            let whole = try? ICU.decode(bytes, charset: c)
            #expect(CharsetDecoding.singleByteDecode(bytes, charset: c) == whole, "\(c)")
            let mapped = (1...255).map { UInt8($0) }.filter { (try? ICU.decode([$0], charset: c)) != nil }
            #expect(CharsetDecoding.singleByteDecode(mapped, charset: c) == (try ICU.decode(mapped, charset: c)), "\(c)")
        }
    }

    @Test func citationRunsMatchWholeTextSearch() {
        let texts = [
            "Ligji Nr. 04/L-057, (Ligji nr.03/L-212); UNMIK/REG/2003/10 dhe UA (MAPL) Nr. 06/2018 “nr 2019/7” [QRK-15/2015]",
            "a/L-5 12/l - 7x 3/L-1234 br.QRK - 1/2015;no 12/2012/ 1/L-1/2 Zakona br. 03/L-212.",
            "/ // 1/2019 ,2018/3, nr\n\n12 / 2019 Nr.ABC-1/2010 x-1/2010 ééé nr 1/1999 НР 1/2000",
            String(repeating: "fjalë 04/L-0", count: 50) + "57 Nr. 𝔸 01/2011",
        ]
        for t in texts {
            let ns = t as NSString
            let whole = Citations.candidate.matches(in: t, range: NSRange(location: 0, length: ns.length)).map(\.range)
            #expect(Citations.candidateRanges(in: t) == whole)
        }
    }

    @Test func typeAtFirstWordMatchesMatch() {
        for s in ["Ligjit Nr. 04", "Udhëzimi Administrativ (MAPL) Nr. 06", "Zakona br", "draft laws x", "x ligj", "",
                  "Law on", "ligjor", "Raportuesi", "bills", "Законом о"] {
            let m = DocumentTypeRecognizer.match(s)
            let expected = m.flatMap { $0.word == 0 ? ($0.type, $0.lang) : nil }
            let got = DocumentTypeRecognizer.matchAtFirstWord(s)
            #expect(got?.type == expected?.0 && got?.lang == expected?.1, "\(s)")
        }
    }

    @Test func trimmingIsCharacterSetWhitespaces() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if isHorizontalWhitespace(v) != CharacterSet.whitespaces.contains(u) { wrong.append(v) }
        }
        #expect(wrong.isEmpty, "\(wrong.map { String($0, radix: 16) })")
        for s in ["  a b \t", "\u{3000}x\u{A0}", "", " \u{301}a ", "\n a \n", "\t\u{2009}"] {
            #expect(s.trimmedWhitespaces == s.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func firstLineAfterArticleLabel() {
        for rest in ["\n\nQëllimi\nx", "Qëllimi", "", "\n", "\r\nA\nB", " \nA", "\n\n\nA\r\nB\nC"] {
            let t = "Neni 1" + rest
            let ns = t as NSString
            let whole = ns.substring(from: 6).split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: true).first
            let cut = ns.substring(with: Articles.firstLineRange(ns, from: 6))
                .split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: true).first
            #expect(whole.map(String.init) == cut.map(String.init), "\(rest.debugDescription)")
        }
    }

    @Test func datePiecesMatchWholeTextSearch() {
        let texts = [
            "Prishtinë, 28 MAJ 2013 (23. maja 2019); May 23rd, 2019 – 01.12.2010, 2012-11-15 dhe 15 nëntorit 2012.",
            "x1.2.2019 12/31/2020 [3 of March 1999] \"korrik 4 2001\" 4-të prill 2005 2005/6 1920 19 20",
            String(repeating: "fjalë ", count: 400) + "më 5 dhjetor 2019: data 05.12.2019; " + String(repeating: "a", count: 20) + "qershor 1, 2020",
            "", "2019", "(2019-01-01)", "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐ 2 2019 𝔸 3 septembra 2020",
            "28 maj\u{A0}2013, March\u{2003}5,\u{3000}2019; 5 March 19٣٤ and 5 March 2019", "𝔸𝔸𝔸 5, 2019 of 𝔸𝔹𝔸𝔹 1 2019",
            "Mars 𝟙, 2019; 1 of     \n\n   September      2020 x 2020 2020", "June 30th, 2019 12th of May 2018",
            String(repeating: "Sec. 2019 — the Act of 1 2019 x ", count: 40) + "June 1, 2020 and 7 Shtator 2019",
        ]
        for t in texts {
            let a = DateParser.all(in: t), b = DateParser.allWholeText(in: t)
            #expect(a.map(\.iso) == b.map(\.iso) && a.map(\.range) == b.map(\.range), "\(t.prefix(60))")
        }
    }

    /// `decode`'s choice as it is made with ICU's detection (the code before the shortcut), for comparison.
    static func decodeWithDetection(_ body: [UInt8]) -> (text: String, charset: String)? {
        let detected = ICU.detectCharset(body)
        var candidates: [String] = []
        if let d = detected, CharsetDecoding.legacyCharsets.contains(d.name) { candidates.append(d.name) }
        for c in ["windows-1250", "windows-1252", "ISO-8859-2"] where !candidates.contains(c) { candidates.append(c) }
        var best: (text: String, charset: String, score: Int)?
        for c in candidates {
            guard let s = try? ICU.decode(body, charset: c), (try? CharsetDecoding.checkControls(s)) != nil else { continue }
            let score = CharsetDecoding.plausibility(s)
            if best == nil || score > best!.score { best = (s, c, score) }
        }
        return best.map { ($0.text, $0.charset) }
    }

    @Test func charsetShortcutAgreesWithDetection() throws {
        var samples: [[UInt8]] = []
        for name in ["civikos-report-2012-2013.cp1250.sq.txt", "gazette-titles.cp1250.sr.txt", "gazette-titles.iso8859-2.sr.txt"] {
            samples.append(try [UInt8](Data(contentsOf: corpusDir.appendingPathComponent("text/" + name))))
        }
        let latin = Array("Ligji p\u{EB}r t\u{EB} drejtat, Za\u{E8}ko\u{9A}a \u{F0}\u{E6} caf\u{E9} na\u{EF}ve ".unicodeScalars.map { UInt8($0.value) })
        samples += [latin, [0x41, 0xEB, 0x20, 0xE7], [0x8A, 0x9A, 0x8E, 0x9E], [0xB9, 0xBE, 0xE8, 0xF0], Array(repeating: 0xE8, count: 5)]
        for b in samples {
            if let fast = CharsetDecoding.clearWinner(b) {
                let ref = Self.decodeWithDetection(b)
                #expect(ref?.text == fast.text && ref?.charset == fast.charset, "\(b.prefix(8))")
            }
        }
        // some take the shortcut (Albanian text with only ë/ç ties across the code pages and does not)
        #expect(samples.contains { CharsetDecoding.clearWinner($0) != nil })
    }

    /// Paragraphs of every bundled and candidate document's text, with its title (inputs for the
    /// pattern pre-filter checks below).
    static let corpusPieces: [String] = {
        corpusDocuments.flatMap { d in [d.title] + d.paragraphs.prefix(200).map { d.text.scalarSlice($0) } }
    }()
    static let corpusDocuments = Ingestor().read(paths: [corpusDir.path, candidatesDir.path]).documents

    @Test func citationsFromUTF8SlicesMatchGeneral() {
        var texts = [
            "Ligji Nr. 04/L-057, (Ligjit nr.03/L-212); UNMIK/REG/2003/10 dhe Udhëzimi Administrativ (MAPL) Nr. 06/2018",
            "Zakona br. 03/L-212 i Law No. 05/L-020, ligjor 04/L-1, LIGJI 2/L-3, Ligj2 05/L-1, lig\u{AD}ji 05/L-2",
            "x\u{301}Ligji 04/L-057 e\u{301} Rregullore Nr. 01/2019, Законом бр. 03/L-212, ligji\u{301} 04/L-9",
        ]
        // the look-back start (80 UTF-16 units before a number) on either half of a surrogate pair
        for pad in 0..<4 {
            texts.append(String(repeating: "a", count: pad) + String(repeating: "𝔸", count: 45) + " Ligjit Nr. 04/L-057 𝔸")
            texts.append(String(repeating: "ë", count: pad) + String(repeating: "𝔸 ligj ", count: 20) + "04/L-057")
        }
        texts += Self.corpusDocuments.map(\.text) + Self.corpusPieces
        var found = 0
        for t in texts {
            for own in [nil, "04/L-057"] as [String?] {
                let a = Citations.find(in: t, excluding: own), b = Citations.findGeneral(in: t, excluding: own)
                #expect(a == b, "\(t.prefix(60))")
                found += a.count
            }
        }
        #expect(found > 100)
    }

    @Test func firstWordFilterAndOpeningAgreeWithMatchAtFirstWord() {
        var texts = ["Ligjit Nr", "ligjor x", "LAW on", "laws", "lawyer", "Udhëzimi", "x ligj", "Ligj2 x", "e ligjit",
                     "Administrative Instruction", "Administrativ uputstvo", "draft", "drafting", "akt", "Ligji\u{301}",
                     "lig\u{AD}ji", "L", "l<\u{338}", "Kod", "kodim", "a1", "1a", "", "é"]
        for t in Self.corpusPieces.prefix(3000) {
            // every word start of each piece, as Citations tries them
            let ns = t as NSString
            for start in (Citations.wordStarts(in: t) ?? []).prefix(40) { texts.append(ns.substring(from: start)) }
        }
        texts += ["Ligji i Kosovës, nr", "projekt ligj, x", "draft law; y", "Udhëzim administrativ (MAPL)", "action plan.",
                  "Koncept dokument", "a\u{301}b c d, e", "ligj lig\u{AD}ji x, y", "x y z<\u{338}w", "Закон о раду, x"]
        var skipped = 0, judged = 0
        for t in texts {
            let bytes = Array(t.utf8)[...]
            let whole = DocumentTypeRecognizer.matchAtFirstWord(t)
            if !DocumentTypeRecognizer.firstWordMayMatch(bytes) {
                skipped += 1
                #expect(whole == nil, "\(t.prefix(60))")
            }
            if let cut = DocumentTypeRecognizer.openingCut(bytes),
               let j = DocumentTypeRecognizer.matchAtFirstWord(opening: String(decoding: bytes[..<cut], as: UTF8.self)) {
                judged += 1
                #expect(j?.type == whole?.type && j?.lang == whole?.lang, "\(t.prefix(60))")
            }
        }
        #expect(skipped > 100 && judged > 100)
    }

    @Test func actNumberPrefilterFindsWhatEveryPatternFinds() {
        let texts = [
            "Ligji Nr. 04/L-057, UNMIK/REG/2003/10, UA (MAPL) Nr. 06/2018, QRK-15/2015, 2003/10, 4/l - 57",
            "04/\u{A0}L-1", "12 /\tl-3", "UNMIK / dir / 1999 / 7", "unmik/ad/2001/3", "AB-1/2019", "2019/1", "1/2019",
            "a/b/c", "/L", "04/ L-057/2019", "Nr.06/2018/", "", "/",
        ] + Self.corpusPieces
        for t in texts {
            let a = ActNumber.find(in: t), b = ActNumber.find(in: t, prefilter: false)
            #expect(a.map(\.number) == b.map(\.number) && a.map(\.range) == b.map(\.range), "\(t.prefix(60))")
        }
    }

    @Test func letterScanIsICULetterClass() {
        // every scalar below U+0800 (where the scan answers): a letter exactly when ICU's \p{L} matches it
        for v in UInt32(0)..<0x800 {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u)
            let m = Citations.word.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length))
            #expect(Citations.isLetter(u) == (m != nil), "U+\(String(v, radix: 16))")
        }
        #expect(Citations.wordStarts(in: "a\u{800}b") == nil)
        for t in ["Ligjit Nr. 04", "a1b ë-ç", "", "  ", "Законом о", "x\u{301}y"] + Self.corpusPieces.prefix(2000) {
            let ms = Citations.word.matches(in: t, range: NSRange(location: 0, length: (t as NSString).length))
            if let starts = Citations.wordStarts(in: t) { #expect(starts == ms.map(\.range.location), "\(t.prefix(60))") }
        }
    }

    @Test func datePiecesMatchWholeTextSearchOverCorpus() {
        for t in Self.corpusPieces {
            let a = DateParser.all(in: t), b = DateParser.allWholeText(in: t)
            #expect(a.map(\.iso) == b.map(\.iso) && a.map(\.range) == b.map(\.range), "\(t.prefix(60))")
        }
    }

    @Test func utf8CheckAgreesWithStringValidation() throws {
        var rng = SystemRandomNumberGenerator()
        var samples: [[UInt8]] = [[], [0x41], [0xC0, 0x80], [0xC2, 0x80], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80],
                                  [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
                                  [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80],
                                  [0xE2, 0x82], Array("abcdefgh\u{EB}ijklmnop".utf8), Array(Array("12345678ë".utf8).dropLast())]
        // every one-, two- and three-byte sequence's lead with each continuation class, inside ASCII runs
        for lead in 0x80...0xFF {
            for c1: UInt8 in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] {
                samples.append(Array("abcdefg".utf8) + [UInt8(lead), c1, 0x80, 0x80] + Array("xyz".utf8))
            }
        }
        for _ in 0..<3000 {
            let n = Int.random(in: 0..<40, using: &rng)
            samples.append((0..<n).map { _ in Bool.random(using: &rng) ? UInt8.random(in: 0x20...0x7E, using: &rng) : UInt8.random(in: 0x80...0xFF, using: &rng) })
        }
        for dir in [corpusDir.appendingPathComponent("gazette"), candidatesDir.appendingPathComponent("bad-inputs")] {
            for f in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil) {
                samples.append([UInt8](try Data(contentsOf: f)))
            }
        }
        for s in samples {
            #expect(isValidUTF8(s) == (String(validating: s, as: UTF8.self) != nil), "\(s.prefix(16))")
            #expect(firstNUL(s) == s.firstIndex(of: 0))
        }
    }

    @Test func utf16UnitsAreTheUTF16View() {
        for t in ["", "abc", "ëç𝔸x\u{301}y\u{10FFFF}\u{FFFF}\u{800}\u{7FF}", "a\r\nb"] + Self.corpusPieces {
            #expect(t.utf16Units == Array(t.utf16), "\(t.prefix(40))")
        }
    }

    @Test func scalarPrefixIsPrefixOfScalars() {
        for t in ["", "abc", "ëç𝔸x\u{301}y", "a\r\nb"] + Self.corpusPieces.prefix(500) {
            for n in [0, 1, 2, 3, 5, 100, 3000] {
                #expect(t.scalarPrefix(n) == String(t.unicodeScalars.prefix(n)), "\(t.prefix(40)) \(n)")
            }
        }
    }

    @Test func firstDateByGroupsIsFirstOfAll() {
        let texts = [
            "Prishtinë, 28 MAJ 2013 (23. maja 2019); May 23rd, 2019 – 01.12.2010, 2012-11-15 dhe 15 nëntorit 2012.",
            "31.02.2013 then 2013-02-30, 1 March 2019", "x 2019 y 2020 z 1. 1. 2019", "", "2019",
            String(repeating: "Section 2019 of title 20; ", count: 30) + "June 1, 2020 and 01.06.2020",
        ] + Self.corpusPieces
        for t in texts { #expect(DateParser.first(in: t) == DateParser.firstOfAll(in: t), "\(t.prefix(60))") }
        // whole documents' openings, as Metadata searches them
        for t in Self.corpusPieces.chunked(20) {
            let opening = String(t.joined(separator: "\n\n").unicodeScalars.prefix(3000))
            #expect(DateParser.first(in: opening) == DateParser.firstOfAll(in: opening))
        }
    }

    @Test func typeStemBytesMatchGeneralWordMatch() {
        var words: Set<Substring> = ["ligj", "ligji", "ligjor", "ligjore", "law", "laws", "lawsx", "bill", "bills",
                                      "draft", "drafts", "draftim", "udhezimet", "kodi", "kodim", "raportues",
                                      "ligjë", "zakon\u{301}", "zakonit", "raport", "actions", "act", "acts", ""]
        for t in Self.corpusPieces.prefix(3000) { for w in Folding.words(t) { words.insert(Substring(w)) } }
        for w in words {
            for (j, p) in DocumentTypeRecognizer.patterns.enumerated() {
                for (k, st) in p.stems.enumerated() {
                    #expect(DocumentTypeRecognizer.wordMatches(w, pattern: j, stem: k)
                            == DocumentTypeRecognizer.wordMatches(w, st), "\(w) \(st)")
                }
            }
        }
    }

    /// An element tree as text (name, attributes, children; adjacent text merged, line numbers left out).
    static func describe(_ x: XNode?) -> String {
        guard let x else { return "nil" }
        if x.kind == .text { return "\"" + x.text + "\"" }
        var out = "<" + x.name + x.attributes.map { " \($0.name)=\"\($0.value)\"" }.joined() + ">"
        var text = ""
        for c in x.children {
            if c.kind == .text { text += c.text; continue }
            if !text.isEmpty { out += "\"" + text + "\""; text = "" }
            out += describe(c)
        }
        if !text.isEmpty { out += "\"" + text + "\"" }
        return out + "</" + x.name + ">"
    }

    static func describe(_ p: Result<LibXML.HTMLParse, Error>) -> String {
        switch p {
        case let .failure(e): return "error \(e)"
        case let .success(.page(root)): return "page " + describe(root)
        case let .success(.selected(byID, title)):
            return "selected " + byID.keys.sorted().map { $0 + "=" + describe(byID[$0]) }.joined(separator: " ") + " title=" + describe(title)
        }
    }

    @Test func gazetteSelectionBySAXMatchesTree() throws {
        let m = GazettePage.markerID
        let act = "<span id=\"MainContent_lblDActNo\">Nr. 04/L-057</span><div id=\"MainContent_drActRelated\"><div class=act_link_box_1><span class=\"x span_margin\">Ndryshon</span><a>Ligji</a></div></div>"
        var pages: [(String, [UInt8])] = [
            ("plain", "<html><head><title>T <b>1</b></title></head><body>\(act)</body></html>"),
            ("implied", "text before \(act) <title>late</title> tail"),
            ("second root", "<html><body>\(act)</body></html><html><body><span id=\"MainContent_lblDPubDate\">1.2.2019</span></body></html>"),
            ("after root", "<html><body>\(act)</body></html> x <p id=\"MainContent_lblDGZK\">GZ</p>"),
            ("deep", "<html><body>" + String(repeating: "<div>", count: 300) + act + "</body></html>"),
            ("near limit", "<html><body>" + String(repeating: "<div>", count: 235) + act + "</body></html>"),
            ("boolean", "<html><body><input id=\"MainContent_lblDInstSpons\" checked disabled=\"\" foo>x</input><select id=\"MainContent_lblDGZK\"><option selected>o</select>\(act)</body></html>"),
            ("entity id", "<html><body><span id=\"MainContent&#95;lblDActNo\">Nr. 1/2019</span> MainContent_lblDActNo</body></html>"),
            ("marker in text only", "<html><body><!-- MainContent_lblDActNo --><p>MainContent_lblDActNo</p></body></html>"),
            ("nested selected", "<html><body><div id=\"MainContent_drSubNormAct\"><span id=\"MainContent_lblSubNormActTitle\">S<!--c-->ub</span>\(act)</div></body></html>"),
            ("twice", "<html><body><span id=MainContent_lblDGZK>one</span>\(act)<span id=MainContent_lblDGZK>two</span></body></html>"),
            ("doctype", "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><!-- c --><html><body> \n <p> </p>\(act)<script>a<b</script><![CDATA[x]]></body></html>"),
            ("entities", "<!DOCTYPE html [<!ENTITY e \"x\">]><html><body>&e; \(act)</body></html>"),
            ("unclosed", "<html><body><table><tr><td>\(act)<p>a<p>b<li>c"),
            ("prefixed names", "<html><body><span id=\"MainContent_lblDInstSpons\">Kuvendi<o:p></o:p>i Kosovës</span><x:title>t</x:title>\(act)</body></html>"),
        ].map { ($0.0, Array($0.1.utf8)) }
        for dir in [corpusDir.appendingPathComponent("gazette"), candidatesDir.appendingPathComponent("gazette-kosovo")] {
            for f in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil) where f.pathExtension == "html" {
                pages.append((f.lastPathComponent, [UInt8](try Data(contentsOf: f))))
            }
        }
        var bySAX = 0, fallBack = 0
        for (name, bytes) in pages {
            let enc = isValidUTF8(bytes) ? "UTF-8" : nil
            let a = Result { try LibXML.parseHTML(bytes, url: name, encoding: enc, selecting: GazettePage.fieldIDs, marker: m) }
            let b = Result { try LibXML.parseHTML(bytes, url: name, encoding: enc, selecting: GazettePage.fieldIDs, marker: m, bySAX: false) }
            #expect(Self.describe(a) == Self.describe(b), "\(name)")
            if LibXML.selectBySAX(bytes, url: name, encoding: enc, ids: GazettePage.fieldIDs, marker: m) != nil { bySAX += 1 } else { fallBack += 1 }
        }
        #expect(bySAX > 300)   // the act pages are read by SAX …
        #expect(fallBack >= 4) // … and the cases left to the tree are
        // (a DTD's entity declarations are not read by the HTML parser, so "entities" is not one of them)
        for name in ["second root", "after root", "deep", "marker in text only", "prefixed names"] {
            let bytes = pages.first { $0.0 == name }!.1
            #expect(LibXML.selectBySAX(bytes, url: name, encoding: "UTF-8", ids: GazettePage.fieldIDs, marker: m) == nil, "\(name)")
        }
    }

    /// An element name with a prefix (Word's `<o:p>`): the HTML tree builder keeps only the part after the
    /// colon ("p", a paragraph break in the text); read from a file, the page's fields are the tree's.
    @Test func gazettePrefixedElementNamesAsInTree() throws {
        let dir = try makeTempDir(); defer { try? FileManager.default.removeItem(at: dir) }
        let page = "<html><head><title>LIGJI</title></head><body><span id=\"MainContent_lblDActNo\">04/L-057</span>"
            + "<span id=\"MainContent_lblDInstSpons\">Kuvendi<o:p></o:p>i Republikës së Kosovës</span></body></html>"
        let url = dir.appendingPathComponent("act.html")
        try page.write(to: url, atomically: true, encoding: .utf8)
        let d = try readOne(url).get()
        #expect(d.number == "04/L-057")
        #expect(d.institution == "Kuvendi i Republikës së Kosovës")
    }

    @Test func xmlTreeBySAXMatchesTree() throws {
        var docs: [(String, [UInt8])] = [
            ("plain", "<?xml version=\"1.0\"?><!-- c --><a xmlns=\"urn:x\" xmlns:p=\"urn:p\" p:k=\"v\" xml:lang=\"sq\"> t<b>u</b>v<!--c-->w<?pi x?>y<![CDATA[z<]]>&lt;&#65;<p:c/> </a>"),
            ("amp in attribute", "<a k=\"x&amp;y\" l=\"&#38;\"><b k=\"&lt;\"/></a>"),
            ("unbound prefix", "<a><q:b>x</q:b></a>"),
            ("unbound attribute prefix", "<a q:k=\"v\">x</a>"),
            ("defaulted", "<!DOCTYPE a [<!ATTLIST a d CDATA \"dv\" e CDATA #IMPLIED>]><a e=\"1\">x</a>"),
            ("entity", "<!DOCTYPE a [<!ENTITY e \"<b>x</b>\">]><a>&e;</a>"),
            ("undeclared entity", "<!DOCTYPE a SYSTEM \"a.dtd\"><a>x&e;y</a>"),
            ("deep", String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)),
            ("near limit", String(repeating: "<a>", count: 235) + "x" + String(repeating: "</a>", count: 235)),
            ("malformed", "<a><b></a>"),
            ("no root", "<?xml version=\"1.0\"?>"),
            ("text outside", "<?xml version=\"1.0\"?>\n<a>x</a>\n<!-- tail -->\n"),
        ].map { ($0.0, Array($0.1.utf8)) }
        for dir in ["akoma-ntoso", "uslm"] {
            for f in try FileManager.default.contentsOfDirectory(at: corpusDir.appendingPathComponent(dir), includingPropertiesForKeys: nil) {
                docs.append((f.lastPathComponent, [UInt8](try Data(contentsOf: f))))
            }
        }
        for f in FileManager.default.enumerator(at: candidatesDir, includingPropertiesForKeys: nil)!.compactMap({ $0 as? URL })
        where f.pathExtension == "xml" {
            docs.append((f.lastPathComponent, [UInt8](try Data(contentsOf: f))))
        }
        var bySAX = 0
        for (name, bytes) in docs {
            let a = Result { try LibXML.parseXML(bytes, url: name) }.map { LibXML.HTMLParse.page($0) }
            let b = Result { try LibXML.parseXML(bytes, url: name, bySAX: false) }.map { LibXML.HTMLParse.page($0) }
            #expect(Self.describe(a) == Self.describe(b), "\(name)")
            if (try? LibXML.parseXMLEvents(bytes, url: name)) != nil { bySAX += 1 }
        }
        #expect(bySAX >= 10)
        for name in ["amp in attribute", "unbound prefix", "unbound attribute prefix", "deep"] {
            let bytes = docs.first { $0.0 == name }!.1
            #expect((try? LibXML.parseXMLEvents(bytes, url: name)) == nil, "\(name)")
        }
    }

    @Test func gazetteFieldsFromSelectedElementsMatchWholeTree() throws {
        var pages: [URL] = []
        for dir in [corpusDir.appendingPathComponent("gazette"), candidatesDir.appendingPathComponent("gazette-kosovo")] {
            for f in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            where f.pathExtension == "html" { pages.append(f) }
        }
        var acts = 0
        for f in pages {
            let bytes = [UInt8](try Data(contentsOf: f))
            let root = try LibXML.parseHTML(bytes, url: f.lastPathComponent, encoding: "UTF-8")
            let whole = GazettePage.parse(root)
            let parsed = try LibXML.parseHTML(bytes, url: f.lastPathComponent, encoding: "UTF-8",
                                              selecting: GazettePage.fieldIDs, marker: GazettePage.markerID)
            switch parsed {
            case .page:
                #expect(whole == nil, "\(f.lastPathComponent)")
            case let .selected(byID, title):
                acts += 1
                let g = try #require(whole, "\(f.lastPathComponent)")
                let s = try #require(GazettePage.parse(byID: byID, title: title))
                var a = SourceDocument(id: "x", path: "x", format: .html, contentHash: "", byteCount: 0), b = a
                g.apply(to: &a); s.apply(to: &b)
                #expect(a == b, "\(f.lastPathComponent)")
            }
        }
        #expect(acts > 40)
    }
}

extension Array {
    func chunked(_ n: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: n).map { self[$0..<Swift.min($0 + n, count)] }
    }
}
