import Foundation
import Storage
import TestSupport
import Testing

@Suite("Storage formats")
struct FormatTests {
    @Test("CRC-32C check value (RFC 3720 §B.4) and a 32-byte zero vector")
    func crc32c() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        // RFC 3720 §B.4: 32 bytes of zeros → 0x8A9136AA.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    }

    @Test("block encoder round-trips lengths 0, 1, 127, 128, 129 and widths up to 32 bits",
          arguments: [0, 1, 127, 128, 129, 300])
    func blockCodec(count: Int) throws {
        var rng = SeededRandom(seed: UInt64(count))
        for maxBits in [0, 1, 7, 13, 32] {
            let values: [UInt32] = (0..<count).map { _ in
                maxBits == 0 ? 0 : UInt32(truncatingIfNeeded: rng.next()) >> UInt32(32 - maxBits)
            }
            var w = ByteWriter()
            var c = 0
            let enc = BlockEncoders.default
            while c < values.count {
                let e = min(values.count, c + blockSize)
                values[c..<e].withUnsafeBufferPointer { enc.encode($0, into: &w) }
                c = e
            }
            var out = [UInt32](repeating: 0, count: count)
            try w.bytes.withUnsafeBytes { buf in
                var r = ByteReader(buf)
                var c = 0
                try out.withUnsafeMutableBufferPointer { o in
                    while c < count {
                        let n = min(blockSize, count - c)
                        try enc.decode(&r, count: n, into: UnsafeMutableBufferPointer(rebasing: o[c..<(c + n)]))
                        c += n
                    }
                }
                #expect(r.remaining == 0)
            }
            #expect(out == values, "width \(maxBits)")
        }
    }

    @Test("LZ4 block format round trip: empty, short, repetitive, random, long matches")
    func lz4() throws {
        var rng = SeededRandom(seed: 7)
        let cases: [[UInt8]] = [
            [], Array("a".utf8), Array("abcabcabcabcabcabcabcabc".utf8),
            Array(String(repeating: "Neni 12. Ligji për Kuvendin e Kosovës. ", count: 400).utf8),
            (0..<5000).map { _ in UInt8.random(in: 0...255, using: &rng) },
            [UInt8](repeating: 42, count: 70_000),
        ]
        for c in cases {
            let z = LZ4Block.compress(c)
            let back = try z.withUnsafeBytes { try LZ4Block.decompressForTests($0, rawCount: c.count) }
            #expect(back == c)
        }
        let text = Array(String(repeating: "Neni 12. Ligji për Kuvendin e Kosovës. ", count: 400).utf8)
        #expect(LZ4Block.compress(text).count < text.count / 5)
    }

    @Test("norm bytes: exact below 24, monotone, never above the true length")
    func norms() {
        var last = -1
        for l in 0..<100_000 {
            let d = NormEncoding.decode(NormEncoding.encode(l))
            #expect(d <= l)
            if l < 24 { #expect(d == l) }
            #expect(d >= last)
            last = d
        }
    }

    @Test("term dictionary: exact, prefix and range look-ups over several blocks")
    func termDictionary() throws {
        let terms = (0..<1000).map { "t\(String($0, radix: 7))" }.map { Array($0.utf8) }
            .sorted { $0.lexicographicallyPrecedes($1) }
        var w = TermDictionaryWriter()
        for (i, t) in terms.enumerated() {
            w.add(t, TermInfo(docFreq: i + 1, totalTermFreq: 2 * i + 1, postingsOffset: i * 10, postingsLength: 10,
                              positionsOffset: i * 3, positionsLength: 3))
        }
        let dir = MemoryDirectory()
        try dir.write("x.tdi", w.finish())
        let r = try TermDictionaryReader(file: dir.open("x.tdi", kind: .terms))
        #expect(r.termCount == 1000)
        for (i, t) in terms.enumerated() {
            let info = try #require(try r.lookup(t))
            #expect(info.docFreq == i + 1 && info.postingsOffset == i * 10 && info.positionsOffset == i * 3)
        }
        #expect(try r.lookup(Array("t".utf8)) == nil)
        #expect(try r.lookup(Array("zzz".utf8)) == nil)
        #expect(try r.lookup(Array("a".utf8)) == nil)
        var prefixed: [[UInt8]] = []
        try r.terms(prefix: Array("t12".utf8)) { t, _ in prefixed.append(t); return true }
        #expect(prefixed == terms.filter { $0.starts(with: Array("t12".utf8)) })
        var range: [[UInt8]] = []
        try r.terms(from: Array("t2".utf8)) { t, _ in
            if Array("t4".utf8).lexicographicallyPrecedes(t) { return false }
            range.append(t); return true
        }
        #expect(range == terms.filter { !$0.lexicographicallyPrecedes(Array("t2".utf8)) && !Array("t4".utf8).lexicographicallyPrecedes($0) })
    }

    @Test("term dictionary exact look-up: keys with zero bytes, shared 8-byte prefixes and lengths 0–12, present and absent")
    func termDictionaryZeroBytesAndPrefixes() throws {
        // The binary search compares each block's first 8 bytes as an integer (zero-padded) and the block walk
        // reads raw bytes: keys that differ only past byte 8, by a trailing zero byte, or by length must still
        // be told apart. Keys over a small alphabet with 0, so that many share long prefixes.
        var rng = SeededRandom(seed: 20261122)
        let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0xC3, 0xAB]
        var set = Set<[UInt8]>()
        while set.count < 3000 {
            let n = Int(rng.next() % 13)
            set.insert((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
        let keys = set.sorted { $0.lexicographicallyPrecedes($1) }
        var w = TermDictionaryWriter()
        for (i, k) in keys.enumerated() {
            w.add(k, TermInfo(docFreq: i + 1, totalTermFreq: i + 1, postingsOffset: i * 7, postingsLength: 7,
                              positionsOffset: i * 5, positionsLength: 5))
        }
        let dir = MemoryDirectory()
        try dir.write("z.tdi", w.finish())
        let r = try TermDictionaryReader(file: dir.open("z.tdi", kind: .terms))
        for (i, k) in keys.enumerated() {
            let info = try #require(try r.lookup(k), "key \(k)")
            #expect(info.docFreq == i + 1 && info.postingsOffset == i * 7 && info.positionsOffset == i * 5)
        }
        // Absent keys: each present key with a byte appended or changed, and random ones.
        var probes: [[UInt8]] = []
        for k in keys.prefix(500) { probes.append(k + [0]); probes.append(k + [0xFF]); if !k.isEmpty { probes.append(k.dropLast() + [k.last! &+ 1]) } }
        for _ in 0..<2000 { probes.append((0..<Int(rng.next() % 14)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }) }
        for p in probes {
            let expected = set.contains(p) ? keys.firstIndex(of: p).map { $0 + 1 } : nil
            #expect(try r.lookup(p)?.docFreq == expected, "probe \(p)")
        }
    }

    @Test("header and footer: wrong kind, truncation and version are reported with the file name")
    func header() throws {
        var w = FileFormat.begin(.norms)
        w.writeBytes([1, 2, 3])
        let bytes = FileFormat.finish(&w)
        let dir = MemoryDirectory()
        try dir.write("a.nrm", bytes)
        _ = try dir.open("a.nrm", kind: .norms)
        #expect(throws: IndexError.self) { _ = try dir.open("a.nrm", kind: .postings) }
        dir.overwrite("a.nrm", Array(bytes.dropLast(3)))
        do { _ = try dir.open("a.nrm", kind: .norms); Issue.record("truncated file opened") } catch let e as IndexError {
            #expect(e.kind == .corrupt && e.description.contains("a.nrm"))
        }
        // A future version with a valid checksum is "unsupported", not corrupt.
        var v = bytes
        v[8] = 9
        v.replaceSubrange((v.count - 8)..<(v.count - 4), with: withUnsafeBytes(of: CRC32C.checksum(Array(v[0..<(v.count - 8)])).littleEndian) { Array($0) })
        dir.overwrite("a.nrm", v)
        do { _ = try dir.open("a.nrm", kind: .norms); Issue.record("future version opened") } catch let e as IndexError {
            #expect(e.kind == .unsupported && e.description.contains("version 9"))
        }
    }
}
