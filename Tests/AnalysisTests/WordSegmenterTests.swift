import TestSupport
import Foundation
import Testing
import KerkoCore
import Ingest
@testable import Analysis

/// Equivalence of `WordSegmenter` (hand-written UAX #29 word rules) with ICU's word break iterator
/// (`WordBreaker.segments`): same segment ranges and rule statuses on the fixture, on every BMP code point in
/// many contexts, on all corpus text and on seeded random text; and the analyzer's output is the same with
/// either segmenter.
@Suite struct WordSegmenterTests {
    /// The first difference between two segmentations of `u`, described, or nil if they are equal.
    static func difference(_ u: [UInt16], _ got: [WordSegment], _ want: [WordSegment]) -> String? {
        if got == want { return nil }
        let i = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        func show(_ s: WordSegment?) -> String {
            guard let s else { return "none" }
            let text = String(decoding: u[s.start..<s.end], as: UTF16.self)
            return "\(s.start)..<\(s.end) \(s.ruleStatus) \(text.unicodeScalars.map { String($0.value, radix: 16) })"
        }
        let lo = max(0, (i < want.count ? want[i].start : u.count) - 20)
        let hi = min(u.count, lo + 60)
        let context = String(decoding: u[lo..<hi], as: UTF16.self).debugDescription
        return "segment \(i): got \(show(i < got.count ? got[i] : nil)), ICU \(show(i < want.count ? want[i] : nil)) near \(context)"
    }

    /// Checks `text` against ICU for `locale`; returns a description of the first difference.
    static func check(_ text: String, locale: String = "sq", segmenter: WordSegmenter? = nil) throws -> String? {
        let u = Array(text.utf16)
        let seg = segmenter ?? WordSegmenter(locale: locale)
        return difference(u, try seg.segments(u), try WordBreaker.segments(u, locale: locale))
    }

    // MARK: (a) the fixture

    @Test(arguments: WordBreakTests.cases)
    func fixture(_ c: WordBreakTests.Case) throws {
        let u = Array(c.input.utf16)
        let segs = try WordSegmenter(locale: "sq").segments(u)
        let words = segs.filter(\.isWord).map { (String(decoding: u[$0.start..<$0.end], as: UTF16.self), $0.ruleStatus) }
        #expect(words.map(\.0) == c.tokens.map(\.0))
        #expect(words.map(\.1) == c.tokens.map(\.1))
        #expect(try Self.check(c.input) == nil)
    }

    @Test func knownICUDetails() throws {
        // Root rules: ':' is not MidLetter; '·' is; statuses of ExtendNumLet runs; Extend at the start.
        let cases: [(String, [(String, Int32)])] = [
            ("a:b", [("a", 200), (":", 0), ("b", 200)]),
            ("a·b", [("a·b", 200)]),
            ("1__ _ __ a_ _1 a1 1_a", [("1__", 200), (" ", 0), ("_", 0), (" ", 0), ("__", 200), (" ", 0), ("a_", 200),
                                       (" ", 0), ("_1", 100), (" ", 0), ("a1", 100), (" ", 0), ("1_a", 200)]),
            ("\u{301}a", [("\u{301}", 0), ("a", 200)]),
            ("a''b 1'2", [("a", 200), ("'", 0), ("'", 0), ("b", 200), (" ", 0), ("1'2", 100)]),
            ("x\u{AD}y \r\n\n", [("x\u{AD}y", 200), (" ", 0), ("\r\n", 0), ("\n", 0)]),
        ]
        for (text, want) in cases {
            let u = Array(text.utf16)
            let got = try WordSegmenter(locale: "sq").segments(u).map {
                (String(decoding: u[$0.start..<$0.end], as: UTF16.self), $0.ruleStatus)
            }
            #expect(got.map(\.0) == want.map(\.0), "\(text.debugDescription)")
            #expect(got.map(\.1) == want.map(\.1), "\(text.debugDescription)")
            #expect(try Self.check(text) == nil)
        }
    }

    /// The checks detect a difference: a segmentation that is off by one status or one boundary is reported.
    @Test func differencesAreReported() {
        let u = Array("ab cd".utf16)
        let icu = [WordSegment(start: 0, end: 2, ruleStatus: 200), WordSegment(start: 2, end: 3, ruleStatus: 0),
                   WordSegment(start: 3, end: 5, ruleStatus: 200)]
        #expect(Self.difference(u, icu, icu) == nil)
        var wrongStatus = icu; wrongStatus[2].ruleStatus = 100
        #expect(Self.difference(u, wrongStatus, icu) != nil)
        let wrongBoundary = [WordSegment(start: 0, end: 5, ruleStatus: 200)]
        #expect(Self.difference(u, wrongBoundary, icu) != nil)
    }

    // MARK: every BMP code point in context

    /// Each BMP code unit c (surrogates included: they go to ICU) in contexts that exercise every rule it could
    /// take part in: between letters, digits, after ExtendNumLet, with Extend after it, after space, around
    /// CR LF, doubled. One string per code point, the contexts joined without separators (so they also interact)
    /// and once more separated by newlines.
    @Test func everyBMPCodeUnitInContext() throws {
        let contexts: [[UInt16]] = ["a", "Z", "ë", "1", "_", ".", ",", "'", ":", " ", "\u{301}", "\u{AD}", "\r", "\n",
                                    "ж", "λ", "-", "\""].map { Array($0.utf16) }
        let seg = WordSegmenter(locale: "sq")
        var failures: [String] = []
        for c in 0...0xFFFF {
            let x = UInt16(c)
            var u: [UInt16] = [x]
            for ctx in contexts {
                u += ctx + [x] + ctx       // ctx c ctx
                u += [x, x] + ctx           // c c ctx
                u += ctx + [x, 0x301, x]    // ctx c ◌́ c
            }
            u += [0x20, x, 0x20, 0x61, x, 0x301, 0x62, 0x31, x, 0x32, 0x31, x, 0x301, 0x32, x]
            var lines: [UInt16] = []
            for ctx in contexts { lines += ctx + [x] + [0x0A] + [x] + ctx + [0x0A] + [x, 0x5F] + [0x0A] }
            for text in [u, lines] {
                let got = try seg.segments(text)
                let want = try WordBreaker.segments(text, locale: "sq")
                if let d = Self.difference(text, got, want) { failures.append("U+\(String(c, radix: 16)): \(d)") }
            }
            if failures.count > 200 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    // MARK: (b) the corpus

    static var corpusRoots: [String] {
        [TestData.repoRoot.appendingPathComponent("corpus").path,
         TestData.shared.appendingPathComponent("corpus-candidates").path]
    }

    /// All text of the corpus and the shared candidates as Ingest reads it (NFC, all formats), and every file
    /// that is valid UTF-8 as raw text (markup, CR LF).
    @Test func corpusIsIdentical() throws {
        var texts: [(String, String)] = []
        for root in Self.corpusRoots where FileManager.default.fileExists(atPath: root) {
            let report = Ingestor().read(paths: [root])
            for d in report.documents { texts.append((d.id, d.text)); texts.append((d.id + " (title)", d.title)) }
            if let e = FileManager.default.enumerator(atPath: root) {
                for case let rel as String in e {
                    let p = root + "/" + rel
                    guard let data = FileManager.default.contents(atPath: p), !data.isEmpty,
                          let s = String(validating: data, as: UTF8.self) else { continue }
                    texts.append((p + " (raw)", s))
                }
            }
        }
        #expect(texts.count > 300, "corpus not found: \(Self.corpusRoots)")
        #expect(texts.map(\.1.utf8.count).reduce(0, +) > 5_000_000)
        var failures: [String] = []
        let segmenters = ["sq", "en", "sr"].map { WordSegmenter(locale: $0) }
        for (name, text) in texts {
            for seg in segmenters {
                if let d = try Self.check(text, locale: seg.locale, segmenter: seg) { failures.append("\(name) [\(seg.locale)]: \(d)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    /// The analyzer's full output (tokens, offsets, forms, positions) is the same with ICU's iterator.
    @Test(arguments: [Language.sq, .en, .sr, .und])
    func analyzerOutputUnchanged(_ language: Language) throws {
        var texts: [String] = RandomText.strings(count: 300, seed: 7 &+ UInt64(language.rawValue.utf8.first!))
        // P0 mojibake repair (offsets mapped back to the input), P2 keywords, P4b/P4 joined compounds.
        texts += ["PÃ«r ligjin Ã«shtÃ« nÃ« fuqi, Ligji Nr. 06/L-082 dhe UA Nr. 03/2015; OJQ-tÃ« projekt-ligji",
                  "Ã§ka Ã‡ Ã‹ Ã« s'ka 😀 日本 KFOR-i e-mail d.m.th. 1.000,5"]
        for root in Self.corpusRoots where FileManager.default.fileExists(atPath: root) {
            texts += Ingestor().read(paths: [root]).documents.map(\.text)
        }
        #expect(texts.count > 300)
        let fast = try Analyzer(language: language)
        let reference = try Analyzer(language: language)
        reference.useICUWordBreaker = true
        var failures = 0
        for t in texts {
            let a = try fast.analyze(t), b = try reference.analyze(t)
            if a != b {
                failures += 1
                let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                Issue.record("analyze differs at token \(i) of \(t.prefix(80).debugDescription)")
            }
            var fa: [Analyzer.Indexed] = [], fb: [Analyzer.Indexed] = []
            try fast.forEachTerm(t) { fa.append($0) }
            try reference.forEachTerm(t) { fb.append($0) }
            if fa.map(\.position) != fb.map(\.position) || fa.map(\.terms) != fb.map(\.terms)
                || fa.map(\.folded) != fb.map(\.folded) || fa.map(\.kind) != fb.map(\.kind) {
                failures += 1
                Issue.record("forEachTerm differs on \(t.prefix(80).debugDescription)")
            }
            if failures > 5 { break }
        }
    }

    /// The hand-written UTF-8 → UTF-16 transcoder equals the standard library's.
    @Test func utf16ArrayMatchesStdlib() throws {
        var texts = RandomText.strings(count: 3000, seed: 99)
        texts += ["", "a", "ë", "€", "😀", "a😀ë€\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"]
        for root in Self.corpusRoots where FileManager.default.fileExists(atPath: root) {
            texts += Ingestor().read(paths: [root]).documents.prefix(50).map(\.text)
        }
        for t in texts { #expect(t.utf16Array() == Array(t.utf16)) }
    }

    /// The hand-written UTF-16 → String equals `String(decoding:as:)`, lone surrogates included.
    @Test func fromUTF16MatchesStdlib() throws {
        var units: [[UInt16]] = RandomText.strings(count: 3000, seed: 5).map { Array($0.utf16) }
        var rng = SeededRandom(seed: 11)
        for _ in 0..<3000 {   // random code units: lone and swapped surrogates, every range
            units.append((0..<Int.random(in: 0...12, using: &rng)).map { _ in
                [UInt16(0x61), 0xEB, 0x7FF, 0x800, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFF,
                 UInt16.random(in: 0...0xFFFF, using: &rng)].randomElement(using: &rng)!
            })
        }
        for u in units {
            let want = String(decoding: u, as: UTF16.self)
            let got = u.withUnsafeBufferPointer { String.fromUTF16($0) }
            #expect(got == want && Array(got.utf8) == Array(want.utf8), "\(u)")
        }
    }

    // MARK: (c) random text

    @Test(arguments: ["sq", "en", "sr", "root"])
    func randomTextIsIdentical(_ locale: String) throws {
        let strings = RandomText.strings(count: locale == "sq" ? 20_000 : 4_000, seed: 0x5EED &+ UInt64(locale.utf8.count))
        let seg = WordSegmenter(locale: locale)
        var failures: [String] = []
        var fellBack = 0, fast = 0
        for s in strings {
            if let d = try Self.check(s, locale: locale, segmenter: seg) { failures.append(d) }
            if s.utf16.contains(where: { WordSegmenter.table.classes[Int($0)] >= WordSegmenter.FB }) { fellBack += 1 } else { fast += 1 }
            if failures.count > 10 { break }
        }
        // Both paths are exercised.
        #expect(fellBack > strings.count / 10 && fast > strings.count / 10)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Another locale (tailored rules: `sv` keeps ':' in words) goes to ICU unchanged.
    @Test func tailoredLocaleUsesICU() throws {
        #expect(try Self.check("S:t a:b Ö:s", locale: "sv") == nil)
        let u = Array("S:t".utf16)
        #expect(try WordSegmenter(locale: "sv").segments(u).count == 1)
    }

    @Test func emptyAndTiny() throws {
        #expect(try WordSegmenter(locale: "sq").segments([]).isEmpty)
        for s in ["a", " ", "\r", "\n", "\r\n", "_", "\u{301}", "日", "😀", "\u{200D}", "1", "."] {
            #expect(try Self.check(s) == nil, "\(s.debugDescription)")
        }
        // A lone surrogate (not a valid String) goes to ICU.
        for u: [UInt16] in [[0xD800], [0x61, 0xDC00, 0x62], [0x61, 0xD83D, 0x20, 0x62]] {
            #expect(Self.difference(u, try WordSegmenter(locale: "sq").segments(u), try WordBreaker.segments(u, locale: "sq")) == nil)
        }
    }
}

/// Seeded random text for the equivalence tests: Albanian and Serbian letters, digits with their separators,
/// apostrophes, soft hyphens, combining marks, line ends and tabs, and some text that only ICU handles.
enum RandomText {
    static let pieces: [String] = [
        "a", "e", "Z", "ë", "Ë", "ç", "Ç", "sh", "dh", "xh", "č", "ć", "š", "ž", "đ", "Đ", "ш", "Ж", "љ", "ђ", "α", "Ω", "ß",
        "0", "1", "5", "9", "٣", "१",
        ".", ",", "'", "’", "‘", ":", ";", "_", "-", "/", "‐", "–", "—", "(", ")", "\"", "«", "»", "!", "?", "%", "@", "#",
        "·", "\u{2024}", "\u{FE55}", "\u{FF0C}", "\u{FF0E}", "\u{2027}", "\u{203F}", "\u{FF3F}",
        " ", " ", " ", " ", "  ", "\t", "\r", "\n", "\r\n", "\u{A0}", "\u{2000}", "\u{3000}", "\u{85}", "\u{2028}", "\u{B}", "\u{C}",
        "\u{AD}", "\u{301}", "\u{308}", "\u{327}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{200C}", "\u{E0001}", "\u{FE0F}",
        "e\u{308}", "c\u{327}",
        // ICU only (fallback)
        "日", "本語", "カタカナ", "ー", "ひらがな", "한국", "ᄀ", "😀", "👍🏽", "👨\u{200D}👩", "\u{200D}", "🇦🇱", "🇷🇸🇽🇰",
        "א", "שלום", "ג׳", "ไทย", "ລາວ", "ខ្មែរ", "မြန်", "©", "™", "𝐀", "𐐀", "🄰", "ꙮ",
    ]

    static func strings(count: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(seed: seed)
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let n = Int.random(in: 1...30, using: &rng)
            // Most strings only from the first (fast-path) part of the alphabet.
            let fallback = Int.random(in: 0..<4, using: &rng) == 0
            let limit = fallback ? pieces.count : pieces.firstIndex(of: "日")!
            var s = ""
            for _ in 0..<n {
                // Now and then any BMP scalar (every class in random company).
                if fallback, Int.random(in: 0..<8, using: &rng) == 0,
                   let x = Unicode.Scalar(UInt32.random(in: 0...0xFFFF, using: &rng)) {
                    s.unicodeScalars.append(x)
                } else {
                    s += pieces[Int.random(in: 0..<limit, using: &rng)]
                }
            }
            out.append(s)
        }
        return out
    }
}
