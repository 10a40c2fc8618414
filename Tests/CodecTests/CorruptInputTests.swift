import Testing
@testable import Codec

/// Decoders on damaged bytes: they must throw or return *something*, never trap or read outside the
/// buffer. Every buffer ends at an inaccessible page (``GuardedBytes``), so an out-of-bounds read crashes.
@Suite("Corrupt and truncated input")
struct CorruptInputTests {
    /// Decodes with the checked API; true if it succeeded.
    @discardableResult
    func attempt(_ codec: any BlockCodec.Type, _ bytes: [UInt8], count: Int, delta: Bool) -> Bool {
        let guarded = GuardedBytes(bytes)
        var reader = ByteReader(guarded.buffer)
        do {
            if delta { _ = try codec.decodeDeltas(count: count, base: 0, from: &reader) }
            else { _ = try codec.decode(count: count, from: &reader) }
            #expect(reader.readerIndex <= bytes.count)
            return true
        } catch {
            return false
        }
    }

    @Test("every truncation of a valid list throws")
    func truncations() {
        var rng = SeededGenerator(seed: 0x7A11)
        for codec in allCodecs {
            for count in [1, 127, 128, 129, 300] {
                let values = rng.mixedList(count: count)
                for (bytes, delta) in [(codec.encode(values), false), (codec.encodeDeltas(values), true)] {
                    for cut in 0 ..< bytes.count {
                        #expect(!attempt(codec, Array(bytes[0 ..< cut]), count: count, delta: delta),
                                "\(codec.name): \(cut) of \(bytes.count) bytes decoded")
                    }
                    #expect(attempt(codec, bytes, count: count, delta: delta))
                }
            }
        }
    }

    @Test("random garbage and bit flips never crash (seeded, thousands of cases)")
    func garbage() {
        var rng = SeededGenerator(seed: 0x6A5B)
        for codec in allCodecs {
            for _ in 0 ..< 1500 {
                let count = Int.random(in: 0 ... 400, using: &rng)
                let length = Int.random(in: 0 ... 1200, using: &rng)
                let bytes = (0 ..< length).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
                attempt(codec, bytes, count: count, delta: Bool.random(using: &rng))
            }
            for _ in 0 ..< 300 {
                let values = rng.mixedList(count: Int.random(in: 1 ... 400, using: &rng))
                var bytes = codec.encodeDeltas(values)
                for _ in 0 ..< Int.random(in: 1 ... 4, using: &rng) {
                    bytes[Int.random(in: 0 ..< bytes.count, using: &rng)] ^= 1 << UInt8.random(in: 0 ... 7, using: &rng)
                }
                attempt(codec, bytes, count: values.count, delta: true)
                attempt(codec, bytes, count: values.count + Int.random(in: -5 ... 5, using: &rng), delta: false)
            }
        }
    }

    @Test("malformed block headers are rejected with the offset of the header")
    func malformedHeaders() {
        let payload = [UInt8](repeating: 0, count: 16 * 40)
        for header: UInt8 in [33, 63, 0x40, 0x41, 0xFF, 0x80 | 33] {
            let guarded = GuardedBytes([header] + payload)
            var reader = ByteReader(guarded.buffer)
            #expect(throws: CodecError.self) { _ = try BP128VerticalCodec.decode(count: 128, from: &reader) }
            var r2 = ByteReader(guarded.buffer)
            var out = [UInt32](repeating: 0, count: 128)
            let error = out.withUnsafeMutableBufferPointer { o -> CodecError? in
                do throws(CodecError) { try BP128VerticalCodec.decodeBlock(count: 128, from: &r2, into: o); return nil }
                catch { return error }
            }
            if case .malformed(offset: 0, _)? = error {} else { Issue.record("header \(header): \(String(describing: error))") }
        }
        // Reference varint that overflows UInt32.
        let overflow = GuardedBytes([0x81, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] + payload)
        var reader = ByteReader(overflow.buffer)
        #expect(throws: CodecError.malformed(offset: 1, reason: "reference varint overflows UInt32")) {
            _ = try BP128VerticalCodec.decode(count: 128, from: &reader)
        }
    }

    @Test("a corrupt count cannot make the array API allocate beyond the input")
    func hugeCount() {
        let guarded = GuardedBytes([1, 2, 3])
        var reader = ByteReader(guarded.buffer)
        #expect(throws: CodecError.self) { _ = try BP128VerticalCodec.decode(count: Int(Int32.max), from: &reader) }
        var r2 = ByteReader(guarded.buffer)
        #expect(throws: CodecError.self) { _ = try VByteCodec.decodeDeltas(count: 1 << 40, from: &r2) }
    }
}
