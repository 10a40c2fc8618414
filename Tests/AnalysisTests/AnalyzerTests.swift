import Foundation
import Testing
import KerkoCore
@testable import Analysis

/// The whole chain (ANALYSIS.md §0 P0, P2–P8) through `Analyzer.analyze`.
@Suite struct AnalyzerTests {
    @Test func draftLawTitle() throws {
        let toks = try Analyzer(language: .sq).analyze("Projektligji për Organizatat Joqeveritare")
        #expect(toks.map(\.text) == ["Projektligji", "për", "Organizatat", "Joqeveritare"])
        #expect(toks.map(\.start) == [0, 13, 17, 29])
        #expect(toks.map(\.end) == [12, 16, 28, 41])
        #expect(toks.map(\.normalized) == ["projektligji", "për", "organizatat", "joqeveritare"])
        #expect(toks.map(\.folded) == ["projektligji", "per", "organizatat", "joqeveritare"])
        // `organizatat` is in the form→lemma table (its lemma `organizatë`, folded, is the term);
        // the other words are not, and get SQ-light's stems.
        #expect(toks.map(\.terms) == [["projektligj"], ["per"], ["organizate"], ["joqeveritar"]])
        #expect(toks.map(\.isStop) == [false, true, false, false])
        #expect(toks.map(\.position) == [0, 1, 2, 3])
        #expect(toks.allSatisfy { $0.kind == .word })
    }

    @Test func actNumbersAreKeptWholeAndSplit() throws {
        let text = "Ligji Nr. 04/L-057 dhe UA 03/2015, sipas UA Nr. 5/2020."
        let toks = try Analyzer(language: .sq).analyze(text)
        let keywords = toks.filter { $0.kind == .keyword }
        #expect(keywords.map(\.term) == ["04/l-057", "ua-03/2015", "ua-5/2020"])
        #expect(keywords.map(\.text) == ["04/L-057", "UA 03/2015", "UA Nr. 5/2020"])
        let scalars = Array(text.unicodeScalars)
        for k in keywords {
            #expect(String(String.UnicodeScalarView(scalars[k.start..<k.end])) == k.text)
            #expect(k.isStop == false)
        }
        // The parts are indexed too; a keyword shares the position of the last part it covers.
        let parts = toks.filter { $0.kind != .keyword }.map(\.term)
        #expect(parts.starts(with: ["ligj", "nr", "04", "l", "057"]))
        let act = keywords[0]
        #expect(toks.first { $0.kind == .number && $0.text == "057" }?.position == act.position)
    }

    @Test func joinedCompoundSharesPositionOfLastPart() throws {
        let toks = try Analyzer(language: .sq).analyze("projekt-ligji për")
        #expect(toks.map(\.kind) == [.word, .word, .joined, .word])
        #expect(toks.map(\.position) == [0, 1, 1, 2])
        #expect(toks[2].text == "projekt-ligji")
        #expect(toks[2].terms == (try Analyzer(language: .sq).analyze("projektligji")).first?.terms)
    }

    @Test func scalarOffsetsWithAstralAndMarks() throws {
        let text = "😀 Kosovës e\u{0301}mail"   // emoji = 1 scalar (2 UTF-16 units); e + combining acute = 2 scalars
        let toks = try Analyzer(language: .sq).analyze(text)
        #expect(toks.first?.text == "Kosovës")
        #expect(toks.first?.start == 2)
        #expect(toks.first?.end == 9)
        #expect(toks.first?.utf16Start == 3)
        #expect(toks.last?.start == 10)
        #expect(toks.last?.end == 16)
        #expect(toks.last?.folded == "email")
    }

    @Test func mojibakeIsRepairedAndOffsetsStayInTheInput() throws {
        let text = "Ligji pÃ«r KosovÃ«s dhe ShÃ«ndetÃ«sinÃ«"
        let toks = try Analyzer(language: .sq).analyze(text)
        #expect(toks.map(\.folded) == ["ligji", "per", "kosoves", "dhe", "shendetesine"])
        let kosoves = toks[2]
        #expect(kosoves.text == "KosovÃ«s")
        #expect(kosoves.start == 11 && kosoves.end == 19)
        // Fewer than three pairs: left alone.
        #expect(try Analyzer(language: .sq).analyze("pÃ«r").map(\.text) == ["pÃ", "r"])
    }

    @Test func diacriticFreeTypingMeetsTheOriginal() throws {
        let a = try Analyzer(language: .sq)
        #expect(try a.analyze("çështjet").map(\.terms) == a.analyze("ceshtjet").map(\.terms))
        #expect(try a.analyze("Shëndetësisë").map(\.terms) == a.analyze("shendetesise").map(\.terms))
        // §1.7 Cyrillic Ё inside a Latin word (Gazette title).
        #expect(try a.analyze("REPUBLIK\u{0401}S").map(\.terms) == a.analyze("Republikës").map(\.terms))
    }

    /// A real Gazette title typed with Cyrillic Ё (U+0401) for Ë (§1.7) is found by what users type.
    @Test func gazetteTitleWithCyrillicLookAlikes() throws {
        let a = try Analyzer(language: .sq)
        let title = "LIGJI  NR. 04/L-079 PËR  BUXHETIN E REPUBLIK\u{0401}S S\u{0401} KOSOV\u{0401}S P\u{0401}R VITIN 2012"
        let typed = "Ligji nr. 04/L-079 per buxhetin e Republikes se Kosoves per vitin 2012"
        #expect(try a.analyze(title).map(\.terms) == a.analyze(typed).map(\.terms))
        #expect(try a.analyze(title).contains { $0.kind == .keyword && $0.term == "04/l-079" })
    }

    @Test func englishAndSerbianChains() throws {
        let en = try Analyzer(language: .en).analyze("The Government's consultations on regulations")
        #expect(en.map(\.term) == ["the", "govern", "consult", "on", "regul"])
        #expect(en.map(\.isStop) == [true, false, false, true, false])
        let sr = try Analyzer(language: .sr).analyze("Закон о заштити ličnih podataka")
        #expect(sr.map(\.folded) == ["zakon", "o", "zastiti", "licnih", "podataka"])
        #expect(sr[1].isStop)
    }

    @Test func numbersAreNeverStopWordsNorStemmed() throws {
        let toks = try Analyzer(language: .sq).analyze("neni 5.1 dhe 1.000.000,00 euro")
        let numbers = toks.filter { $0.kind == .number }
        #expect(numbers.map(\.term) == ["5.1", "1.000.000,00"])
        #expect(numbers.allSatisfy { !$0.isStop })
    }

    @Test(arguments: [Language.sq, .en, .sr, .und])
    func termsOnlyAgreesWithAnalyze(_ language: Language) throws {
        let text = "Projektligji për OJQ-të, UA 03/2015; Government consultations. Закон о општини."
        let a = try Analyzer(language: language)
        var fast: [Analyzer.Indexed] = []
        try a.forEachTerm(text) { fast.append($0) }
        let full = try a.analyze(text).filter { !$0.isStop }
        #expect(fast.map(\.position) == full.map(\.position))
        #expect(fast.map(\.terms) == full.map(\.terms))
        #expect(fast.map(\.folded) == full.map(\.folded))
        #expect(fast.map(\.kind) == full.map(\.kind))
    }

    @Test func tokensRoundTripThroughJSON() throws {
        let toks = try Analyzer(language: .sq).analyze("Ligji Nr. 06/L-082")
        let back = try JSONDecoder().decode([AnalyzedToken].self, from: JSONEncoder().encode(toks))
        #expect(back == toks)
    }

    // MARK: hostile input: never a crash, a clear result

    @Test func emptyAndBlankText() throws {
        let a = try Analyzer(language: .sq)
        #expect(try a.analyze("").isEmpty)
        #expect(try a.analyze(" \n\t\r\n ").isEmpty)
        #expect(try a.analyze("—;,.!?").isEmpty)
    }

    @Test func controlCharactersAndMixedScripts() throws {
        let a = try Analyzer(language: .sq)
        let toks = try a.analyze("\u{0}\u{1}ligji\u{7}\u{1B}[0m Закон 法律 ﷽ \u{200B}\u{FEFF}")
        #expect(toks.first?.folded == "ligji")
        #expect(toks.contains { $0.folded == "zakon" })
        #expect(toks.allSatisfy { $0.start <= $0.end })
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        let text = String(decoding: [0xD800, 0x6C, 0x69, 0x67, 0x6A, 0x69, 0xDC00] as [UInt16], as: UTF16.self)
        let toks = try Analyzer(language: .sq).analyze(text)
        #expect(toks.map(\.folded) == ["ligji"])
        #expect(toks.first?.start == 1)
    }

    @Test func tenMegabyteSingleLine() throws {
        let unit = "Ligji për shoqërinë civile dhe OJQ-të 04/L-057; "
        let repeats = 10_000_000 / unit.utf8.count
        let a = try Analyzer(language: .sq)
        var perUnit = 0, n = 0
        try a.forEachTerm(unit) { _ in perUnit += 1 }
        try a.forEachTerm(String(repeating: unit, count: repeats)) { _ in n += 1 }
        #expect(perUnit >= 6)
        #expect(n == perUnit * repeats)
        // One 10 MB "word": a single token, no crash.
        let word = String(repeating: "a", count: 10_000_000)
        let toks = try a.analyze(word)
        #expect(toks.count == 1)
        #expect(toks.first?.end == 10_000_000)
        #expect(toks.first?.folded == String(repeating: "a", count: Analyzer.maxTokenLength))
        // Non-ASCII giant "words" (ICU's transliterator is quadratic on them): capped, fast.
        for giant in [String(repeating: "ë", count: 5_000_000), String(repeating: "Ж", count: 5_000_000),
                      String(repeating: "😀a", count: 2_000_000)] {
            let t = try a.analyze(giant)
            #expect(t.count >= 1)
            #expect(t.allSatisfy { $0.folded.utf16.count <= 2 * Analyzer.maxTokenLength })
        }
    }
}
