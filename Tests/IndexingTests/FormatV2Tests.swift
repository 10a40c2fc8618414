import Foundation
import Indexing
@testable import Storage
import Testing

// Format version 2 (index/README.md §4–5, "Version history"): the fixed-width skip table read in place, the
// term dictionary's block size in its trailer, and version-1 indexes refused with how to rebuild them.

/// Rewrites bytes of an index file and recomputes its CRC-32C (§2): a crafted file, or damage the checksum
/// does not see, so that the bytes reach the decoders.
private func patch(_ url: URL, _ edit: (inout [UInt8]) throws -> Void) throws {
    var v = [UInt8](try Data(contentsOf: url))
    try edit(&v)
    let crc = CRC32C.checksum(Array(v[0..<(v.count - 8)])).littleEndian
    v.replaceSubrange((v.count - 8)..<(v.count - 4), with: withUnsafeBytes(of: crc) { Array($0) })
    try Data(v).write(to: url)
}

private func put32(_ v: inout [UInt8], _ o: Int, _ x: UInt32) {
    for k in 0..<4 { v[o + k] = UInt8(truncatingIfNeeded: x >> UInt32(8 * k)) }
}

private func put64(_ v: inout [UInt8], _ o: Int, _ x: UInt64) {
    for k in 0..<8 { v[o + k] = UInt8(truncatingIfNeeded: x >> UInt64(8 * k)) }
}

private func get32(_ v: [UInt8], _ o: Int) -> UInt32 {
    (0..<4).reduce(UInt32(0)) { $0 | UInt32(v[o + $1]) << UInt32(8 * $1) }
}

private func get64(_ v: [UInt8], _ o: Int) -> UInt64 {
    (0..<8).reduce(UInt64(0)) { $0 | UInt64(v[o + $1]) << UInt64(8 * $1) }
}

/// Runs `body`, which must fail with `IndexError.corrupt` naming `file` (and saying `reason`, when given).
private func expectCorrupt(_ file: String, _ what: String, reason: String? = nil, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("\(what): read without error")
    } catch let e as IndexError {
        #expect(e.kind == .corrupt && e.description.contains(file), "\(what): \(e)")
        if let reason { #expect(e.description.contains(reason), "\(what): \(e)") }
    } catch {
        Issue.record("\(what): \(error)")
    }
}

/// Reads a whole list with the query side's cursor: every doc, frequency and (with positions) position.
private func readSearch(_ seg: SegmentReader, _ field: String, _ term: String) throws -> [(Int, Int, [Int])] {
    guard let c = try seg.searchPostings(field: field, term: term) else { return [] }
    var out: [(Int, Int, [Int])] = []
    try c.next()
    while c.doc != SearchPostings.end {
        var p: [Int] = []
        try c.appendPositions(to: &p, shift: 0)
        out.append((c.doc, c.freq, p))
        try c.next()
    }
    return out
}

/// Reads a whole list with the general cursor (merges, filters, the reference comparison).
private func readCursor(_ seg: SegmentReader, _ field: String, _ term: String) throws -> [(Int, Int, [Int])] {
    guard let c = try seg.postings(field: field, term: term) else { return [] }
    var out: [(Int, Int, [Int])] = []
    while try c.next() != PostingsCursor.terminated {
        out.append((Int(c.doc), Int(c.freq), try c.positions().map(Int.init)))
    }
    return out
}

@Suite("Format version 2: skip tables and term dictionary blocks round-trip")
struct FormatV2RoundTripTests {
    /// Every combination the table's optional columns have: positions, freqs, docs; normed or not.
    static let schema = Schema(fields: [
        FieldInfo(number: 0, name: "pos.normed", options: .positions, normSlot: 0),
        FieldInfo(number: 1, name: "pos", options: .positions, normSlot: nil),
        FieldInfo(number: 2, name: "freqs.normed", options: .freqs, normSlot: 0),
        FieldInfo(number: 3, name: "freqs", options: .freqs, normSlot: nil),
        FieldInfo(number: 4, name: "docs.normed", options: .docs, normSlot: 0),
        FieldInfo(number: 5, name: "docs", options: .docs, normSlot: nil),
    ], normSlots: ["length"])

    struct Posting { var doc: UInt32; var freq: UInt32; var positions: [UInt32] }

    @Test("terms of 1, 2, 128, 129, 300 and 3000 documents in every kind of field: docs, freqs, positions and skip entries as written")
    func roundTrip() throws {
        let maxDoc = 4000
        let counts = [1, 2, 128, 129, 300, 3000]
        var rng = SeededRandom(seed: 2026)
        let lengths = (0..<maxDoc).map { _ in Int(rng.next() % 5000) }
        // Per field and count, a term "n<count>" on a random subset of documents.
        var written: [String: [Posting]] = [:]
        try withTempDir { dir in
            let d = try MMapDirectory(path: dir.path)
            let b = SegmentBuilder(schema: Self.schema)
            for f in Self.schema.fields {
                for n in counts {
                    var docs = Set<UInt32>()
                    while docs.count < n { docs.insert(UInt32(rng.next() % UInt64(maxDoc))) }
                    var list: [Posting] = []
                    for doc in docs.sorted() {
                        // Mostly small frequencies, now and then one past a codec block of positions.
                        let freq = rng.next() % 40 == 0 ? 150 + Int(rng.next() % 200) : 1 + Int(rng.next() % 4)
                        var ps = Set<UInt32>()
                        if f.options == .positions { while ps.count < freq { ps.insert(UInt32(rng.next() % 100_000)) } }
                        let p = Posting(doc: doc, freq: f.options == .docs ? 1 : UInt32(freq), positions: ps.sorted())
                        b.postings.add(field: f.number, term: "n\(n)", doc: doc, freq: p.freq, positions: p.positions)
                        list.append(p)
                    }
                    written["\(f.name) \(n)"] = list
                }
            }
            for i in 0..<maxDoc {
                b.finishDocument(key: DocumentKey(id: "d\(i)", contentHash: "", lang: "sq", type: "law"), stored: [0],
                                 lengths: [lengths[i]])
            }
            let info = try b.write(name: "s1", to: d)
            let seg = try SegmentReader(Manifest.Entry(name: "s1", maxDoc: maxDoc, deletionGeneration: 0, deleted: 0,
                                                       codec: info.codec), in: d)
            #expect(seg.terms.termsPerBlock == TermDictionaryWriter.blockTerms)
            for f in Self.schema.fields {
                for n in counts {
                    let term = "n\(n)", key = "\(f.name) \(n)"
                    let expected = try #require(written[key])
                    let ti = try #require(try seg.termInfo(field: f.name, term: term))
                    #expect(ti.docFreq == n, "\(key)")
                    let want = expected.map { (Int($0.doc), Int($0.freq), f.options == .positions ? $0.positions.map(Int.init) : []) }
                    let same = { (a: [(Int, Int, [Int])]) in a.count == want.count && zip(a, want).allSatisfy { $0 == $1 } }
                    #expect(same(try readCursor(seg, f.name, term)), "\(key): PostingsCursor")
                    #expect(same(try readSearch(seg, f.name, term)), "\(key): SearchPostings")

                    // Skip entries: each block's last doc, largest frequency and smallest norm byte as written,
                    // and the doc and positions lengths adding up to the term's bytes after the table.
                    let blocks = (n + blockSize - 1) / blockSize
                    let c = try #require(try seg.postings(field: f.name, term: term))
                    let s = try #require(try seg.searchPostings(field: f.name, term: term))
                    #expect(c.blockCount == blocks && s.blockCount == blocks, "\(key)")
                    var entries: [SkipEntry] = []
                    for k in 0..<blocks {
                        let block = expected[(k * blockSize)..<min(n, (k + 1) * blockSize)]
                        let minNorm = f.normSlot == nil ? 0 : block.map { NormEncoding.encode(lengths[Int($0.doc)]) }.min()!
                        entries.append(SkipEntry(lastDoc: block.last!.doc, docBytes: 0, positionBytes: 0,
                                                 maxFreq: f.options == .docs ? 1 : block.map(\.freq).max()!, minNorm: minNorm))
                        #expect(s.lastDoc(k) == Int(block.last!.doc), "\(key) block \(k)")
                    }
                    if blocks > 1 {
                        let got = c.skipEntries
                        #expect(got.map(\.lastDoc) == entries.map(\.lastDoc), "\(key)")
                        #expect(got.map(\.maxFreq) == entries.map(\.maxFreq), "\(key)")
                        #expect(got.map(\.minNorm) == entries.map(\.minNorm), "\(key)")
                        let table = blocks * (8 + (f.options == .positions ? 8 : 0) + (f.options != .docs ? 4 : 0)
                                              + (f.normSlot != nil ? 1 : 0))
                        #expect(got.reduce(0) { $0 + $1.docBytes } == ti.postingsLength - table, "\(key)")
                        #expect(got.allSatisfy { $0.docBytes > 0 }, "\(key)")
                        #expect(got.reduce(0) { $0 + $1.positionBytes } == ti.positionsLength, "\(key)")
                    } else {
                        let e = try c.currentSkipEntry()
                        #expect(e.lastDoc == entries[0].lastDoc && e.maxFreq == entries[0].maxFreq
                                && e.minNorm == entries[0].minNorm, "\(key)")
                    }
                    // advance(to:) lands on the first doc ≥ target, in both cursors.
                    let docs = expected.map { Int($0.doc) }
                    let a = try #require(try seg.searchPostings(field: f.name, term: term))
                    let g = try #require(try seg.postings(field: f.name, term: term))
                    var target = 0
                    while target < maxDoc {
                        let want = docs.first { $0 >= target }
                        try a.advance(to: target)
                        let x = try g.advance(to: UInt32(target))
                        #expect(a.doc == (want ?? SearchPostings.end), "\(key) target \(target)")
                        #expect(x == want.map(UInt32.init) ?? PostingsCursor.terminated, "\(key) target \(target)")
                        guard let w = want else { break }
                        target = w + 1 + Int(rng.next() % 300)
                    }
                }
            }
        }
    }

    @Test("the term dictionary takes its block size from the trailer, not the writer's constant")
    func blockSizeFromTrailer() throws {
        let keys = (0..<1000).map { Array("k\(String($0, radix: 5))".utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var w = TermDictionaryWriter()
        for (i, k) in keys.enumerated() {
            w.add(k, TermInfo(docFreq: i + 1, totalTermFreq: i + 1, postingsOffset: i, postingsLength: 1,
                              positionsOffset: 0, positionsLength: 0))
        }
        let bytes = w.finish()
        // The trailer is the body's last 20 bytes: u64 index offset, u64 term count, u32 terms per block.
        let end = bytes.count - FileFormat.footerSize
        #expect(get64(bytes, end - 12) == 1000)
        #expect(get32(bytes, end - 4) == UInt32(TermDictionaryWriter.blockTerms))
        let dir = MemoryDirectory()
        try dir.write("x.tdi", bytes)
        let r = try TermDictionaryReader(file: dir.open("x.tdi", kind: .terms))
        #expect(r.termsPerBlock == 16 && r.termCount == 1000)
        for (i, k) in keys.enumerated() { #expect(try r.lookup(k)?.docFreq == i + 1) }
        var all: [[UInt8]] = []
        try r.allTerms { t, _ in all.append(t); return true }
        #expect(all == keys)
    }
}

/// Skip tables and trailers that pass the checksum but disagree with the postings they describe (a crafted
/// segment, or damage that the CRC did not catch) are `IndexError.corrupt` naming the file — through the
/// real segment reader and both cursors, never a crash, an out-of-bounds read or an endless loop.
@Suite("Format version 2: damaged skip tables and trailers are corruption")
struct FormatV2CorruptionTests {
    static let maxDoc = 700
    /// 600 documents: 5 blocks, so a table of 5 entries (§5).
    static let docs = (0..<600).map { UInt32($0 + $0 / 6) }

    /// Segment `s1` with term "x" in `body.stem` (positions, normed: table columns lastDoc, docEnd, posEnd,
    /// maxFreq, minNorm) and in `cites` (docs only, unnormed: lastDoc, docEnd).
    func build(_ dir: URL) throws -> String {
        let d = try MMapDirectory(path: dir.path)
        let b = SegmentBuilder(schema: IndexSchema.schema)
        for doc in Self.docs {
            b.postings.add(field: IndexSchema.bodyStem, term: "x", doc: doc, freq: 3, positions: [doc % 5, 7, 300 + doc])
            b.postings.add(field: IndexSchema.cites, term: "x", doc: doc, freq: 1, positions: [])
        }
        for i in 0..<Self.maxDoc {
            b.finishDocument(key: DocumentKey(id: "d\(i)", contentHash: "", lang: "sq", type: "law"), stored: [0],
                             lengths: [1, 1000 + i])
        }
        return try b.write(name: "s1", to: d).codec
    }

    func open(_ dir: URL, codec: String) throws -> SegmentReader {
        try SegmentReader(Manifest.Entry(name: "s1", maxDoc: Self.maxDoc, deletionGeneration: 0, deleted: 0, codec: codec),
                          in: try MMapDirectory(path: dir.path))
    }

    /// Where the query side's cursor must refuse a damaged list: when it is opened (the checks of the table's
    /// extent and last entry), or after returning exactly `docs` documents — when the first bad block loads
    /// or its positions are read, before any of its documents is returned.
    enum Refusal: Equatable { case atOpen, after(docs: Int) }

    /// A fresh segment, `edit` applied to the bytes of `field`'s table of "x" in `s1.pst` (offset of the
    /// table in the file, its term info); then the query side's cursor must refuse the list as `refusal`
    /// says, and the general cursor (which materialises and checks the whole table) when opened.
    func expectTableRefused(_ what: String, field: String, _ refusal: Refusal,
                            _ edit: (inout [UInt8], Int, TermInfo) -> Void) throws {
        try withTempDir { dir in
            let codec = try build(dir)
            let ti = try #require(try open(dir, codec: codec).termInfo(field: field, term: "x"))
            // The unchanged segment reads.
            #expect(try readSearch(try open(dir, codec: codec), field, "x").count == Self.docs.count)
            try patch(dir.appendingPathComponent("s1.pst")) { edit(&$0, FileFormat.headerSize + ti.postingsOffset, ti) }
            let seg = try open(dir, codec: codec)
            var returned = -1
            expectCorrupt("s1.pst", "\(what), SearchPostings") {
                let c = try #require(try seg.searchPostings(field: field, term: "x"))
                returned = 0
                try c.next()
                while c.doc != SearchPostings.end {
                    var p: [Int] = []
                    try c.appendPositions(to: &p, shift: 0)
                    returned += 1
                    try c.next()
                }
            }
            #expect((returned < 0 ? .atOpen : .after(docs: returned)) == refusal, "\(what): \(returned) documents returned")
            expectCorrupt("s1.pst", "\(what), PostingsCursor") { _ = try seg.postings(field: field, term: "x") }
        }
    }

    // body.stem's table of K = 5: lastDoc at 0, docEnd at 20, posEnd at 40, maxFreq at 80, minNorm at 100.
    static let k = 5

    @Test("a last block's lastDoc at or past maxDoc")
    func lastDocPastMaxDoc() throws {
        try expectTableRefused("lastDoc[4] = maxDoc", field: "body.stem", .atOpen) { v, t, _ in put32(&v, t + 16, UInt32(Self.maxDoc)) }
        try expectTableRefused("lastDoc[4] = 2^32 − 1", field: "cites", .atOpen) { v, t, _ in put32(&v, t + 16, UInt32.max) }
    }

    @Test("a middle block's lastDoc at or past maxDoc, and lastDocs not increasing")
    func lastDocNotIncreasing() throws {
        try expectTableRefused("lastDoc[2] = maxDoc", field: "body.stem", .after(docs: 256)) { v, t, _ in put32(&v, t + 8, UInt32(Self.maxDoc)) }
        try expectTableRefused("lastDoc[1] = lastDoc[0]", field: "body.stem", .after(docs: 128)) { v, t, _ in put32(&v, t + 4, get32(v, t)) }
        try expectTableRefused("lastDoc[3] = 0", field: "cites", .after(docs: 384)) { v, t, _ in put32(&v, t + 12, 0) }
    }

    @Test("docEnd past the term's postings, at the last block and in the middle")
    func docEndPastPostings() throws {
        try expectTableRefused("docEnd[4] + 1", field: "body.stem", .atOpen) { v, t, _ in put32(&v, t + 20 + 16, get32(v, t + 20 + 16) + 1) }
        try expectTableRefused("docEnd[2] = 2^32 − 1", field: "body.stem", .after(docs: 256)) { v, t, _ in put32(&v, t + 20 + 8, UInt32.max) }
        try expectTableRefused("docEnd[4] = term's bytes", field: "cites", .atOpen) { v, t, ti in put32(&v, t + 20 + 16, UInt32(ti.postingsLength)) }
    }

    @Test("docEnd decreasing")
    func docEndDecreasing() throws {
        try expectTableRefused("docEnd[1] = docEnd[0] − 1", field: "body.stem", .after(docs: 128)) { v, t, _ in put32(&v, t + 20 + 4, get32(v, t + 20) - 1) }
        try expectTableRefused("docEnd[3] = 0", field: "cites", .after(docs: 384)) { v, t, _ in put32(&v, t + 20 + 12, 0) }
    }

    @Test("posEnd past the term's positions or decreasing")
    func posEndPastPositions() throws {
        try expectTableRefused("posEnd[4] = positionsLength + 1", field: "body.stem", .atOpen) { v, t, ti in
            put64(&v, t + 40 + 32, UInt64(ti.positionsLength + 1))
        }
        try expectTableRefused("posEnd[2] = 2^64 − 1", field: "body.stem", .after(docs: 256)) { v, t, _ in put64(&v, t + 40 + 16, UInt64.max) }
        try expectTableRefused("posEnd[2] = posEnd[1] − 1", field: "body.stem", .after(docs: 256)) { v, t, _ in
            put64(&v, t + 40 + 16, get64(v, t + 40 + 8) - 1)
        }
    }

    @Test("a skip table larger than the term's postings (a dictionary entry claiming more documents)")
    func tableLargerThanPostings() throws {
        try withTempDir { dir in
            let codec = try build(dir)
            let seg0 = try open(dir, codec: codec)
            // The dictionary rewritten with the same terms, "x" of body.stem given so many documents that its
            // table (21 bytes per block of 128) cannot fit in its postings.
            var tdi = TermDictionaryWriter()
            let key = [UInt8(IndexSchema.bodyStem)] + Array("x".utf8)
            try seg0.terms.allTerms { t, info in
                var i = info
                if t == key { i.docFreq = 128 * (info.postingsLength / 21 + 1); i.totalTermFreq = 3 * i.docFreq }
                tdi.add(t, i)
                return true
            }
            try MMapDirectory(path: dir.path).write("s1.tdi", tdi.finish())
            let seg = try open(dir, codec: codec)
            // Refused for its size, before any entry is read (the entries' own checks might catch some
            // of the bytes past the term, but reading them is already out of the term's bounds).
            let size = "larger than the term's"
            expectCorrupt("s1.pst", "SearchPostings", reason: size) { _ = try seg.searchPostings(field: "body.stem", term: "x") }
            expectCorrupt("s1.pst", "PostingsCursor", reason: size) { _ = try seg.postings(field: "body.stem", term: "x") }
        }
    }

    @Test("advance(to:) over lastDocs out of order ends, moves forward, or reports corruption")
    func advanceOverUnorderedTable() throws {
        // lastDoc[1] raised to maxDoc − 1 and lastDoc[2] lowered below lastDoc[0]: the gallop and binary search
        // see an unsorted column. Whatever block they pick, a loaded block is checked against its neighbours'
        // lastDocs, so every doc returned is ≥ its target and above the previous one, or the list is corrupt.
        for targets in [[0, 130, 400, 699], Array(stride(from: 0, to: 700, by: 37)), [500], [200, 201, 202, 650]] {
            try withTempDir { dir in
                let codec = try build(dir)
                let ti = try #require(try open(dir, codec: codec).termInfo(field: "body.stem", term: "x"))
                try patch(dir.appendingPathComponent("s1.pst")) { v in
                    let t = FileFormat.headerSize + ti.postingsOffset
                    put32(&v, t + 4, UInt32(Self.maxDoc - 1))
                    put32(&v, t + 8, 3)
                }
                let seg = try open(dir, codec: codec)
                let c = try #require(try seg.searchPostings(field: "body.stem", term: "x"))
                var last = -1
                do {
                    for target in targets {
                        try c.advance(to: target)
                        if c.doc == SearchPostings.end { break }
                        #expect(c.doc >= target && c.doc > last && c.doc < Self.maxDoc, "target \(target): \(c.doc)")
                        last = c.doc
                    }
                    while c.doc != SearchPostings.end {
                        try c.next()
                        #expect(c.doc > last)
                        last = c.doc
                    }
                } catch let e as IndexError {
                    #expect(e.kind == .corrupt && e.description.contains("s1.pst"), "\(e)")
                }
            }
        }
    }

    /// The term dictionary's trailer with its terms-per-block field set to `value`.
    func expectTrailerRefused(_ value: UInt32) throws {
        try withTempDir { dir in
            let codec = try build(dir)
            try patch(dir.appendingPathComponent("s1.tdi")) { v in
                let end = v.count - FileFormat.footerSize
                #expect(get32(v, end - 4) == UInt32(TermDictionaryWriter.blockTerms))
                put32(&v, end - 4, value)
            }
            expectCorrupt("s1.tdi", "\(value) terms per block") { _ = try open(dir, codec: codec) }
        }
    }

    @Test("a segment's terms-per-block of 0 or past 4096")
    func badTermsPerBlock() throws {
        for v: UInt32 in [0, 4097, 1 << 31, UInt32.max] { try expectTrailerRefused(v) }
    }

    /// A dictionary of 100 terms t000…t099 in the writer's blocks of 16 (7 blocks, the last of 4).
    static func hundredTerms() -> [UInt8] {
        var w = TermDictionaryWriter()
        for i in 0..<100 {
            w.add(Array(String(format: "t%03d", i).utf8), TermInfo(docFreq: 1, totalTermFreq: 1, postingsOffset: i,
                                                                   postingsLength: 1, positionsOffset: 0, positionsLength: 0))
        }
        return w.finish()
    }

    @Test("a terms-per-block inconsistent with the term count and the number of blocks")
    func inconsistentTermsPerBlock() throws {
        // A dictionary of 100 terms in blocks of 16 has 7 blocks: a trailer saying 32 (4 blocks) or 8
        // (13 blocks) disagrees with its index.
        let bytes = Self.hundredTerms()
        try withTempDir { dir in
            let url = dir.appendingPathComponent("x.tdi")
            for value: UInt32 in [8, 32, 1, 4096] {
                try Data(bytes).write(to: url)
                try patch(url) { put32(&$0, $0.count - FileFormat.footerSize - 4, value) }
                let d = try MMapDirectory(path: dir.path)
                expectCorrupt("x.tdi", "\(value) terms per block") { _ = try TermDictionaryReader(file: d.open("x.tdi", kind: .terms)) }
            }
            try Data(bytes).write(to: url)
            let r = try TermDictionaryReader(file: MMapDirectory(path: dir.path).open("x.tdi", kind: .terms))
            #expect(r.termsPerBlock == 16 && r.termCount == 100)
        }
    }

    @Test("a terms-per-block or term count that gives the same number of blocks but disagrees with the last block")
    func trailerAgreeingWithBlockCount() throws {
        // 100 terms in blocks of 16 are 7 blocks; so are blocks of 15 and counts of 97…99. Read with T = 15, a
        // look-up of every 16th term found nothing and scans gave terms the offsets of the next block's first;
        // with a count of 97, the last three terms were missing from look-ups, scans and merges — no error.
        let bytes = Self.hundredTerms()
        try withTempDir { dir in
            let url = dir.appendingPathComponent("x.tdi")
            // (offset from the body's end, value): terms per block (u32 at −4), term count (u64 at −12).
            for (field, value): (Int, UInt32) in [(4, 15), (12, 97), (12, 98), (12, 99)] {
                try Data(bytes).write(to: url)
                try patch(url) { put32(&$0, $0.count - FileFormat.footerSize - field, value) }
                let d = try MMapDirectory(path: dir.path)
                expectCorrupt("x.tdi", "trailer at −\(field) = \(value)", reason: "last term block") {
                    _ = try TermDictionaryReader(file: d.open("x.tdi", kind: .terms))
                }
            }
        }
        // The same through a segment: 40 terms of `cites` are 3 blocks of 16, and of 14, 15, 17, 18 or 19.
        try withTempDir { dir in
            let d = try MMapDirectory(path: dir.path)
            let b = SegmentBuilder(schema: IndexSchema.schema)
            for t in 0..<40 { b.postings.add(field: IndexSchema.cites, term: String(format: "t%02d", t), doc: 0, freq: 1, positions: []) }
            b.finishDocument(key: DocumentKey(id: "d0", contentHash: "", lang: "sq", type: "law"), stored: [0], lengths: [1, 1])
            let codec = try b.write(name: "s1", to: d).codec
            let entry = Manifest.Entry(name: "s1", maxDoc: 1, deletionGeneration: 0, deleted: 0, codec: codec)
            let url = dir.appendingPathComponent("s1.tdi")
            let original = try Data(contentsOf: url)
            for value: UInt32 in [14, 15, 17, 18, 19] {
                try original.write(to: url)
                try patch(url) { put32(&$0, $0.count - FileFormat.footerSize - 4, value) }
                expectCorrupt("s1.tdi", "\(value) terms per block", reason: "last term block") {
                    _ = try SegmentReader(entry, in: try MMapDirectory(path: dir.path))
                }
            }
            try original.write(to: url)
            let seg = try SegmentReader(entry, in: d)
            for t in 0..<40 { #expect(try seg.termInfo(field: "cites", term: String(format: "t%02d", t)) != nil) }
        }
    }
}

@Suite("Format version 2: the writer's limits and the previous version")
struct FormatV2VersionTests {
    @Test("a term whose doc blocks exceed what the skip table addresses fails the write, leaving no file")
    func docBlocksTooLarge() throws {
        try withTempDir { dir in
            let d = try MMapDirectory(path: dir.path)
            let b = SegmentBuilder(schema: IndexSchema.schema)
            for doc in 0..<300 {
                b.postings.add(field: IndexSchema.cites, term: "x", doc: UInt32(doc), freq: 1, positions: [])
                b.finishDocument(key: DocumentKey(id: "d\(doc)", contentHash: "", lang: "sq", type: "law"), stored: [0],
                                 lengths: [1, 1])
            }
            // Three blocks of consecutive documents take a few bytes (a header byte or two per block): a limit
            // of 2 bytes stands in for 2³² − 1.
            do {
                _ = try b.write(name: "s1", to: d, encoder: BlockEncoders.default, docBlockLimit: 2)
                Issue.record("a term past the limit was written")
            } catch let e as IndexError {
                #expect(e.kind == .invalidArgument && e.description.contains("s1.pst") && e.description.contains("skip table"), "\(e)")
            }
            #expect(try d.list().isEmpty)
            // The same postings within the limit are written.
            _ = try b.write(name: "s2", to: d)
        }
    }

    @Test("an index written in format version 1 is unsupported, and the message says how to rebuild it")
    func versionOne() throws {
        try withTempDir { dir in
            let w = try IndexWriter.open(directory: dir)
            for d in randomCorpus(seed: 12, documents: 10) { try w.addOrReplace(d) }
            try w.commit()
            w.close()
            // Every file's version field (§2, bytes 8–11) set to 1 with a valid checksum: a version-1 index as far
            // as the header says (its bodies are never read).
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name != "write.lock" {
                try patch(dir.appendingPathComponent(name)) { put32(&$0, 8, 1) }
            }
            let opens: [() throws -> Void] = [{ _ = try IndexReader.open(directory: dir) },
                                              { let w = try IndexWriter.open(directory: dir); w.close() }]
            for open in opens {
                do {
                    try open()
                    Issue.record("a version-1 index opened")
                } catch let e as IndexError {
                    #expect(e.kind == .unsupported, "\(e)")
                    #expect(e.description.contains("manifest") && e.description.contains("version 1")
                            && e.description.contains("older"), "\(e)")
                    #expect(e.description.contains("delete the index folder") && e.description.contains("kerko ingest"), "\(e)")
                }
            }
        }
    }

    @Test("a single version-1 file (format unsupported, not corrupt) names the file")
    func versionOneFile() throws {
        var w = FileFormat.begin(.norms)
        w.writeBytes([1, 2, 3])
        var v = FileFormat.finish(&w)
        #expect(get32(v, 8) == FileFormat.version && FileFormat.version == 2)
        put32(&v, 8, 1)
        let crc = CRC32C.checksum(Array(v[0..<(v.count - 8)]))
        put32(&v, v.count - 8, crc)
        let dir = MemoryDirectory()
        try dir.write("a.nrm", v)
        do { _ = try dir.open("a.nrm", kind: .norms); Issue.record("version-1 file opened") } catch let e as IndexError {
            #expect(e.kind == .unsupported && e.description.contains("a.nrm") && e.description.contains("version 1")
                    && e.description.contains("kerko ingest"), "\(e)")
        }
    }
}

/// The writer and reader against index/README.md itself rather than against each other: the bytes a term's
/// postings and positions must have, built here from §5–6; dictionaries in block sizes this build never
/// writes, built here from §4; the impacts a merge must recompute.
@Suite("Format version 2: files as the specification describes them")
struct FormatV2SpecificationTests {
    /// A term dictionary in blocks of `t` terms (§4), written from the specification, not by
    /// `TermDictionaryWriter`: term i has docFreq i + 1, postings at 3i (3 bytes), positions at i (1 byte).
    static func dictionary(_ keys: [[UInt8]], termsPerBlock t: Int) -> [UInt8] {
        var w = FileFormat.begin(.terms)
        var index = ByteWriter()
        var previous: [UInt8] = []
        var blocks = 0
        for (i, k) in keys.enumerated() {
            var shared = 0
            if i % t == 0 {
                index.writeVarint(k.count); index.writeBytes(k); index.writeVarint(w.count - FileFormat.headerSize)
                index.writeVarint(3 * i); index.writeVarint(i)
                blocks += 1
            } else {
                while shared < min(previous.count, k.count) && previous[shared] == k[shared] { shared += 1 }
            }
            w.writeVarint(shared); w.writeVarint(k.count - shared); w.writeBytes(Array(k[shared...]))
            w.writeVarint(i + 1); w.writeVarint(0); w.writeVarint(3); w.writeVarint(1)
            previous = k
        }
        let indexOffset = w.count - FileFormat.headerSize
        w.writeVarint(blocks); w.writeBytes(index.bytes)
        w.writeUInt64(UInt64(indexOffset)); w.writeUInt64(UInt64(keys.count)); w.writeUInt32(UInt32(t))
        return FileFormat.finish(&w)
    }

    @Test("a term of three blocks: its skip table, doc blocks and positions, byte for byte as §5–6 describe them")
    func termBytes() throws {
        let maxDoc = 1000
        var rng = SeededRandom(seed: 77)
        let docs = (0..<300).map { UInt32($0 * 3 + $0 % 2) }
        let lengths = (0..<maxDoc).map { _ in Int(rng.next() % 3000) }
        // Frequencies past a codec block of positions now and then.
        let freqs = docs.map { _ in UInt32(rng.next() % 9 == 0 ? 130 + rng.next() % 40 : 1 + rng.next() % 3) }
        let positions: [[UInt32]] = freqs.map { f in
            var p = Set<UInt32>()
            while p.count < Int(f) { p.insert(UInt32(rng.next() % 50_000)) }
            return p.sorted()
        }
        try withTempDir { dir in
            let d = try MMapDirectory(path: dir.path)
            let b = SegmentBuilder(schema: IndexSchema.schema)
            for (i, doc) in docs.enumerated() {
                b.postings.add(field: IndexSchema.titleStem, term: "x", doc: doc, freq: freqs[i], positions: positions[i])
                b.postings.add(field: IndexSchema.bodyStem, term: "x", doc: doc, freq: freqs[i], positions: positions[i])
                b.postings.add(field: IndexSchema.cites, term: "x", doc: doc, freq: 1, positions: [])
            }
            for i in 0..<maxDoc {
                b.finishDocument(key: DocumentKey(id: "d\(i)", contentHash: "", lang: "sq", type: "law"), stored: [0],
                                 lengths: [lengths[i] / 7, lengths[i]])
            }
            let info = try b.write(name: "s1", to: d)
            let enc = try #require(BlockEncoders.named(info.codec))
            let seg = try SegmentReader(Manifest.Entry(name: "s1", maxDoc: maxDoc, deletionGeneration: 0, deleted: 0,
                                                       codec: info.codec), in: d)
            let pst = [UInt8](try Data(contentsOf: dir.appendingPathComponent("s1.pst")))
            let pos = [UInt8](try Data(contentsOf: dir.appendingPathComponent("s1.pos")))
            // Fields with positions and norms (title, body: different norm slots), and docs only without norms.
            for (field, slot, options) in [("title.stem", 0, IndexOptions.positions), ("body.stem", 1, .positions), ("cites", nil, .docs)] {
                let ti = try #require(try seg.termInfo(field: field, term: "x"))
                var blocks = ByteWriter(), positionBytes = ByteWriter()
                var lastDoc: [UInt32] = [], docEnd: [UInt32] = [], posEnd: [UInt64] = [], maxFreq: [UInt32] = [], minNorm: [UInt8] = []
                var previous: UInt32 = 0
                for k in 0..<3 {
                    let range = (k * 128)..<min(300, (k + 1) * 128)
                    let gaps = range.map { i -> UInt32 in defer { previous = docs[i] }; return i == 0 ? docs[i] : docs[i] - previous }
                    if options == .docs || range.count == 128 {
                        gaps.withUnsafeBufferPointer { enc.encode($0, into: &blocks) }
                        if options != .docs { freqs[range].map { $0 - 1 }.withUnsafeBufferPointer { enc.encode($0, into: &blocks) } }
                    } else {
                        for (g, f) in zip(gaps, freqs[range]) {
                            if f == 1 { blocks.writeVarint(UInt64(g) << 1 | 1) } else { blocks.writeVarint(UInt64(g) << 1); blocks.writeVarint(UInt64(f)) }
                        }
                    }
                    lastDoc.append(docs[range.last!]); docEnd.append(UInt32(blocks.count))
                    if options == .positions {
                        var deltas: [UInt32] = []
                        for i in range { deltas += positions[i].enumerated().map { j, p in j == 0 ? p : p - positions[i][j - 1] } }
                        for c in stride(from: 0, to: deltas.count, by: 128) {
                            deltas[c..<min(deltas.count, c + 128)].withUnsafeBufferPointer { enc.encode($0, into: &positionBytes) }
                        }
                        posEnd.append(UInt64(positionBytes.count))
                    }
                    maxFreq.append(freqs[range].max()!)
                    if let slot { minNorm.append(range.map { NormEncoding.encode(slot == 0 ? lengths[Int(docs[$0])] / 7 : lengths[Int(docs[$0])]) }.min()!) }
                }
                var table = ByteWriter()
                for v in lastDoc { table.writeUInt32(v) }
                for v in docEnd { table.writeUInt32(v) }
                for v in posEnd { table.writeUInt64(v) }
                if options != .docs { for v in maxFreq { table.writeUInt32(v) } }
                for v in minNorm { table.writeUInt8(v) }
                let h = FileFormat.headerSize
                let term = pst[(h + ti.postingsOffset)..<(h + ti.postingsOffset + ti.postingsLength)]
                #expect(Array(term.prefix(table.count)) == table.bytes, "\(field): skip table")
                let sameBlocks = term.dropFirst(table.count).elementsEqual(blocks.bytes)
                #expect(sameBlocks, "\(field): doc blocks")
                let samePositions = pos[(h + ti.positionsOffset)..<(h + ti.positionsOffset + ti.positionsLength)].elementsEqual(positionBytes.bytes)
                #expect(samePositions, "\(field): positions")
            }
        }
    }

    @Test("dictionaries in blocks of 1, 5, 33 and 4096 terms read by the trailer's block size")
    func otherBlockSizes() throws {
        let keys = (0..<203).map { Array(String(format: "k%04d", $0 * 7).utf8) }
        let lower = Array("k0500".utf8)
        for t in [1, 5, 16, 33, 4096] {
            let dir = MemoryDirectory()
            try dir.write("x.tdi", Self.dictionary(keys, termsPerBlock: t))
            let r = try TermDictionaryReader(file: dir.open("x.tdi", kind: .terms))
            #expect(r.termsPerBlock == t)
            for (i, k) in keys.enumerated() {
                let ti = try r.lookup(k)
                #expect(ti?.docFreq == i + 1 && ti?.postingsOffset == 3 * i && ti?.positionsOffset == i, "T = \(t), term \(i)")
            }
            var all: [TermInfo] = []
            try r.allTerms { _, info in all.append(info); return true }
            #expect(all.enumerated().allSatisfy { $1.postingsOffset == 3 * $0 && $1.positionsOffset == $0 && $1.docFreq == $0 + 1 }, "T = \(t)")
            var from: [[UInt8]] = []
            try r.terms(from: lower) { k, _ in from.append(k); return true }
            #expect(from == keys.filter { !$0.lexicographicallyPrecedes(lower) }, "T = \(t)")
        }
    }

    @Test("range, prefix and exact look-ups across blocks of 16, the last one partial")
    func scansAcrossBlocks() throws {
        var rng = SeededRandom(seed: 5)
        // Keys over a small alphabet with 0 and 255 bytes: long shared prefixes, prefixes that are keys.
        let alphabet: [UInt8] = Array("abc".utf8) + [0, 255]
        for count in [1, 2, 15, 16, 17, 31, 32, 33, 48, 100, 257] {
            var set = Set<[UInt8]>()
            while set.count < count { set.insert((0..<(1 + Int(rng.next() % 6))).map { _ in alphabet[Int(rng.next() % 5)] }) }
            let keys = set.sorted { $0.lexicographicallyPrecedes($1) }
            var w = TermDictionaryWriter()
            for (i, k) in keys.enumerated() {
                w.add(k, TermInfo(docFreq: i + 1, totalTermFreq: i + 1, postingsOffset: 3 * i, postingsLength: 3,
                                  positionsOffset: i, positionsLength: 1))
            }
            let dir = MemoryDirectory()
            try dir.write("x.tdi", w.finish())
            let r = try TermDictionaryReader(file: dir.open("x.tdi", kind: .terms))
            var all: [([UInt8], TermInfo)] = []
            try r.allTerms { all.append(($0, $1)); return true }
            #expect(all.map(\.0) == keys, "\(count) terms")
            #expect(all.enumerated().allSatisfy { $1.1.postingsOffset == 3 * $0 && $1.1.positionsOffset == $0 }, "\(count) terms")
            for (i, k) in keys.enumerated() { #expect(try r.lookup(k)?.docFreq == i + 1, "\(count) terms: \(k)") }
            var probes: [[UInt8]] = [[], [0], [255, 255, 255, 255, 255, 255, 255]]
            for k in keys {
                probes += [k, k + [0], Array(k.dropLast())]
                if let l = k.last, l > 0 { probes.append(Array(k.dropLast()) + [l - 1, 255]) }
            }
            for p in probes {
                var from: [[UInt8]] = []
                try r.terms(from: p) { t, _ in from.append(t); return from.count < 40 }
                #expect(from == Array(keys.filter { !$0.lexicographicallyPrecedes(p) }.prefix(40)), "\(count) terms, from \(p)")
                var prefixed: [[UInt8]] = []
                try r.terms(prefix: p) { t, _ in prefixed.append(t); return true }
                #expect(prefixed == keys.filter { $0.starts(with: p) }, "\(count) terms, prefix \(p)")
                if !set.contains(p) { #expect(try r.lookup(p) == nil, "\(count) terms, absent \(p)") }
            }
        }
    }

    @Test("a look-up in the block its prefetch found equals the plain look-up; another block finds nothing else")
    func prefetchedLookups() throws {
        let docs = randomCorpus(seed: 33, documents: 300)
        try withTempDir { dir in
            let w = try writeSegments(docs, every: 300, into: dir)
            w.close()
            let seg = try #require(try IndexReader.open(directory: dir).segments.first)
            var seen = 0
            try seg.allTerms { field, term, info in
                let b = seg.prefetchTerm(field: field.name, term: term)
                #expect(b >= 0, "\(field.name) \(term)")
                #expect(try seg.termInfo(field: field.name, term: term, block: b) == info, "\(field.name) \(term)")
                // A wrong block (a neighbour, or none) never yields another term's info.
                for other in [b - 1, b + 1, -1, Int.max] {
                    let got = try seg.termInfo(field: field.name, term: term, block: other)
                    #expect(got == nil || got == info, "\(field.name) \(term) in block \(other)")
                }
                // Absent keys: nil, as the plain look-up says.
                for absent in [term + "\u{1}", term + "zzzz", String(term.dropLast())] {
                    let plain = try seg.termInfo(field: field.name, term: absent)
                    let hinted = try seg.termInfo(field: field.name, term: absent,
                                                  block: seg.prefetchTerm(field: field.name, term: absent))
                    #expect(hinted == plain, "\(field.name) \(absent)")
                }
                seen += 1
            }
            #expect(seen > 1000)
            #expect(seg.prefetchTerm(field: "no such field", term: "a") == -1)
            #expect(try seg.termInfo(field: "no such field", term: "a", block: 0) == nil)
            // The empty term of every field (it sorts before the field's terms; for the first field, before
            // every term): the hinted look-up agrees with the plain one.
            for f in seg.info.schema.fields {
                let b = seg.prefetchTerm(field: f.name, term: "")
                #expect(try seg.termInfo(field: f.name, term: "", block: b) == seg.termInfo(field: f.name, term: ""), "\(f.name)")
            }
        }
    }

    @Test("a merged segment's skip entries: each block's largest frequency and smallest norm byte")
    func mergedImpacts() throws {
        let docs = randomCorpus(seed: 21, documents: 600)
        try withTempDir { dir in
            let w = try writeSegments(docs, every: 150, into: dir)
            for i in stride(from: 0, to: 600, by: 4) { try w.delete(id: docs[i].id) }
            try w.commit()
            try w.forceMerge(maxSegments: 1)
            w.close()
            let seg = try #require(try IndexReader.open(directory: dir).segments.first)
            var multiBlock = 0
            try seg.allTerms { field, term, info in
                guard info.docFreq > blockSize else { return }
                let c = try seg.cursor(field: field, info: info)
                var postings: [(doc: UInt32, freq: UInt32)] = []
                while try c.next() != PostingsCursor.terminated { postings.append((c.doc, c.freq)) }
                #expect(c.skipEntries.count == (info.docFreq + blockSize - 1) / blockSize)
                for (k, e) in c.skipEntries.enumerated() {
                    let block = postings[(k * blockSize)..<min(postings.count, (k + 1) * blockSize)]
                    #expect(e.lastDoc == block.last!.doc && e.maxFreq == (field.options == .docs ? 1 : block.map(\.freq).max()!),
                            "\(field.name) \(term) block \(k)")
                    let minNorm = field.normSlot.map { s in block.map { seg.norms.norm(slot: s, doc: Int($0.doc)) }.min()! } ?? 0
                    #expect(e.minNorm == minNorm, "\(field.name) \(term) block \(k)")
                }
                multiBlock += 1
            }
            #expect(multiBlock > 50)
        }
    }
}

/// Random crafted values, each with a valid checksum, through the real readers over an in-memory directory
/// (its files are heap copies, so that the address sanitizer sees a read past one): skip table fields set to
/// edge values (0, maxDoc ± 1, 2³² − 1, 2⁶³, 2⁶⁴ − 1, …) or random ones, and term infos with other document
/// counts, offsets and lengths. Both cursors must end — refusing the list or not — without a crash or an
/// endless loop, and every document they return must be below maxDoc, after the previous one and at or past
/// the target.
@Suite("Format version 2: random crafted skip tables and term infos")
struct FormatV2RandomCorruptionTests {
    static let maxDoc = 2000

    /// A dictionary of one-term blocks (§4, T = 1): every term's offsets are in the index, so any term info
    /// can be written (`TermDictionaryWriter` requires each block's postings to be contiguous).
    static func dictionary(_ terms: [([UInt8], TermInfo)]) -> [UInt8] {
        var w = FileFormat.begin(.terms)
        var index = ByteWriter()
        for (k, ti) in terms {
            index.writeVarint(k.count); index.writeBytes(k); index.writeVarint(w.count - FileFormat.headerSize)
            index.writeVarint(ti.postingsOffset); index.writeVarint(ti.positionsOffset)
            w.writeVarint(0); w.writeVarint(k.count); w.writeBytes(k)
            w.writeVarint(ti.docFreq); w.writeVarint(ti.totalTermFreq - ti.docFreq)
            w.writeVarint(ti.postingsLength); w.writeVarint(ti.positionsLength)
        }
        let indexOffset = w.count - FileFormat.headerSize
        w.writeVarint(terms.count); w.writeBytes(index.bytes)
        w.writeUInt64(UInt64(indexOffset)); w.writeUInt64(UInt64(terms.count)); w.writeUInt32(1)
        return FileFormat.finish(&w)
    }

    /// Reads the list every way the readers offer; errors end a walk (they are the expected outcome).
    static func exercise(_ seg: SegmentReader, _ field: String, _ term: String, _ rng: inout SeededRandom) {
        func check(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { Issue.record("\(field) \(term): \(what())") } }
        do {
            if let c = try seg.searchPostings(field: field, term: term) {
                var last = -1, n = 0
                try c.next()
                while c.doc != SearchPostings.end && n <= maxDoc {
                    check(c.doc > last && c.doc < maxDoc, "next: \(c.doc) after \(last)")
                    var p: [Int] = []
                    try c.appendPositions(to: &p, shift: 0)
                    check(try c.positionDeltas().count == p.count, "positions")
                    last = c.doc; n += 1
                    try c.next()
                }
                check(n <= maxDoc, "next: more documents than the segment has")
            }
        } catch {}
        do {
            if let c = try seg.searchPostings(field: field, term: term) {
                var last = -1, target = 0, n = 0
                while n <= maxDoc {
                    target = max(target + 1 + Int(rng.next() % 200), last + 1)
                    try c.advance(to: target)
                    if c.doc == SearchPostings.end { break }
                    check(c.doc >= target && c.doc > last && c.doc < maxDoc, "advance(to: \(target)): \(c.doc) after \(last)")
                    if rng.next() % 3 == 0 { var p: [Int] = []; try c.appendPositions(to: &p, shift: 0) }
                    last = c.doc; n += 1
                }
            }
        } catch {}
        do {
            if let c = try seg.postings(field: field, term: term) {
                var last: Int64 = -1
                while try c.next() != PostingsCursor.terminated {
                    check(Int64(c.doc) > last && Int(c.doc) < maxDoc, "general next: \(c.doc) after \(last)")
                    _ = try c.positions()
                    last = Int64(c.doc)
                }
                _ = try c.currentSkipEntry()
            }
        } catch {}
        do {
            if let c = try seg.postings(field: field, term: term) {
                var target: UInt32 = 0, last: UInt32 = 0
                while true {
                    target = max(target + 1 + UInt32(rng.next() % 300), last + 1)
                    let d = try c.advance(to: target)
                    if d == PostingsCursor.terminated { break }
                    check(d >= target && Int(d) < maxDoc, "general advance(to: \(target)): \(d)")
                    last = d
                }
            }
        } catch {}
    }

    @Test("skip table fields and term infos set to edge or random values")
    func randomValues() throws {
        var rng = SeededRandom(seed: 99)
        let dir = MemoryDirectory()
        let b = SegmentBuilder(schema: IndexSchema.schema)
        // Terms of one to six blocks in a field with positions and norms and in two docs-only fields.
        for (i, n) in [1, 100, 128, 129, 300, 700].enumerated() {
            var docs = Set<UInt32>()
            while docs.count < n { docs.insert(UInt32(rng.next() % UInt64(Self.maxDoc))) }
            for d in docs.sorted() {
                let f = rng.next() % 30 == 0 ? 140 : 1 + Int(rng.next() % 3)
                var ps = Set<UInt32>()
                while ps.count < f { ps.insert(UInt32(rng.next() % 10_000)) }
                b.postings.add(field: IndexSchema.bodyStem, term: "t\(i)", doc: d, freq: UInt32(f), positions: ps.sorted())
                b.postings.add(field: IndexSchema.cites, term: "t\(i)", doc: d, freq: 1, positions: [])
                b.postings.add(field: IndexSchema.year, term: "t\(i)", doc: d, freq: 1, positions: [])
            }
        }
        for i in 0..<Self.maxDoc {
            b.finishDocument(key: DocumentKey(id: "d\(i)", contentHash: "", lang: "sq", type: "law"), stored: [0], lengths: [i % 13, i])
        }
        let codec = try b.write(name: "s1", to: dir).codec
        let entry = Manifest.Entry(name: "s1", maxDoc: Self.maxDoc, deletionGeneration: 0, deleted: 0, codec: codec)
        var terms: [([UInt8], TermInfo)] = []
        try SegmentReader(entry, in: dir).terms.allTerms { t, i in terms.append((t, i)); return true }
        let fields = [UInt8(IndexSchema.bodyStem): "body.stem", UInt8(IndexSchema.cites): "cites", UInt8(IndexSchema.year): "year"]
        let pst = try dir.openBytes("s1.pst").withUnsafeBytes { Array($0) }
        let tdi = try dir.openBytes("s1.tdi").withUnsafeBytes { Array($0) }
        let edges: [UInt64] = [0, 1, 2, 127, 128, 1999, 2000, 2001, 1 << 31, UInt64(UInt32.max) - 1, UInt64(UInt32.max),
                               1 << 32, UInt64(Int.max), UInt64.max - 1, UInt64.max]
        for round in 0..<600 {
            // One to three u8/u32/u64 writes in the first 120 bytes of a term's postings (its table, if any).
            var v = pst
            let (key, ti) = terms[Int(rng.next() % UInt64(terms.count))]
            for _ in 0...(rng.next() % 3) {
                let o = FileFormat.headerSize + ti.postingsOffset + Int(rng.next() % UInt64(max(min(ti.postingsLength, 120), 1)))
                let x = rng.next() % 2 == 0 ? edges[Int(rng.next() % UInt64(edges.count))] : rng.next()
                for k in 0..<[1, 4, 8][Int(rng.next() % 3)] where o + k < v.count - FileFormat.footerSize {
                    v[o + k] = UInt8(truncatingIfNeeded: x >> UInt64(8 * k))
                }
            }
            let crc = CRC32C.checksum(Array(v[0..<(v.count - 8)]))
            put32(&v, v.count - 8, crc)
            dir.overwrite("s1.pst", v)
            var r = SeededRandom(seed: UInt64(round))
            Self.exercise(try SegmentReader(entry, in: dir), fields[key[0]]!, String(decoding: key.dropFirst(), as: UTF8.self), &r)
        }
        dir.overwrite("s1.pst", pst)
        for round in 0..<600 {
            // One or two of a term's document count, offsets and lengths moved a little or set to anything.
            var ts = terms
            let i = Int(rng.next() % UInt64(ts.count))
            var ti = ts[i].1
            for _ in 0...(rng.next() % 2) {
                let x = Int(rng.next() % 4 == 0 ? rng.next() % (1 << 40) : rng.next() % 3000)
                let near = Int(rng.next() % 64) - 32, anything = rng.next() % 2 == 0
                switch rng.next() % 5 {
                case 0: ti.docFreq = max(1, anything ? x : ti.docFreq + 5 * near); ti.totalTermFreq = max(ti.totalTermFreq, ti.docFreq)
                case 1: ti.postingsLength = max(0, anything ? x : ti.postingsLength + near)
                case 2: ti.positionsLength = max(0, anything ? x : ti.positionsLength + near)
                case 3: ti.postingsOffset = max(0, anything ? x : ti.postingsOffset + near)
                default: ti.positionsOffset = max(0, anything ? x : ti.positionsOffset + near)
                }
            }
            ts[i].1 = ti
            try dir.write("s1.tdi", Self.dictionary(ts))
            var r = SeededRandom(seed: UInt64(round))
            Self.exercise(try SegmentReader(entry, in: dir), fields[ts[i].0[0]]!, String(decoding: ts[i].0.dropFirst(), as: UTF8.self), &r)
        }
        dir.overwrite("s1.tdi", tdi)
    }
}
