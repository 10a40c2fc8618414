import Foundation
import Testing
import KerkoCore
@testable import Ingest

/// The hand-written act-number matchers (`ActMatcher`) give what ICU's regexes give: `Citations.candidate`
/// over whole texts, `ActNumber.find` against every pattern's regex, on the corpus and on generated strings
/// built from the patterns' pieces and the non-ASCII scalars that could fool a byte matcher.
@Suite struct ActMatcherTests {
    /// Letters (L), digits (\d) and spaces (\s) as ICU's regexes see them, for one scalar.
    static let icuLetter = try! NSRegularExpression(pattern: #"^\p{L}$"#)
    static let icuDigit = try! NSRegularExpression(pattern: #"^\d$"#)
    static let icuSpace = try! NSRegularExpression(pattern: #"^\s$"#)
    static func icuKind(_ s: String) -> ActMatcher.Kind {
        let r = NSRange(location: 0, length: (s as NSString).length)
        if icuLetter.firstMatch(in: s, range: r) != nil { return .letter }
        if icuDigit.firstMatch(in: s, range: r) != nil { return .digit }
        if icuSpace.firstMatch(in: s, range: r) != nil { return .space }
        return .other
    }

    @Test func scalarClassesAgreeWithICU() {
        // below U+0800 exactly; above, "none of these" only when ICU says so too
        var wrong: [String] = []
        var sureAbove = 0
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if v >= 0x800 && v % 7 != 0 && !(0x2000...0x3100).contains(v) && !(0xFB00...0xFF20).contains(v) { continue }
            let k = ActMatcher.classify(v)
            if v < 0x800 { #expect(k != nil); if k != Self.icuKind(String(u)) { wrong.append(String(v, radix: 16)) } }
            else if k == .other { sureAbove += 1; if Self.icuKind(String(u)) != .other { wrong.append(String(v, radix: 16)) } }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(40))")
        #expect(sureAbove > 1000)
        // the case-insensitive regexes take ſ for s and K (Kelvin) for k: the matcher must not decide those
        for (s, t) in [("unmi\u{212A}/REG/2003/10", "unmik/REG/2003/10"), ("Nr. Q\u{17F}-1/2019", "Nr. QS-1/2019")] {
            let r = Citations.candidate.matches(in: s, range: NSRange(location: 0, length: (s as NSString).length))
            #expect(r.count == 1, "\(s)")
            #expect(Citations.candidateRanges(in: s) == r.map(\.range))
            #expect(Citations.candidateRanges(in: t).count == 1)
        }
    }

    /// Strings made of the patterns' pieces, at random (seeded: the same strings each run).
    static let generated: [String] = {
        let pieces = ["nr", "No", "BR", "broj", "Broj", "bro", "n", "unmik", "UNMIK", "reg", "DIR", "ad", "AD", "L", "l",
                      "-", "/", "/", " ", " ", "  ", "\t", "\n", ".", ".", "1", "12", "123", "1234", "12345", "0", "19",
                      "20", "2019", "1999", "2003", "QRK", "ab", "AB", "ABCDEFG", "UA", "ë", "në", "ſ", "\u{212A}",
                      "\u{130}", "\u{131}", "\u{A0}", "\u{85}", "\u{663}", "\u{966}", "\u{FF11}", "x", "é", "\u{301}", "𝔸",
                      "“", ",", ";", "(", "а", "\u{2003}", "\u{3000}", "Ligji", "ligjit"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {   // SplitMix64 (Steele, Lea, Flood 2014)
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        var out: [String] = []
        for _ in 0..<30000 {
            var s = ""
            for _ in 0..<(2 + next(14)) { s += pieces[next(pieces.count)] }
            out.append(s)
        }
        return out
    }()

    static let handMade = [
        "Ligji Nr. 04/L-057, (Ligji nr.03/L-212); UNMIK/REG/2003/10 dhe UA (MAPL) Nr. 06/2018 “nr 2019/7” [QRK-15/2015]",
        "a/L-5 12/l - 7x 3/L-1234 br.QRK - 1/2015;no 12/2012/ 1/L-1/2 Zakona br. 03/L-212.", "broj 06/2018", "brnr 1/2019",
        "/ // 1/2019 ,2018/3, nr\n\n12 / 2019 Nr.ABC-1/2010 x-1/2010 ééé nr 1/1999 НР 1/2000", "nr.. 1/2019", "ënr 1/2019",
        "04/\u{A0}L-1", "12 /\tl-3", "UNMIK / dir / 1999 / 7", "unmik/ad/2001/3", "AB-1/2019", "2019/1", "1/2019", "a/b/c",
        "/L", "04/ L-057/2019", "Nr.06/2018/", "", "/", "nr QRK-1/2019", "nrQRK-1/2019", "No ab-12/2019", "1/L-12345",
        "\u{663}4/L-57", "4\u{663}/L-57", "4/L-5\u{663}", "nr 1/2019\u{663}", "ë4/L-1", "𝔸 4/L-1 𝔸", "nr\u{A0}1/2019",
        "br\u{301} 1/2019", "n\u{301}r 1/2019", "UNMIK/REG/2003/1234", "UNMIK/REG/203/12", "NR-1/2019", "Nr. NR-1/2019",
    ]

    @Test func candidateMatcherAgreesWithRegex() {
        var texts = Self.handMade + Self.generated
        texts += FastPathTests.corpusDocuments.map(\.text) + FastPathTests.corpusPieces
        var sure = 0, matched = 0
        for t in texts {
            let whole = Citations.candidate.matches(in: t, range: NSRange(location: 0, length: (t as NSString).length))
                .map(\.range)
            let fast = Citations.candidateRanges(in: t)
            #expect(fast == whole, "\(t.prefix(80).debugDescription)")
            #expect(Citations.candidateRanges(in: t, fast: false) == whole)
            var t = t
            let decided = t.withUTF8 { p -> Bool in var m = ActMatcher(p); return m.all { $0.candidate($1) } != nil }
            if decided { sure += 1; if !whole.isEmpty { matched += 1 } }
        }
        // most inputs are decided by the matcher, many with a match
        #expect(sure > texts.count / 2 && matched > 1000, "\(sure) \(matched)")
    }

    @Test func actNumberMatcherAgreesWithRegexes() {
        var texts = Self.handMade + Self.generated + FastPathTests.corpusPieces
        texts += FastPathTests.corpusDocuments.flatMap { d in d.citations.map(\.raw) + [d.title] }
        var decided = 0
        for t in texts {
            let b = ActNumber.find(in: t, prefilter: false)
            let a = ActNumber.find(in: t)
            #expect(a.map(\.number) == b.map(\.number) && a.map(\.range) == b.map(\.range), "\(t.prefix(80).debugDescription)")
            if let m = ActNumber.findByMatcher(t) {
                decided += 1
                #expect(m.map(\.number) == b.map(\.number) && m.map(\.range) == b.map(\.range), "\(t.prefix(80).debugDescription)")
            }
        }
        #expect(decided > texts.count / 2, "\(decided)")
    }
}

extension ActMatcherTests {
    static let labelledRegex = try! NSRegularExpression(
        pattern: #"(?<!\p{L})(?:nr|no|br|broj|number|numri)\s*[.:]?\s*([A-Z0-9][A-Za-z0-9 ./-]{2,24})"#,
        options: [.caseInsensitive])

    @Test func labelMatcherAgreesWithRegex() {
        var texts = Self.handMade + Self.generated + FastPathTests.corpusPieces
        texts += ["Number: 05/L-020 on", "Numri 12", "nr:ab", "NUMRI . x.1/2", "no  :  a", "broj", "nr 1",
                  "nr 1234567890123456789012345678", "ligjinr 04/L-1", "Nr.\u{A0}04/L-1", "Nr. ſ04", "Nr. 04 ſ 1",
                  "UDHËZIM ADMINISTRATIV (QRK) NR. 01/2019 PËR", "Ligji Nr. 04/L-057 për", "nr. 04/ L-057/2019 x"]
        for d in FastPathTests.corpusDocuments {
            texts.append(d.title)
            var acts: [RelatedAct] = d.amends
            acts += d.amendedBy; acts += d.repeals; acts += d.repealedBy; acts += d.related
            texts += acts.map(\.title)
        }
        var decided = 0, withLabel = 0
        for t in texts {
            let ns = t as NSString
            let regex = Self.labelledRegex.matches(in: t, range: NSRange(location: 0, length: ns.length))
                .map { ns.substring(with: $0.range(at: 1)) }
            if let tails = ActNumber.labelledTails(t) {
                decided += 1
                if !regex.isEmpty { withLabel += 1 }
                #expect(tails == regex, "\(t.prefix(80).debugDescription)")
            }
            #expect(ActNumber.fromTitle(t) == ActNumber.fromTitle(t, fast: false), "\(t.prefix(80).debugDescription)")
        }
        #expect(decided > texts.count / 2 && withLabel > 1000, "\(decided) \(withLabel)")
    }
}

extension ActMatcherTests {
    @Test func articlesPrefilterKeepsEveryArticle() {
        var texts = ["Neni 1\nQëllimi", "x\n  ČLAN 2. Y", "Член 3", "Section 4 - Z", "article 5", "Nenit 6", ""]
        texts += FastPathTests.corpusDocuments.map(\.text)
        var skipped = 0, found = 0
        for t in texts {
            let a = Articles.find(in: t), b = Articles.find(in: t, prefilter: false)
            #expect(a == b, "\(t.prefix(60).debugDescription)")
            found += b.count
            if !Articles.labelWords.contains(where: { w in t.utf8.count >= w.count && t.contains(String(decoding: w, as: UTF8.self)) }) { skipped += 1 }
        }
        #expect(skipped > 10 && found > 100, "\(skipped) \(found)")
    }
}

extension ActMatcherTests {
    @Test func institutionPrefilterKeepsEveryMatch() {
        var texts = ["Kuvendi i Republikës së Kosovës", "Qeveria e Kosovo", "Ministry of Health of kosovo", "Vlada Kosova", ""]
        texts += FastPathTests.corpusDocuments.map { $0.text.scalarPrefix(3000) } + FastPathTests.corpusPieces
        var skipped = 0, found = 0
        for t in texts {
            let a = Institution.find(in: t), b = Institution.find(in: t, prefilter: false)
            #expect(a == b, "\(t.prefix(60).debugDescription)")
            if b != nil { found += 1 }
            if !t.contains("Kosov") { skipped += 1 }
        }
        #expect(skipped > 100 && found > 10, "\(skipped) \(found)")
    }
}
