import Testing
import Codec

@Suite("VByte and ByteReader/ByteWriter")
struct VByteTests {
    static let edges: [UInt32] = [0, 1, 127, 128, 255, 16383, 16384, 2_097_151, 2_097_152,
                                  268_435_455, 268_435_456, .max - 1, .max]

    @Test("known encodings (LEB128)")
    func knownEncodings() {
        var w = ByteWriter()
        w.writeVByte(UInt32(0)); w.writeVByte(UInt32(127)); w.writeVByte(UInt32(128)); w.writeVByte(UInt32(300))
        w.writeVByte(UInt32.max)
        #expect(w.bytes == [0x00, 0x7F, 0x80, 0x01, 0xAC, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        var w64 = ByteWriter()
        w64.writeVByte(UInt64.max)
        #expect(w64.bytes == [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test("edge values round-trip, lengths agree with encodedLength")
    func edges() throws {
        var w = ByteWriter()
        for v in Self.edges { w.writeVByte(v); w.writeVByte(UInt64(v) << 32 | UInt64(v)) }
        #expect(w.count == Self.edges.reduce(0) { $0 + VByte.encodedLength($1) + VByte.encodedLength(UInt64($1) << 32 | UInt64($1)) })
        w.bytes.withUnsafeBytes { b in
            var r = ByteReader(b)
            for v in Self.edges {
                #expect(r.readVByte32() == v)
                #expect(r.readVByte64() == UInt64(v) << 32 | UInt64(v))
            }
            #expect(r.isAtEnd)
            #expect(r.readVByte32() == nil)
        }
    }

    @Test("overflowing and truncated varints are nil and leave the cursor alone")
    func invalid() {
        for bad: [UInt8] in [[0x80], [0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0x10], [0xFF, 0xFF, 0xFF, 0xFF, 0x8F, 0x00], []] {
            bad.withUnsafeBytes { b in
                var r = ByteReader(b)
                #expect(r.readVByte32() == nil, "\(bad)")
                #expect(r.readerIndex == 0)
            }
        }
        let too64 = [UInt8](repeating: 0xFF, count: 9) + [0x02]
        too64.withUnsafeBytes { b in
            var r = ByteReader(b)
            #expect(r.readVByte64() == nil)
        }
        // Redundant zero groups are accepted.
        [0x80, 0x00].withUnsafeBytes { b in
            var r = ByteReader(b)
            #expect(r.readVByte32() == 0)
        }
    }

    @Test("bulk decode: fast and checked stretches agree; errors carry offsets")
    func bulk() throws {
        var rng = SeededGenerator(seed: 99)
        for _ in 0 ..< 200 {
            let values = (0 ..< Int.random(in: 0 ... 300, using: &rng)).map { _ in rng.value(bits: Int.random(in: 0 ... 32, using: &rng)) }
            var w = ByteWriter()
            for v in values { w.writeVByte(v) }
            let guarded = GuardedBytes(w.bytes)
            var out = [UInt32](repeating: 0, count: values.count)
            let consumed = try out.withUnsafeMutableBufferPointer { o in
                try VByte.decode(count: values.count, from: guarded.buffer, into: o.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
            }
            #expect(consumed == w.count)
            #expect(out == values)
        }
        let truncated = GuardedBytes([1, 2, 0x80])
        var out = [UInt32](repeating: 0, count: 3)
        out.withUnsafeMutableBufferPointer { o in
            _ = #expect(throws: CodecError.truncated(offset: 2)) { try VByte.decode(count: 3, from: truncated.buffer, into: o.baseAddress!) }
        }
    }

    @Test("ByteReader: get does not move, read does, past-the-end is nil")
    func reader() {
        var w = ByteWriter()
        w.writeUInt8(0xAB)
        w.writeUInt16LE(0x1234)
        w.writeUInt32LE(0xDEAD_BEEF)
        w.writeUInt64LE(0x0102_0304_0506_0708)
        w.writeBytes([9, 9])
        #expect(w.bytes.prefix(3) == [0xAB, 0x34, 0x12])
        w.bytes.withUnsafeBytes { b in
            var r = ByteReader(b)
            #expect(r.getUInt32LE(at: 3) == 0xDEAD_BEEF)
            #expect(r.readerIndex == 0)
            #expect(r.readUInt8() == 0xAB)
            #expect(r.readUInt16LE() == 0x1234)
            #expect(r.readUInt32LE() == 0xDEAD_BEEF)
            #expect(r.readUInt64LE() == 0x0102_0304_0506_0708)
            #expect(r.readUInt32LE() == nil)
            #expect(r.readerIndex == 15)
            #expect(r.readBytes(count: 3) == nil)
            #expect(r.readBytes(count: 2).map(Array.init) == [9, 9])
            #expect(r.isAtEnd)
            #expect(r.getUInt8(at: -1) == nil)
            #expect(r.getUInt64LE(at: 10) == nil)
            #expect(r.getBytes(at: 17, count: 1) == nil)
            #expect(r.getBytes(at: 16, count: 1).map(Array.init) == [9])
            let skipped = r.skip(1)
            #expect(!skipped)
            let moved = r.moveReaderIndex(to: 1)
            #expect(moved)
            let movedPastEnd = r.moveReaderIndex(to: 18)
            #expect(!movedPastEnd)
            #expect(r.readUInt16LE() == 0x1234)
        }
    }

    @Test("ByteWriter: setX patches in place")
    func writerPatch() {
        var w = ByteWriter()
        w.writeUInt32LE(0)
        w.writeUInt8(7)
        w.setUInt32LE(0xCAFE_F00D, at: 0)
        #expect(w.bytes == [0x0D, 0xF0, 0xFE, 0xCA, 7])
    }
}
