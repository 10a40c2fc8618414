import Foundation
import Indexing
import Storage
import Testing

/// Acceptance: flipping a byte in each file type is reported as corruption of that file — never a crash or
/// a wrong answer.
@Suite("Damaged files are reported, naming the file")
struct CorruptionTests {
    /// An index with two segments, deletions and a manifest: every file kind is present.
    func buildIndex(_ dir: URL) throws {
        let docs = randomCorpus(seed: 21, documents: 80)
        let w = try IndexWriter.open(directory: dir)
        for d in docs.prefix(40) { try w.addOrReplace(d) }
        try w.commit()
        for d in docs.suffix(40) { try w.addOrReplace(d) }
        try w.delete(id: docs[0].id)
        try w.commit()
        w.close()
    }

    @Test("a flipped byte at the start, middle and end of every file kind")
    func flips() throws {
        try withTempDir { dir in
            try buildIndex(dir)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "write.lock" }.sorted()
            var kinds = Set(files.map { $0 == "manifest" ? "manifest" : String($0.split(separator: ".").last!) })
            kinds.remove("tmp")
            #expect(kinds == ["manifest", "sgi", "tdi", "pst", "pos", "nrm", "doc", "del"], "\(files)")
            let reference = try referenceIndex(randomCorpus(seed: 21, documents: 80).dropFirst().map { $0 })
            for name in files {
                let url = dir.appendingPathComponent(name)
                let original = try Data(contentsOf: url)
                var rng = SeededRandom(seed: UInt64(original.count))
                let offsets = [0, 5, 9, original.count / 2, Int.random(in: 0..<original.count, using: &rng),
                               original.count - 12, original.count - 1]
                for o in offsets {
                    var damaged = original
                    damaged[o] ^= 0x5A
                    try damaged.write(to: url)
                    do {
                        let r = try IndexReader.open(directory: dir)
                        // Opening must not succeed with a wrong answer.
                        let diffs = try compare(reader: r, reference: reference)
                        Issue.record("\(name) with byte \(o) flipped opened; diffs: \(diffs.prefix(2))")
                    } catch let e as IndexError {
                        #expect(e.kind == .corrupt, "\(name)@\(o): \(e)")
                        #expect(e.description.contains(name), "\(name)@\(o): \(e)")
                    }
                    // The writer refuses it too (it verifies the commit it opens).
                    #expect(throws: IndexError.self) { let w = try IndexWriter.open(directory: dir); w.close() }
                }
                try original.write(to: url)
            }
            #expect(try IndexReader.open(directory: dir).documentCount == 79)
        }
    }

    @Test("a truncated file and a missing file are reported by name")
    func truncatedAndMissing() throws {
        try withTempDir { dir in
            try buildIndex(dir)
            let pst = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".pst") })
            let url = dir.appendingPathComponent(pst)
            let original = try Data(contentsOf: url)
            try original.prefix(original.count - 100).write(to: url)
            do { _ = try IndexReader.open(directory: dir); Issue.record("truncated file opened") } catch let e as IndexError {
                #expect(e.kind == .corrupt && e.description.contains(pst))
            }
            try FileManager.default.removeItem(at: url)
            do { _ = try IndexReader.open(directory: dir); Issue.record("missing file opened") } catch let e as IndexError {
                #expect(e.description.contains(pst))
            }
        }
    }
}

/// A term dictionary whose offsets and lengths are valid varints but sum past `Int.max` (a crafted or
/// damaged file with a correct checksum) is reported as corruption, not an arithmetic trap.
@Suite("Term dictionary offsets from disk")
struct TermDictionaryOffsetTests {
    @Test("postings offsets and lengths summing past Int.max are corruption")
    func offsetOverflow() throws {
        try withTempDir { dir in
            var w = FileFormat.begin(.terms)
            // Two terms "a" and "b" in one block: each entry is shared, suffix, bytes, df, ttf - df, pl, ql.
            for t in ["a", "b"] {
                w.writeVarint(0); w.writeVarint(1); w.writeBytes(Array(t.utf8))
                w.writeVarint(1); w.writeVarint(0); w.writeVarint(Int.max / 2); w.writeVarint(Int.max / 2)
            }
            let indexOffset = w.count - FileFormat.headerSize
            w.writeVarint(1)                                      // one block
            w.writeVarint(1); w.writeBytes(Array("a".utf8))       // its first term
            w.writeVarint(0); w.writeVarint(Int.max); w.writeVarint(Int.max)  // body offset, postings, positions
            w.writeUInt64(UInt64(indexOffset)); w.writeUInt64(2); w.writeUInt32(16)   // trailer (§4)
            let d = try MMapDirectory(path: dir.path)
            try d.write("x.tdi", FileFormat.finish(&w))
            let file = try d.open("x.tdi", kind: .terms)
            do {
                let r = try TermDictionaryReader(file: file)
                _ = try r.lookup(Array("b".utf8))
                Issue.record("offsets past Int.max were accepted")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt, "\(e)")
            }
            do {
                let r = try TermDictionaryReader(file: file)
                try r.allTerms { _, _ in true }
                Issue.record("offsets past Int.max were accepted")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt, "\(e)")
            }
        }
    }
}

/// Postings naming a document the segment does not have (a crafted or damaged segment with valid
/// checksums) are corruption: the search loops index norm tables by doc id without bounds checks.
@Suite("Postings doc ids past the segment")
struct PostingsDocRangeTests {
    func segment(_ dir: URL, field: Int, docs: [UInt32], maxDoc: Int) throws -> SegmentReader {
        let d = try MMapDirectory(path: dir.path)
        let b = SegmentBuilder(schema: IndexSchema.schema)
        for doc in docs { b.postings.add(field: field, term: "x", doc: doc, position: 0) }
        for i in 0..<maxDoc {
            b.finishDocument(key: DocumentKey(id: "d\(i)", contentHash: "", lang: "sq", type: "law"), stored: [0], lengths: [1, 1])
        }
        let info = try b.write(name: "s1", to: d)
        return try SegmentReader(Manifest.Entry(name: "s1", maxDoc: maxDoc, deletionGeneration: 0, deleted: 0, codec: info.codec), in: d)
    }

    @Test("a single-block list and a multi-block list past maxDoc are corruption")
    func pastMaxDoc() throws {
        // (The writer reads norms by doc id, so the multi-block case is a field without norms.)
        for (field, docs, maxDoc) in [(IndexSchema.bodyStem, [UInt32(5)], 1), (IndexSchema.cites, Array(UInt32(0)..<300), 200)] {
            try withTempDir { dir in
                let seg = try segment(dir, field: field, docs: docs, maxDoc: maxDoc)
                do {
                    let c = try seg.searchPostings(field: IndexSchema.schema.fields[field].name, term: "x")
                    var n = 0
                    try c?.next()
                    while let c, c.doc != SearchPostings.end { #expect(c.doc < maxDoc); n += 1; try c.next() }
                    Issue.record("\(docs.count) postings past maxDoc \(maxDoc) were read (\(n))")
                } catch let e as IndexError {
                    #expect(e.kind == .corrupt, "\(e)")
                }
                // The general cursor (filters, facets, the reference scorer, merges) refuses them too: facet
                // tables are indexed by doc id.
                do {
                    let c = try seg.postings(field: IndexSchema.schema.fields[field].name, term: "x")
                    var n = 0
                    while let c {
                        let x = try c.next()
                        if x == PostingsCursor.terminated { break }
                        #expect(Int(x) < maxDoc); n += 1
                    }
                    Issue.record("PostingsCursor: \(docs.count) postings past maxDoc \(maxDoc) were read (\(n))")
                } catch let e as IndexError {
                    #expect(e.kind == .corrupt, "\(e)")
                }
            }
        }
    }
}

/// Frequencies far larger than the positions file could hold (a crafted segment with valid checksums) are
/// corruption before any buffer is sized by them.
@Suite("Position counts from disk")
struct PositionCountTests {
    /// A real segment `s1` of 100 documents holding "x" in `body.exact` (freq 2, positions [0, 1]), whose one
    /// short block is then rewritten with a frequency of UInt32.max − 1 per document (~2^39 positions, 1.7 TB
    /// as UInt32s) and its dictionary entry with the new postings length and a positions length of `claimed`
    /// (nil: the real one, a few hundred bytes). Both files are written whole, so their checksums are valid.
    static func hugeFrequencies(in d: MMapDirectory, claimedPositionsLength claimed: Int?) throws
        -> (segment: SegmentReader, original: TermInfo) {
        let docs = 100
        let b = SegmentBuilder(schema: IndexSchema.schema)
        for i in 0..<docs {
            b.postings.add(field: IndexSchema.bodyExact, term: "x", doc: UInt32(i), freq: 2, positions: [0, 1])
            b.finishDocument(key: DocumentKey(id: "d\(i)", contentHash: "", lang: "sq", type: "law"), stored: [0], lengths: [1, 2])
        }
        let info = try b.write(name: "s1", to: d)
        let entry = Manifest.Entry(name: "s1", maxDoc: docs, deletionGeneration: 0, deleted: 0, codec: info.codec)
        let old = try #require(try SegmentReader(entry, in: d).termInfo(field: "body.exact", term: "x"))
        // The short block: gap << 1, then the frequency, per document.
        var body = ByteWriter()
        for i in 0..<docs { body.writeVarint(i == 0 ? 0 : 2); body.writeVarint(UInt64(UInt32.max - 1)) }
        var pst = FileFormat.begin(.postings)
        pst.writeBytes(body.bytes)
        try d.write("s1.pst", FileFormat.finish(&pst))
        var tdi = TermDictionaryWriter()
        tdi.add([UInt8(IndexSchema.bodyExact)] + Array("x".utf8),
                TermInfo(docFreq: docs, totalTermFreq: docs * Int(UInt32.max - 1), postingsOffset: 0,
                         postingsLength: body.bytes.count, positionsOffset: 0,
                         positionsLength: claimed ?? old.positionsLength))
        try d.write("s1.tdi", tdi.finish())
        return (try SegmentReader(entry, in: d), old)
    }

    @Test("frequencies summing to 2^39 positions are corruption, not a 2 TB allocation")
    func hugeFrequencies() throws {
        try withTempDir { dir in
            let seg = try Self.hugeFrequencies(in: try MMapDirectory(path: dir.path), claimedPositionsLength: nil).segment
            do {
                let c = try #require(try seg.searchPostings(field: "body.exact", term: "x"))
                try c.next()
                #expect(c.freq == Int(UInt32.max - 1))
                var out: [Int] = []
                try c.appendPositions(to: &out, shift: 0)
                Issue.record("positions of a 2^32 frequency were read (\(out.count))")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt, "\(e)")
            }
        }
    }

    @Test("the same frequencies with a positions length of 2^40 claimed by the dictionary are corruption of the .pos file, for both cursors")
    func hugeFrequenciesAndClaimedLength() throws {
        try withTempDir { dir in
            // A bound by the claimed length ((2^40 + 1) × 128) lets ~2^39 positions through; the .pos file
            // holds a few hundred bytes.
            let (seg, old) = try Self.hugeFrequencies(in: try MMapDirectory(path: dir.path), claimedPositionsLength: 1 << 40)
            #expect(try seg.termInfo(field: "body.exact", term: "x")?.positionsLength == 1 << 40)
            #expect(old.positionsLength < 1000)
            // The general cursor (merges, the reference scorer).
            do {
                let c = try #require(try seg.postings(field: "body.exact", term: "x"))
                #expect(try c.next() == 0)
                #expect(c.freq == UInt32.max - 1)
                let p = try c.positions()
                Issue.record("PostingsCursor: positions of 2^32 frequencies were read (\(p.count))")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt && e.description.contains("s1.pos") && e.description.contains("positions in a block"), "\(e)")
            }
            // The query side's cursor.
            do {
                let c = try #require(try seg.searchPostings(field: "body.exact", term: "x"))
                try c.next()
                #expect(c.doc == 0 && c.freq == Int(UInt32.max - 1))
                var out: [Int] = []
                try c.appendPositions(to: &out, shift: 0)
                Issue.record("SearchPostings: positions of 2^32 frequencies were read (\(out.count))")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt && e.description.contains("s1.pos") && e.description.contains("positions in a block"), "\(e)")
            }
        }
    }
}

/// A trailer `u64` (term dictionary's index offset and term count, document store's index offset) with its
/// top bit set — a damaged file read without checksums, or a crafted one — is reported as corruption, not a
/// trap converting it to `Int`.
@Suite("Trailer offsets past Int.max")
struct TrailerOverflowTests {
    // The term dictionary's trailer (§4) is u64 index offset, u64 term count, u32 terms per block: their
    // top bytes are 13, 5 and 1 bytes before the body's end.
    @Test("a term dictionary's or document store's trailer u64 ≥ 2^63 is corruption", arguments: [
        (".tdi", 13), (".tdi", 5), (".doc", 1),
    ])
    func topBit(suffix: String, fromEnd: Int) throws {
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in randomCorpus(seed: 5, documents: 20) { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix(suffix) })
            let url = dir.appendingPathComponent(name)
            var bytes = try Data(contentsOf: url)
            // The body's trailer ends just before the footer; `fromEnd` picks a little-endian u64's top byte.
            bytes[bytes.count - FileFormat.footerSize - fromEnd] |= 0x80
            try bytes.write(to: url)
            do {
                _ = try IndexReader.open(directory: dir, verifyChecksums: false)
                Issue.record("a trailer u64 past Int.max was accepted")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt && e.description.contains(name), "\(e)")
            }
        }
    }
}

/// The manifest's generation and next segment number are u64s: one past `Int.max` in a manifest whose checksum
/// is valid (crafted, since the manifest's checksum is always verified) is corruption, not a conversion trap.
struct ManifestOverflowTests {
    @Test("a manifest's generation or next segment number ≥ 2^63 is corruption", arguments: [7, 15])
    func topBit(byte: Int) throws {
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in randomCorpus(seed: 6, documents: 5) { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            let url = dir.appendingPathComponent("manifest")
            var v = [UInt8](try Data(contentsOf: url))
            // Body offset 0: u64 generation, 8: u64 next segment number (little-endian; `byte` is a top byte).
            v[16 + byte] |= 0x80
            let crc = CRC32C.checksum(Array(v[0..<(v.count - 8)])).littleEndian
            v.replaceSubrange((v.count - 8)..<(v.count - 4), with: withUnsafeBytes(of: crc) { Array($0) })
            try Data(v).write(to: url)
            do {
                _ = try IndexReader.open(directory: dir)
                Issue.record("a manifest u64 past Int.max was accepted")
            } catch let e as IndexError {
                #expect(e.kind == .corrupt && e.description.contains("manifest"), "\(e)")
            }
        }
    }
}
