import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage
import Testing

@Suite("IndexReader look-ups for the query side")
struct ReaderTests {
    @Test("keyword fields: exact, prefix and date-range look-ups across segments; stats by language and type")
    func keywords() throws {
        let docs = randomCorpus(seed: 31, documents: 200)
        try withTempDir { dir in
            var options = IndexWriter.Options()
            options.mergePolicy = TieredMergePolicy(segmentsPerTier: 100, mergeFactor: 10)
            let w = try IndexWriter.open(directory: dir, options: options)
            for (i, d) in docs.enumerated() {
                try w.addOrReplace(d)
                if i % 70 == 69 { try w.commit() }
            }
            try w.commit()
            w.close()
            let r = try IndexReader.open(directory: dir)
            #expect(r.segments.count == 3)
            // Exact: every type's postings are the documents of that type.
            for t in DocumentType.allCases {
                let expected = Set(docs.filter { $0.type == t }.map(\.id))
                let p = try r.postings(field: "type", term: t.rawValue)
                var got = Set<String>()
                while try p.next() { got.insert(r.key(p.doc)!.id) }
                #expect(got == expected, "type \(t)")
            }
            // Range: dates within 2010-01-01 … 2014-12-31, in byte order = date order.
            let inRange = Set(docs.compactMap(\.date).filter { $0 >= "2010-01-01" && $0 <= "2014-12-31" })
            #expect(Set(try r.terms(field: "date", from: "2010-01-01", through: "2014-12-31")) == inRange)
            // Prefix: years 201x.
            let years = Set(docs.compactMap { $0.date.map { String($0.prefix(4)) } }.filter { $0.hasPrefix("201") })
            #expect(Set(try r.terms(field: "year", prefix: "201")) == years)
            // Act numbers are lowercased keywords.
            if let n = docs.compactMap(\.number).first {
                #expect(try r.docFreq(field: "number", term: n.lowercased()) >= 1)
            }
            let st = try r.stats()
            #expect(st.documents == 200 && st.segments == 3 && st.generation == 3)
            #expect(st.types.values.reduce(0, +) == 200 && st.languages.values.reduce(0, +) == 200)
            #expect(Set(st.bytes.keys).isSuperset(of: ["terms", "postings", "positions", "norms", "documents", "segment_info", "manifest", "total"]))
            #expect(r.averageLength(slot: "body") > 10)
            // Stored documents by id and by global doc id agree; the id of every global doc id is its key's
            // (across the three segments), and ids outside 0..<maxDoc are nil, not a trap.
            for d in docs.prefix(10) {
                let g = try #require(r.globalDoc(id: d.id))
                #expect(try r.storedDocument(doc: g) == d)
                #expect(r.id(g) == d.id)
            }
            for g in 0..<r.maxDoc { #expect(r.id(g) == r.key(g)?.id) }
            for g in [-1, r.maxDoc, Int.max, Int.min] { #expect(r.id(g) == nil) }
        }
    }

    @Test("a reader without checksum verification opens the same commit")
    func unverified() throws {
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in randomCorpus(seed: 32, documents: 30) { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            #expect(try IndexReader.open(directory: dir, verifyChecksums: false).documentCount == 30)
            #expect(throws: IndexError.self) { _ = try IndexReader.open(directory: dir.appendingPathComponent("none")) }
        }
    }
}
