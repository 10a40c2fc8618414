import Testing
@testable import Codec

@Suite("BitPacking: SIMD-BP128 vertical blocks")
struct BitPackingTests {
    static let kernels = BitPacking.Kernel.allCases

    @Test("pack matches the bit-by-bit reference layout for every width 0…32", arguments: 0 ... 32)
    func packMatchesReference(width: Int) {
        var rng = SeededGenerator(seed: 0xB10C_0000 + UInt64(width))
        for iteration in 0 ..< 20 {
            let reference: UInt32 = iteration % 3 == 0 ? UInt32.random(in: 0 ... .max, using: &rng) : 0
            let values = (0 ..< 128).map { _ in reference &+ rng.value(bits: width) }
            var writer = ByteWriter()
            values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: width, reference: reference, to: &writer) }
            #expect(writer.bytes == ReferencePacking.pack(values, bitWidth: width, reference: reference))
            #expect(writer.count == 16 * width)
        }
    }

    @Test("every kernel unpacks every width 0…32 to the reference values", arguments: 0 ... 32)
    func unpackAllKernels(width: Int) throws {
        var rng = SeededGenerator(seed: 0x0DEC_0000 + UInt64(width))
        for iteration in 0 ..< 20 {
            let reference: UInt32 = iteration % 2 == 0 ? UInt32.random(in: 0 ... .max, using: &rng) : 0
            let values = (0 ..< 128).map { _ in reference &+ rng.value(bits: width) }
            let packed = ReferencePacking.pack(values, bitWidth: width, reference: reference)
            #expect(ReferencePacking.unpack(packed, bitWidth: width, reference: reference) == values)
            let guarded = GuardedBytes(packed)
            for kernel in Self.kernels {
                var out = [UInt32](repeating: 0xDEAD_BEEF, count: 128)
                try out.withUnsafeMutableBufferPointer { o in
                    try BitPacking.unpack(guarded.buffer, bitWidth: width, reference: reference, into: o, kernel: kernel)
                }
                #expect(out == values, "kernel \(kernel), width \(width)")
            }
        }
    }

    @Test("fused unpack + prefix sum equals unpack then prefix sum, for every width and kernel", arguments: 0 ... 32)
    func unpackDeltas(width: Int) throws {
        var rng = SeededGenerator(seed: 0xD17A_0000 + UInt64(width))
        for _ in 0 ..< 10 {
            let reference = UInt32.random(in: 0 ... 3, using: &rng)
            let gaps = (0 ..< 128).map { _ in reference &+ rng.value(bits: width) }
            let base = UInt32.random(in: 0 ... .max, using: &rng)
            let expected = Delta.decoded(gaps, base: base)
            let guarded = GuardedBytes(ReferencePacking.pack(gaps, bitWidth: width, reference: reference))
            for kernel in Self.kernels {
                var out = [UInt32](repeating: 0, count: 128)
                let last = try out.withUnsafeMutableBufferPointer { o in
                    try BitPacking.unpackDeltas(guarded.buffer, bitWidth: width, reference: reference, base: base,
                                                into: o, kernel: kernel)
                }
                #expect(out == expected, "kernel \(kernel), width \(width)")
                #expect(last == expected[127])
            }
        }
    }

    @Test("bitWidth is the smallest width that holds every value")
    func bitWidth() {
        for width in 0 ... 32 {
            var values = [UInt32](repeating: 0, count: 128)
            if width > 0 { values[77] = UInt32.max >> (32 - width) }
            values.withUnsafeBufferPointer { #expect(BitPacking.bitWidth(of: $0) == width) }
            values.withUnsafeBufferPointer { #expect(BitPacking.bitWidth(of: $0, reference: values[77]) == (width == 0 ? 0 : width == 32 ? 1 : 32)) }
        }
        [UInt32]().withUnsafeBufferPointer { #expect(BitPacking.bitWidth(of: $0) == 0) }
    }

    @Test("a too-narrow width drops high bits but never disturbs neighbours")
    func narrowWidthIsContained() throws {
        let values = (0 ..< 128).map { UInt32($0) * 0x0101_0101 }
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: 4, to: &writer) }
        var out = [UInt32](repeating: 0, count: 128)
        try writer.bytes.withUnsafeBytes { b in
            try out.withUnsafeMutableBufferPointer { o in try BitPacking.unpack(b, bitWidth: 4, into: o) }
        }
        #expect(out == values.map { $0 & 0xF })
    }

    @Test("checked unpack rejects widths above 32, short input and short output")
    func checkedErrors() {
        let bytes = [UInt8](repeating: 0xFF, count: 16 * 32)
        var out = [UInt32](repeating: 0, count: 128)
        bytes.withUnsafeBytes { b in
            out.withUnsafeMutableBufferPointer { o in
                #expect(throws: CodecError.self) { try BitPacking.unpack(b, bitWidth: 33, into: o) }
                #expect(throws: CodecError.self) { try BitPacking.unpack(b, bitWidth: -1, into: o) }
                let short = UnsafeRawBufferPointer(rebasing: b[0 ..< 16 * 7 - 1])
                #expect(throws: CodecError.truncated(offset: 16 * 7 - 1)) { try BitPacking.unpack(short, bitWidth: 7, into: o) }
                let small = UnsafeMutableBufferPointer(rebasing: o[0 ..< 127])
                #expect(throws: CodecError.outputTooSmall(needed: 128, capacity: 127)) {
                    try BitPacking.unpack(b, bitWidth: 7, into: small)
                }
                // Width 0 needs no bytes at all, even from an empty buffer.
                #expect(throws: Never.self) {
                    try BitPacking.unpack(UnsafeRawBufferPointer(start: nil, count: 0), bitWidth: 0, reference: 9, into: o)
                }
            }
        }
        #expect(out.allSatisfy { $0 == 9 })
    }
}
