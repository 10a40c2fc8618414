import Foundation
import Testing
import KerkoCore
@testable import Analysis

/// ANALYSIS.md §6, measured on paragraphs (≥ 100 characters) of real documents that the trigram profiles
/// were not trained on. The split is the one of tools/langid/corpus.py (kept identical here):
/// * sq: Official Gazette act pages whose file name starts with 8–f (the page language from its own field
///   label "Lloji i aktit"), and the CiviKos report seed;
/// * sr: every Serbian Gazette page ("Tip akta"), paragraphs of ≥ 100 characters (profiles were trained on
///   the shorter lines only);
/// * en: the "Kosovo We Want" seed and three held-out USLM / Akoma Ntoso documents.
/// Paragraphs starting with `***` (the Gazette's mark for a title left untranslated) are left out.
@Suite struct LanguageIdentifierTests {
    static let corpus = TestData.shared.appendingPathComponent("corpus-candidates")

    static func stripTags(_ markup: String) -> String {
        var t = markup.replacingOccurrences(of: "(?is)<(script|style)[^>]*>.*?</\\1>", with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "(?s)<!--.*?-->", with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "(?s)<[^>]+>", with: "\n", options: .regularExpression)
        for (e, c) in [("&nbsp;", "\u{A0}"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
                       ("&amp;", "&")] {
            t = t.replacingOccurrences(of: e, with: c)
        }
        return t
    }

    /// Blocks separated by blank lines, white space collapsed, at least 100 characters.
    static func splitBlank(_ text: String) -> [String] {
        let t = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n[ \t\u{A0}\r\u{0B}\u{0C}]*\n", with: "\u{0}", options: .regularExpression)
        return t.split(separator: "\u{0}").map {
            $0.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
        }.filter { $0.count >= 100 }
    }

    /// Deduplicated (language, paragraph) test set.
    static let testSet: [(Language, String)] = {
        var docs: [(Language, String)] = []
        let gazette = corpus.appendingPathComponent("gazette-kosovo")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: gazette.path)) ?? []).filter { $0.hasSuffix(".html") }.sorted()
        var serbian: [(Language, String)] = []
        for f in files {
            guard let data = FileManager.default.contents(atPath: gazette.appendingPathComponent(f).path) else { continue }
            let markup = String(decoding: data, as: UTF8.self)
            if markup.contains("Lloji i aktit") {
                if !"01234567".contains(f.first!) { docs.append((.sq, stripTags(markup))) }
            } else if markup.contains("Tip akta") {
                serbian.append((.sr, stripTags(markup)))
            }
        }
        for rel in ["uslm/H1000_IH.xml", "akoma-ntoso/eu_COM(2013)0619_EN-8.xml", "akoma-ntoso/uk_pga-2014-27-enacted-data.xml"] {
            if let t = try? TestData.text(corpus.appendingPathComponent(rel)) { docs.append((.en, stripTags(t))) }
        }
        if let t = try? TestData.text(corpus.appendingPathComponent("seeds/civikos-report-2012-2013.sq.txt")) { docs.append((.sq, t)) }
        if let t = try? TestData.text(corpus.appendingPathComponent("seeds/kosovo-we-want-2nd-congress.en.txt")) { docs.append((.en, t)) }
        var seen = Set<String>()
        var out: [(Language, String)] = []
        for (lang, text) in docs + serbian {
            for p in splitBlank(text) where !p.hasPrefix("***") && seen.insert(p).inserted {
                out.append((lang, p))
            }
        }
        return out
    }()

    @Test func accuracyOnRealParagraphs() throws {
        let set = Self.testSet
        var total: [Language: Int] = [:], right: [Language: Int] = [:]
        var wrong: [String] = []
        for (lang, p) in set {
            total[lang, default: 0] += 1
            let got = LanguageIdentifier.identify(p)
            if got == lang { right[lang, default: 0] += 1 } else { wrong.append("\(lang)→\(got): \(p.prefix(90))") }
        }
        for lang in Language.analyzed {
            #expect(total[lang, default: 0] >= 60, "only \(total[lang, default: 0]) \(lang) paragraphs")
        }
        let accuracy = Double(right.values.reduce(0, +)) / Double(max(1, set.count))
        let perLanguage = Language.analyzed.map { "\($0) \(right[$0, default: 0])/\(total[$0, default: 0])" }
        print("language id: \(String(format: "%.2f", accuracy * 100)) % of \(set.count) paragraphs (\(perLanguage.joined(separator: ", ")))")
        for w in wrong.prefix(20) { print("  miss \(w)") }
        #expect(accuracy >= 0.95)
        for lang in Language.analyzed {
            #expect(Double(right[lang, default: 0]) >= 0.9 * Double(total[lang, default: 0]), "\(perLanguage)")
        }
    }

    @Test func shortTextIsUndetermined() {
        #expect(LanguageIdentifier.identify("") == .und)
        #expect(LanguageIdentifier.identify("ligji 04/L-057") == .und)
        #expect(LanguageIdentifier.identify("1234567890 1234567890 1234567890") == .und)
    }

    @Test(arguments: [
        ("Ligji për organizatat joqeveritare dhe shoqërinë civile në Kosovë", Language.sq),
        ("Ligji per organizatat joqeveritare dhe shoqerine civile ne Kosove", .sq),
        ("The law on freedom of association in non-governmental organizations", .en),
        ("Закон о слободи удруживања у невладиним организацијама", .sr),
        ("Zakon o slobodi udruživanja u nevladinim organizacijama", .sr),
        ("Zakon o slobodi udruzivanja u nevladinim organizacijama koji je usvojila skupstina", .sr),
    ])
    func identifiesSentences(_ text: String, _ lang: Language) {
        #expect(LanguageIdentifier.identify(text) == lang)
    }

    @Test func paragraphOffsetsAreScalars() {
        let text = "😀 Ligji për organizatat joqeveritare dhe shoqërinë civile\n\n\nThe law on freedom of association of citizens\r\n\r\nshort"
        let ps = LanguageIdentifier.paragraphs(text)
        #expect(ps.map(\.lang) == [.sq, .en, .und])
        let scalars = Array(text.unicodeScalars)
        let texts = ps.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(texts == ["😀 Ligji për organizatat joqeveritare dhe shoqërinë civile",
                          "The law on freedom of association of citizens", "short"])
        #expect(LanguageIdentifier.paragraphs("").isEmpty)
        #expect(LanguageIdentifier.paragraphs("\n\n \n").isEmpty)
    }
}
