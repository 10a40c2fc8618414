import Analysis
import Foundation
import Indexing
import Ingest
import KerkoCore
@testable import Present
import Storage
import Testing
import TestSupport

/// Snippets and highlights on real documents of the bundled corpus, indexed for real: the matched terms
/// are the index terms a query word analyzes to (term, folded, stemmed, phrase) or expands to in the index's
/// term dictionary (prefix, fuzzy) — what Search reports for a hit — and every highlight must slice a word of
/// the original text that such a term came from.
@Suite(.serialized) struct SnippetTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The bundled corpus indexed once into a temporary folder (full analysis, as the product does).
    final class Fixture: @unchecked Sendable {
        let dir: URL
        let reader: IndexReader
        init() throws {
            dir = try makeProcessTempDir("kerko-present")
            let root = SnippetTests.repo.appendingPathComponent("corpus").path
            let docs = Ingestor().read(paths: [root], root: root).documents
            let w = try IndexWriter.open(directory: dir)
            for d in docs { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            reader = try IndexReader.open(directory: dir)
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
    }
    static let fixture = Result { try Fixture() }

    func document(_ idSuffix: String) throws -> (doc: SourceDocument, lang: Language) {
        let f = try Self.fixture.get()
        for d in 0..<f.reader.maxDoc {
            guard let k = f.reader.key(d), k.id.hasSuffix(idSuffix) else { continue }
            let doc = try #require(try f.reader.storedDocument(doc: d))
            return (doc, Language(rawValue: k.lang) ?? .sq)
        }
        Issue.record("no document \(idSuffix)")
        throw CancellationError()
    }

    /// The stem terms of query words, as the query side analyzes them.
    func terms(_ words: [String], _ lang: Language) throws -> HighlightTerms {
        let a = try Analyzer(language: lang)
        var t = HighlightTerms()
        for w in words {
            let r = try a.analyzeWord(w)
            t.stems.formUnion(r.terms)
        }
        return t
    }

    func tokens(_ text: String, language: Language) throws -> [AnalyzedToken] {
        var m = TextMatcher()
        return try m.tokens(text, language: language)
    }

    func folded(_ s: String) throws -> String { try Folder().fold(normalized: Folder().normalize(s)) }

    /// Every highlight is a whole token of the snippet (no partial words) and the snippet is of the
    /// contract's length with `…` where cut.
    func checkShape(_ s: Snippet, _ original: String) {
        let scalars = Array(s.text.unicodeScalars)
        #expect(scalars.count <= 320, "snippet too long: \(scalars.count)")
        for h in s.highlights {
            #expect(h.start < h.end && h.end <= scalars.count)
            if h.start > 0 {
                let before = scalars[h.start - 1]
                #expect(!before.properties.isAlphabetic, "highlight starts inside a word: …\(s.text)")
            }
            if h.end < scalars.count { #expect(!scalars[h.end].properties.isAlphabetic, "highlight ends inside a word") }
        }
        for (a, b) in zip(s.highlights, s.highlights.dropFirst()) { #expect(a.end < b.start, "highlights overlap or touch") }
        if let first = s.sourceRanges.first, first.lowerBound > 0 { #expect(s.text.hasPrefix("…")) }
        if let last = s.sourceRanges.last, original.unicodeScalars.count > last.upperBound + 1 { #expect(s.text.hasSuffix("…")) }
        // Cut at word boundaries: the first and last words of the passage are whole words of the original.
        let body = s.text.trimmingCharacters(in: CharacterSet(charactersIn: "… "))
        if let firstWord = body.split(separator: " ").first, let lastWord = body.split(separator: " ").last {
            let words = Set(original.split(whereSeparator: { $0.isWhitespace }).map(String.init))
            #expect(words.contains(String(firstWord)), "first word \(firstWord) is cut")
            #expect(words.contains(String(lastWord)), "last word \(lastWord) is cut")
        }
    }

    @Test func foldedQueryHighlightsTheWordsWithDiacritics() throws {
        let (doc, lang) = try document("seeds/civikos-report-2012-2013.sq.txt")
        let t = try terms(["ceshtjet"], lang)
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: t)
        checkShape(s, doc.text)
        #expect(!s.highlights.isEmpty)
        for w in s.highlightedTexts {
            #expect(try folded(w).hasPrefix("ceshtj"), "\(w)")
            #expect(w.unicodeScalars.contains { $0 == "ç" || $0 == "Ç" }, "\(w) should be the original Çështje…")
        }
    }

    @Test func stemmedQueryHighlightsOtherInflections() throws {
        let (doc, lang) = try document("seeds/civikos-report-2012-2013.sq.txt")
        // "ligjit" (genitive) matches "ligji", "ligjet", "ligjeve"… through the Albanian stemmer.
        let t = try terms(["ligjit"], lang)
        let tokens = try tokens(doc.text, language: lang)
        let matched = Set(tokens.filter(t.matches).map { $0.text.lowercased() })
        #expect(matched.count >= 2, "only \(matched)")
        #expect(matched.contains { $0 != "ligjit" }, "\(matched)")
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: t)
        checkShape(s, doc.text)
        #expect(!s.highlights.isEmpty)
        for w in s.highlightedTexts { #expect(try folded(w).hasPrefix("ligj"), "\(w)") }
    }

    @Test func phraseWindowHoldsTheAdjacentWords() throws {
        let (doc, lang) = try document("seeds/civikos-report-2012-2013.sq.txt")
        let t = try terms(["shoqerise", "civile"], lang)
        var ds = DocumentSnippets(maker: SnippetMaker(allowTwoPassages: false))
        let s = try ds.snippet(text: doc.text, language: lang, terms: t)
        checkShape(s, doc.text)
        let words = try s.highlightedTexts.map(folded)
        #expect(words.contains { $0.hasPrefix("shoqeri") })
        #expect(words.contains("civile"))
        // The two words are adjacent somewhere in the snippet: "shoqërisë civile".
        let pairs = zip(s.highlights, s.highlights.dropFirst()).filter { a, b in
            let gap = Array(s.text.unicodeScalars)[a.end..<b.start]
            return gap.allSatisfy { $0 == " " }
        }
        #expect(!pairs.isEmpty, "no adjacent pair in \(s.text)")
    }

    @Test func prefixExpansionsFromTheIndexHighlight() throws {
        let f = try Self.fixture.get()
        let (doc, lang) = try document("seeds/civikos-report-2012-2013.sq.txt")
        // projektligj* expanded in the term dictionary, as a prefix query does.
        let expanded = try f.reader.terms(field: "body.stem", prefix: "projektligj")
        #expect(!expanded.isEmpty)
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: HighlightTerms(stems: Set(expanded)))
        checkShape(s, doc.text)
        #expect(!s.highlights.isEmpty)
        for w in s.highlightedTexts { #expect(try folded(w).hasPrefix("projektligj"), "\(w)") }
    }

    @Test func fuzzyExpansionsFromTheIndexHighlight() throws {
        let f = try Self.fixture.get()
        let (doc, lang) = try document("seeds/civikos-report-2012-2013.sq.txt")
        // "qeverrise~1" (a typo of qeverisë): every folded term of body.exact within one edit, as a fuzzy
        // query expands it — qeverise, and nothing of qeveritare or qeverisje.
        let all = try f.reader.terms(field: "body.exact", prefix: "qev")
        let expanded = Set(all.filter { editDistance($0, "qeverrise") <= 1 })
        #expect(expanded.contains("qeverise"))
        #expect(!expanded.contains("qeverisje"))
        #expect(!expanded.isEmpty)
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: HighlightTerms(exact: expanded))
        checkShape(s, doc.text)
        #expect(!s.highlights.isEmpty)
        for w in s.highlightedTexts { #expect(expanded.contains(try folded(w)), "\(w)") }
    }

    @Test func keywordActNumberHighlightsTheNumberAsPrinted() throws {
        let f = try Self.fixture.get()
        // A Gazette act page: its act number is indexed as one keyword token.
        var found: (SourceDocument, Language)? = nil
        for d in 0..<f.reader.maxDoc {
            guard let k = f.reader.key(d), k.lang == "sq", let doc = try f.reader.storedDocument(doc: d),
                  let n = doc.number, doc.text.contains(n) else { continue }
            found = (doc, .sq); break
        }
        let (doc, lang) = try #require(found)
        let number = doc.number!.lowercased()
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: HighlightTerms(stems: [number]))
        #expect(s.highlightedTexts.contains { $0.lowercased() == number }, "\(number) in \(s.text)")
    }

    @Test func noMatchGivesTheOpeningWithoutHighlights() throws {
        let (doc, lang) = try document("seeds/kosovo-we-want-2nd-congress.en.txt")
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: HighlightTerms(stems: ["zzzqqq"]))
        #expect(s.highlights.isEmpty)
        #expect(s.sourceRanges.first?.lowerBound == 0)
        #expect(!s.text.hasPrefix("…"))
        #expect(s.text.hasSuffix("…"))
        checkShape(s, doc.text)
    }

    @Test func twoPassagesWhenTheTermsAreFarApart() throws {
        let (doc, lang) = try document("seeds/kosovo-we-want-2nd-congress.en.txt")
        // The first and the last distinct content words of the text are far apart.
        let tokens = try tokens(doc.text, language: lang).filter { !$0.isStop && $0.kind == .word && $0.text.count > 6 }
        let first = try #require(tokens.first), last = try #require(tokens.last { $0.term != first.term })
        #expect(last.start - first.end > 600)
        let t = HighlightTerms(stems: [first.term, last.term])
        var ds = DocumentSnippets()
        let s = try ds.snippet(text: doc.text, language: lang, terms: t)
        let passages = s.sourceRanges.count; let snippetText = s.text
        #expect(passages == 2, Comment(rawValue: snippetText))
        #expect(s.text.contains(" … "))
        let keys = Set(try s.highlightedTexts.map { try Analyzer(language: lang).analyzeWord($0).terms.first ?? "" })
        #expect(keys.isSuperset(of: [first.term, last.term]), "\(keys)")
        checkShape(s, doc.text)
    }

    @Test func phraseHighlightsOnlyItsOccurrences() throws {
        let text = "Organizatat civile punojnë. Raporti për çështjet e shoqërisë civile në Kosovë; shoqëria vazhdon."
        let toks = try tokens(text, language: .sq)
        let a = try Analyzer(language: .sq)
        let p = HighlightTerms.Phrase(stems: [Set(try a.analyzeWord("shoqërisë").terms), Set(try a.analyzeWord("civile").terms)],
                                      exact: [["shoqerise"], ["civile"]])
        let s = SnippetMaker().snippet(text: text, tokens: toks, terms: HighlightTerms(phrases: [p]))
        #expect(s.highlightedTexts == ["shoqërisë civile"], "\(s.highlightedTexts)")
        // With a stop word between the phrase's words in the text ("çështjet e shoqërisë"): still a phrase.
        let q = HighlightTerms.Phrase(stems: [Set(try a.analyzeWord("çështjet").terms), Set(try a.analyzeWord("shoqërisë").terms)],
                                      exact: [["ceshtjet"], ["shoqerise"]])
        let s2 = SnippetMaker().snippet(text: text, tokens: toks, terms: HighlightTerms(phrases: [q]))
        #expect(s2.highlightedTexts == ["çështjet e shoqërisë"], "\(s2.highlightedTexts)")
    }

    @Test func highlightOffsetsCountScalarsNotUTF16() {
        // An astral character before the match: scalar offsets differ from UTF-16 ones.
        let text = "Raporti 𝒜 për çështjet e shoqërisë civile në Kosovë."
        let tokens = (try? tokens(text, language: .sq)) ?? []
        let t = (try? terms(["ceshtjet"], .sq)) ?? HighlightTerms()
        let s = SnippetMaker().snippet(text: text, tokens: tokens, terms: t)
        #expect(s.highlightedTexts == ["çështjet"])
        #expect(s.highlights == [Highlight(start: 14, end: 22)])
    }

    @Test func renderingMarksHighlightsWithGuillemetsOrBold() {
        let s = Snippet(text: "…Ky ligj rregullon arsimin…", highlights: [Highlight(start: 4, end: 8), Highlight(start: 19, end: 26)])
        #expect(HighlightStyle.guillemets.apply(s.text, s.highlights) == "…Ky «ligj» rregullon «arsimin»…")
        #expect(HighlightStyle.ansiBold.apply(s.text, s.highlights) == "…Ky \u{1B}[1mligj\u{1B}[0m rregullon \u{1B}[1marsimin\u{1B}[0m…")
        let block = HitRendering.render(HitBlock(rank: 1, title: "Ligji për arsimin", titleHighlights: [Highlight(start: 10, end: 17)],
                                                 type: "law", lang: "sq", date: "2011-08-29", number: "04/L-032",
                                                 id: "gazette/x.html", path: "gazette/x.html", snippet: s, score: 1),
                                        style: .guillemets)
        #expect(block.contains(" 1. Ligji për «arsimin»"))
        #expect(block.contains("law · sq · 2011-08-29 · 04/L-032"))
        #expect(block.contains("…Ky «ligj» rregullon «arsimin»…"))
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    var prev = Array(0...y.count)
    for i in 1...max(1, x.count) where !x.isEmpty {
        var cur = [i] + [Int](repeating: 0, count: y.count)
        for j in 1...max(1, y.count) where !y.isEmpty {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return x.isEmpty ? y.count : prev[y.count]
}
