import Analysis
import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage
import Testing

/// `FieldAnalysis` remembers the postings writer's term id of each cached token analysis and adds repeated
/// tokens by id. These tests build the expected postings straight from `Analyzer.analyze` (no term ids, no
/// memo), so a stale or wrongly keyed id — across writers, across the analyzer cache forgetting everything,
/// across title and body — shows up as a wrong term or a missing position.
@Suite("Field analysis adds the analyzer's terms")
struct FieldAnalysisTests {
    /// field → term → [(doc, positions)] expected for plain analysis of `docs` numbered from 0.
    static func expectedPlain(_ docs: [SourceDocument]) throws -> [Int: [String: [UInt32: [UInt32]]]] {
        let a = try Analyzer(language: .und)
        var out: [Int: [String: [UInt32: [UInt32]]]] = [:]
        for (i, d) in docs.enumerated() {
            for (field, text) in [(IndexSchema.titleStem, d.title), (IndexSchema.bodyStem, d.text)] where !text.isEmpty {
                for t in try a.analyze(text) where !t.isStop {
                    for term in t.terms where !term.isEmpty {
                        var list = out[field, default: [:]][term, default: [:]][UInt32(i), default: []]
                        if list.last != UInt32(t.position) { list.append(UInt32(t.position)) }
                        out[field, default: [:]][term, default: [:]][UInt32(i)] = list
                    }
                }
            }
        }
        return out
    }

    /// What `p` holds for the title and body stem fields, in the shape of `expectedPlain`.
    static func actual(_ p: PostingsWriter) -> [Int: [String: [UInt32: [UInt32]]]] {
        var out: [Int: [String: [UInt32: [UInt32]]]] = [:]
        for field in [IndexSchema.titleStem, IndexSchema.bodyStem] {
            for term in p.terms(field: field) {
                let (docs, freqs, positions) = p.postings(field: field, term: term)!
                var k = 0
                for (j, d) in docs.enumerated() {
                    out[field, default: [:]][term, default: [:]][d] = Array(positions[k..<(k + Int(freqs[j]))])
                    k += Int(freqs[j])
                }
            }
        }
        return out
    }

    static func doc(_ i: Int, title: String, text: String) -> SourceDocument {
        SourceDocument(id: "d\(i)", path: "d\(i)", format: .text, title: title, lang: .en, text: text)
    }

    static let texts = [
        "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs, runs and runs.",
        "Ligji për qeverinë, projekt-ligji Nr. 06/L-082 dhe OJQ-të: ligji, ligji, qeveria.",
        "Dog fox dog fox — the title words come back in the body: quick, lazy, brown.",
        "",
        "Закон о општини и закон о влади; Đorđe Đorđević, ćevapi čevapi.",
    ]

    @Test("one writer, repeated tokens in title and body")
    func oneWriter() throws {
        let docs = Self.texts.enumerated().map { Self.doc($0.offset, title: "Quick fox \($0.offset) the dog", text: $0.element) }
        let fa = FieldAnalysis(mode: .plain)
        let p = PostingsWriter(fields: IndexSchema.schema.fields)
        for (i, d) in docs.enumerated() { _ = try fa.index(d, lang: .en, docID: UInt32(i), into: p) }
        let expected = try Self.expectedPlain(docs)
        #expect(expected[IndexSchema.bodyStem]!["fox"]!.count == 2)
        #expect(Self.actual(p) == expected)
    }

    @Test("one field analysis, a new writer after each batch (term ids are per writer)")
    func writerChanges() throws {
        let fa = FieldAnalysis(mode: .plain)
        for round in 0..<3 {
            // Different documents per round, so ids remembered from the previous writer would name other terms.
            let docs = Self.texts.indices.map { i in
                Self.doc(i, title: "round \(round)", text: Self.texts[(i + round) % Self.texts.count] + " extra\(round)")
            }
            let p = PostingsWriter(fields: IndexSchema.schema.fields)
            for (i, d) in docs.enumerated() { _ = try fa.index(d, lang: .en, docID: UInt32(i), into: p) }
            #expect(Self.actual(p) == (try Self.expectedPlain(docs)), "round \(round)")
        }
    }

    @Test("repeated tokens after the analyzer's cache forgot everything")
    func cacheReset() throws {
        // More distinct tokens than the analyzer caches (200,000), then tokens seen before the reset again:
        // their cache slots now hold other tokens.
        func word(_ n: Int) -> String {
            var n = n, s = "q"
            repeat { s.append(Character(UnicodeScalar(UInt8(97 + n % 26)))); n /= 26 } while n > 0
            return s
        }
        let distinct = (0..<205_000).map(word).joined(separator: " ")
        let again = (0..<50).map { word($0 * 7) }.joined(separator: " ") + " fox dog fox"
        let docs = [Self.doc(0, title: "fox", text: "fox dog " + distinct), Self.doc(1, title: "dog", text: again)]
        let fa = FieldAnalysis(mode: .plain)
        let p = PostingsWriter(fields: IndexSchema.schema.fields)
        for (i, d) in docs.enumerated() { _ = try fa.index(d, lang: .en, docID: UInt32(i), into: p) }
        let expected = try Self.expectedPlain(docs)
        let got = Self.actual(p)
        #expect(got[IndexSchema.bodyStem]?.count == expected[IndexSchema.bodyStem]?.count)
        #expect(got[IndexSchema.bodyStem]?["fox"] == [0: [0], 1: [50, 52]])
        #expect(got == expected)
    }
}
