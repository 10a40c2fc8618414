import Foundation
import Indexing
import Ingest
import Storage
import Testing

/// Acceptance: every term's postings and positions read back from disk equal an in-memory reference
/// inverted index, on seeded random corpora and on corpus/.
@Suite("Postings read back equal the reference index")
struct ReferenceIndexTests {
    @Test("random corpora, several segments and merges", arguments: [UInt64(1), 2, 3])
    func randomCorpus(seed: UInt64) throws {
        let docs = Indexing_Tests_randomCorpus(seed: seed)
        try withTempDir { dir in
            var options = IndexWriter.Options()
            options.flushBytes = 300_000          // several flushes
            options.mergePolicy = TieredMergePolicy(segmentsPerTier: 2, mergeFactor: 3, floorBytes: 1 << 16)
            let w = try IndexWriter.open(directory: dir, options: options)
            for d in docs { try w.addOrReplace(d) }
            let info = try w.commit()
            #expect(info.documents == docs.count)
            w.close()
            let r = try IndexReader.open(directory: dir)
            #expect(r.documentCount == docs.count)
            #expect(r.segments.count > 1, "flushes should have made several segments")
            let reference = try referenceIndex(docs)
            #expect(reference["body.stem"]!.count > 500 && reference["body.exact"]!.count > 500)
            #expect(reference["body.stem"]!.values.contains { $0.count > 3 * blockSize })
            let diffs = try compare(reader: r, reference: reference)
            #expect(diffs.isEmpty, "\(diffs)")
        }
    }

    @Test("skip data: advance(to:) agrees with next() and block-max bounds hold")
    func skipping() throws {
        let docs = Indexing_Tests_randomCorpus(seed: 9)
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in docs { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            let r = try IndexReader.open(directory: dir)
            let seg = try #require(r.segments.first)
            var checked = 0
            try seg.terms(field: "body.stem") { term, info in
                guard info.docFreq > 300 else { return true }
                checked += 1
                // All docs via next().
                let all = try! seg.postings(field: "body.stem", term: term)!
                var list: [(UInt32, UInt32)] = []
                while try! all.next() != PostingsCursor.terminated {
                    list.append((all.doc, all.freq))
                    let e = try! all.currentSkipEntry()
                    #expect(e.maxFreq >= all.freq)
                    #expect(NormEncoding.decode(e.minNorm) <= seg.fieldLength(slot: 1, doc: Int(all.doc)))
                    #expect(e.lastDoc >= all.doc)
                }
                #expect(all.blockCount > 1)
                // advance(to:) to every 7th target lands on the first doc ≥ target.
                let c = try! seg.postings(field: "body.stem", term: term)!
                var target: UInt32 = 0
                while target < UInt32(seg.maxDoc) {
                    let d = try! c.advance(to: target)
                    let expected = list.first { $0.0 >= target }?.0 ?? PostingsCursor.terminated
                    #expect(d == expected, "\(term) target \(target)")
                    if d == PostingsCursor.terminated { break }
                    target = d + 7
                }
                return checked < 20
            }
            #expect(checked > 0)
        }
    }

    @Test("corpus/: every term read back equals the reference, stored documents round-trip")
    func corpus() throws {
        let docs = corpusDocuments
        #expect(docs.count > 50)
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in docs { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            let r = try IndexReader.open(directory: dir)
            #expect(r.documentCount == docs.count)
            let diffs = try compare(reader: r, reference: try referenceIndex(docs))
            #expect(diffs.isEmpty, "\(diffs)")
            for d in docs.prefix(40) { #expect(try r.storedDocument(id: d.id) == d) }
            let st = try r.stats()
            #expect(st.documents == docs.count && st.segments >= 1 && st.terms > 1000 && st.positions > 10_000)
            #expect(st.bytes["total"]! > 0 && st.bytes["postings"]! > 0)
            // Bits per doc id, frequency and position (re-encoded per block, as written).
            let ps = try r.segments.map { try $0.postingsStatistics() }.reduce(PostingsStatistics(), +)
            #expect(ps.postings == st.postings && ps.positions == st.positions)
            #expect(ps.bitsPerDocID > 1 && ps.bitsPerDocID < 16 && ps.bitsPerPosition < 24)
            let text = docs.reduce(0) { $0 + $1.text.utf8.count }
            print(String(format: "corpus/ index: %d docs, %d text bytes, %d index bytes (%@); postings %d: %.2f bits/doc id, %.2f bits/freq, %.2f bits/skip; positions %d: %.2f bits/position",
                         docs.count, text, st.bytes["total"]!, st.bytes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
                         ps.postings, ps.bitsPerDocID, ps.bitsPerFrequency, ps.bitsPerSkipPosting, ps.positions, ps.bitsPerPosition))
        }
    }
}

/// Wrapper so tests name the generator distinctly from the test method.
func Indexing_Tests_randomCorpus(seed: UInt64) -> [SourceDocument] { randomCorpus(seed: seed, documents: 700) }
