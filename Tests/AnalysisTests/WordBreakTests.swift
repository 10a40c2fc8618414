import Testing
import KerkoCore
@testable import Analysis

/// ANALYSIS.md §1.5 / §8.2: ICU word segments with their rule status, and the tokens after P4.
@Suite struct WordBreakTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var tokens: [(String, Int32)]
        var description: String { input }
    }

    static let cases: [Case] = {
        guard let text = try? TestData.text(TestData.fixture("wordbreak_cases.txt")) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let toks = parts[1].split(separator: "]").compactMap { chunk -> (String, Int32)? in
                guard let open = chunk.firstIndex(of: "[") else { return nil }
                let body = chunk[chunk.index(after: open)...]
                guard let bar = body.lastIndex(of: "|"), let st = Int32(body[body.index(after: bar)...]) else { return nil }
                return (String(body[..<bar]), st)
            }
            return Case(input: String(parts[0]), tokens: toks)
        }
    }()

    @Test func fixtureIsThere() { #expect(Self.cases.count == 8) }

    @Test(arguments: cases)
    func segments(_ c: Case) throws {
        let u = Array(c.input.utf16)
        let got = try WordBreaker.segments(u, locale: "sq").filter(\.isWord).map {
            (String(decoding: u[$0.start..<$0.end], as: UTF16.self), $0.ruleStatus)
        }
        #expect(got.map(\.0) == c.tokens.map(\.0))
        #expect(got.map(\.1) == c.tokens.map(\.1))
    }

    /// §8.2's "after P4" column: the normalized forms of the non-extra tokens, and the extra tokens.
    @Test(arguments: [
        ("OJQ-të dhe KQZ-ja, BE-së; KFOR-i", ["ojq", "dhe", "kqz", "be", "kfor"], [String]()),
        ("s'ka Ç’është ç'është", ["ka", "është", "është"], []),
        ("d.m.th. etj. p.sh.", ["dmth", "etj", "psh"], []),
        ("projekt-ligji e-mail 2023-2025", ["projekt", "ligji", "e", "mail", "2023", "2025"], ["projektligji", "email"]),
        ("Ligji Nr. 06/L-082 për Mbrojtjen", ["ligji", "nr", "06", "l", "082", "për", "mbrojtjen"], ["06/l-082"]),
    ])
    func afterP4(_ input: String, words: [String], extra: [String]) throws {
        let toks = try Analyzer(language: .sq).analyze(input)
        #expect(toks.filter { $0.kind == .word || $0.kind == .number }.map(\.normalized) == words)
        #expect(toks.filter { $0.kind == .keyword || $0.kind == .joined }.map(\.normalized) == extra)
    }

    @Test func abbreviationsAreStopWords() throws {
        let toks = try Analyzer(language: .sq).analyze("d.m.th. etj. p.sh.")
        #expect(toks.allSatisfy { $0.isStop })
    }
}
