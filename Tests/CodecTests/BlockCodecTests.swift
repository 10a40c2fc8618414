import Testing
@testable import Codec

/// Round-trips of whole lists through the registered codecs (PISA's `test_block_codecs.cpp` pattern:
/// lengths {0, 1, block−1, block, block+1, …}).
@Suite("BlockCodec: lists of any length")
struct BlockCodecTests {
    func roundTrip(_ codec: any BlockCodec.Type, _ values: [UInt32], base: UInt32 = 0) throws {
        let bytes = codec.encode(values)
        let decoded = try bytes.withUnsafeBytes { b in
            var reader = ByteReader(b)
            let v = try codec.decode(count: values.count, from: &reader)
            #expect(reader.isAtEnd, "\(codec.name) left \(reader.readableBytes) bytes unread")
            return v
        }
        #expect(decoded == values, "\(codec.name), \(values.count) values")

        let deltaBytes = codec.encodeDeltas(values, base: base)
        let guarded = GuardedBytes(deltaBytes)
        var reader = ByteReader(guarded.buffer)
        let decodedDeltas = try codec.decodeDeltas(count: values.count, base: base, from: &reader)
        #expect(decodedDeltas == values, "\(codec.name) deltas, \(values.count) values")
        #expect(reader.isAtEnd)
    }

    @Test("boundary lengths round-trip, values and deltas", arguments: codecBoundaryLengths)
    func boundaryLengths(count: Int) throws {
        var rng = SeededGenerator(seed: UInt64(count) &* 7919)
        for codec in allCodecs {
            for _ in 0 ..< 8 {
                try roundTrip(codec, rng.mixedList(count: count))
                try roundTrip(codec, rng.increasingList(count: count, maxGapBits: 12))
            }
            try roundTrip(codec, [UInt32](repeating: .max, count: count))
            try roundTrip(codec, [UInt32](repeating: 0, count: count))
        }
    }

    @Test("property: random lists of random length round-trip (seeded, 300 cases per codec)")
    func randomLists() throws {
        var rng = SeededGenerator(seed: 0x5EED)
        for codec in allCodecs {
            for _ in 0 ..< 300 {
                let count = Int.random(in: 0 ... 1200, using: &rng)
                let values = Bool.random(using: &rng) ? rng.mixedList(count: count)
                    : rng.increasingList(count: count, maxGapBits: Int.random(in: 1 ... 32, using: &rng))
                try roundTrip(codec, values, base: Bool.random(using: &rng) ? 0 : UInt32.random(in: 0 ... .max, using: &rng))
            }
        }
    }

    @Test("large lists (100 000 doc ids) round-trip")
    func largeList() throws {
        var rng = SeededGenerator(seed: 100_000)
        let docIDs = rng.increasingList(count: 100_000, maxGapBits: 10)
        for codec in allCodecs { try roundTrip(codec, docIDs) }
    }

    @Test("delta lists with maximal gaps round-trip")
    func maximalGaps() throws {
        let values: [UInt32] = (0 ..< 300).map { $0 % 2 == 0 ? 0 : .max }
        for codec in allCodecs {
            try roundTrip(codec, values)
            try roundTrip(codec, [0, .max], base: 0)
            try roundTrip(codec, [.max], base: .max)
        }
    }

    @Test("block-by-block decoding from recorded offsets matches the whole list (the skip-list access path)")
    func blockByBlock() throws {
        var rng = SeededGenerator(seed: 77)
        let docIDs = rng.increasingList(count: 1000, maxGapBits: 9)
        var writer = ByteWriter()
        var offsets: [Int] = []
        var bases: [UInt32] = []
        docIDs.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(start + 128, all.count)
                offsets.append(writer.count)
                bases.append(start == 0 ? 0 : all[start - 1])
                var one = ByteWriter()
                BP128VerticalCodec.encodeDeltas(UnsafeBufferPointer(rebasing: all[start ..< end]), base: bases.last!, to: &one)
                writer.writeBytes(one.bytes)
                start = end
            }
        }
        try writer.bytes.withUnsafeBytes { b in
            var out = [UInt32](repeating: 0, count: 128)
            for k in (0 ..< offsets.count).reversed() {  // any order: each block stands alone
                var reader = ByteReader(b, readerIndex: offsets[k])
                let count = min(128, docIDs.count - 128 * k)
                let last = try out.withUnsafeMutableBufferPointer { o in
                    try BP128VerticalCodec.decodeDeltaBlock(count: count, base: bases[k], from: &reader, into: o)
                }
                #expect(Array(out[0 ..< count]) == Array(docIDs[128 * k ..< 128 * k + count]))
                #expect(last == docIDs[128 * k + count - 1])
            }
        }
    }

    @Test("frame of reference: dense blocks pack to 2 bytes, frequencies ≥ 1 lose the +1")
    func frameOfReference() {
        let dense = Array(UInt32(0) ..< 128)  // gaps: 0, then 1, 1, …
        #expect(BP128VerticalCodec.encodeDeltas(dense, base: 0).count == 1 + 16 * 1)  // min gap 0 → plain width 1
        let denseFrom1 = Array(UInt32(1) ... 128)  // gaps all 1
        #expect(BP128VerticalCodec.encodeDeltas(denseFrom1, base: 0) == [0x80, 1])
        let freqs = (0 ..< 128).map { UInt32($0 % 2 + 1) }  // 1 or 2: plain width 2, with reference width 1
        #expect(BP128VerticalCodec.encode(freqs).count == 2 + 16)
    }

    @Test("encoded sizes: vbyte tail is one byte per small value")
    func sizes() {
        #expect(BP128VerticalCodec.encode([]).isEmpty)
        #expect(BP128VerticalCodec.encode([1, 2, 3]) == [1, 2, 3])
        #expect(BP128VerticalCodec.encode([UInt32](repeating: 7, count: 128)) == [0x80, 7])
        #expect(VByteCodec.encode([300]) == [0xAC, 0x02])
    }

    @Test("decode into a too-small buffer throws instead of writing past it")
    func outputTooSmall() {
        let bytes = BP128VerticalCodec.encode(Array(0 ..< 300))
        bytes.withUnsafeBytes { b in
            var out = [UInt32](repeating: 0, count: 299)
            out.withUnsafeMutableBufferPointer { o in
                var reader = ByteReader(b)
                #expect(throws: CodecError.outputTooSmall(needed: 300, capacity: 299)) {
                    try BP128VerticalCodec.decode(count: 300, from: &reader, into: o)
                }
                var r2 = ByteReader(b)
                #expect(throws: CodecError.self) { try BP128VerticalCodec.decode(count: -1, from: &r2, into: o) }
            }
        }
    }
}

@Suite("CodecRegistry")
struct CodecRegistryTests {
    @Test("names resolve, are unique, and unknown names fail")
    func lookUp() throws {
        #expect(CodecRegistry.codec(named: "bp128-vertical-v1").map(ObjectIdentifier.init) == ObjectIdentifier(BP128VerticalCodec.self))
        #expect(CodecRegistry.codec(named: "vbyte-v1").map(ObjectIdentifier.init) == ObjectIdentifier(VByteCodec.self))
        #expect(ObjectIdentifier(CodecRegistry.defaultCodec) == ObjectIdentifier(BP128VerticalCodec.self))
        #expect(CodecRegistry.codec(named: "bp128") == nil)
        #expect(throws: CodecError.unknownCodec("nope")) { try CodecRegistry.requireCodec(named: "nope") }
        let names = CodecRegistry.all.map { $0.name }
        #expect(Set(names).count == names.count)
        for codec in CodecRegistry.all { #expect(codec.blockSize == 128) }
    }
}

@Suite("BlockCodec: cursor-free entry points")
struct CursorFreeTests {
    @Test("encodeBlock(appendingTo:) and decodeBlock(from:offset:) agree with the ByteReader/ByteWriter forms")
    func plainBuffers() throws {
        var rng = SeededGenerator(seed: 5)
        for codec in allCodecs {
            for count in [1, 50, 128] {
                let values = rng.mixedList(count: count)
                var bytes: [UInt8] = [0xEE]  // something already in the buffer
                values.withUnsafeBufferPointer { codec.encodeBlock($0, appendingTo: &bytes) }
                #expect(Array(bytes.dropFirst()) == codec.encode(values))
                var out = [UInt32](repeating: 0, count: 128)
                var offset = 1
                try bytes.withUnsafeBytes { b in
                    try out.withUnsafeMutableBufferPointer { o in
                        try codec.decodeBlock(count: count, from: b, offset: &offset, into: o)
                    }
                }
                #expect(offset == bytes.count)
                #expect(Array(out[0 ..< count]) == values)
                var bad = bytes.count + 1
                bytes.withUnsafeBytes { b in
                    out.withUnsafeMutableBufferPointer { o in
                        _ = #expect(throws: CodecError.self) { try codec.decodeBlock(count: count, from: b, offset: &bad, into: o) }
                    }
                }
            }
        }
    }
}
