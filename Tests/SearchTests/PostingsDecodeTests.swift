import Foundation
import Search
@testable import Storage
import Testing
import TestSupport

/// The short-block decoder's unchecked fast path (PostingsBlock.decode) against the checked reading of the
/// format (index/README.md §5, written out here): equal gaps, frequencies and end offset on encoded
/// blocks, and the same outcome — values or an error — on random and damaged bytes.
@Suite struct PostingsDecodeTests {
    /// The format's short block read value by value through the bounds-checked reader.
    static func reference(_ bytes: [UInt8], count: Int) -> (gaps: [UInt32], freqs: [UInt32], end: Int)? {
        bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            var g: [UInt32] = [], f: [UInt32] = []
            do {
                for _ in 0..<count {
                    let code = try r.readVarint()
                    if code >> 1 > UInt64(UInt32.max) { return nil }
                    g.append(UInt32(code >> 1))
                    if code & 1 == 1 { f.append(1) } else {
                        let x = try r.readVarint()
                        if x < 2 || x > UInt64(UInt32.max) { return nil }
                        f.append(UInt32(x))
                    }
                }
            } catch { return nil }
            return (g, f, r.offset)
        }
    }

    static func decode(_ bytes: [UInt8], count: Int) -> (gaps: [UInt32], freqs: [UInt32], end: Int)? {
        var g = [UInt32](repeating: 0, count: count), f = [UInt32](repeating: 0, count: count)
        return bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            do {
                try g.withUnsafeMutableBufferPointer { gp in
                    try f.withUnsafeMutableBufferPointer { fp in
                        try PostingsBlock.decode(&r, count: count, withFreqs: true, encoder: BlockEncoders.default,
                                                 gaps: gp, freqs: fp)
                    }
                }
            } catch { return nil }
            return (g, f, r.offset)
        }
    }

    static func same(_ a: (gaps: [UInt32], freqs: [UInt32], end: Int)?, _ b: (gaps: [UInt32], freqs: [UInt32], end: Int)?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.gaps == y.gaps && x.freqs == y.freqs && x.end == y.end
        default: return false
        }
    }

    @Test("encoded short blocks decode to their gaps and frequencies, with trailing bytes or none")
    func roundTrip() {
        var rng = SeededRandom(seed: 0xB10C)
        for count in 1..<blockSize {
            for trial in 0..<6 {
                // Gaps of one-, two- and many-byte codes; frequencies 1, one byte and longer.
                let gaps: [UInt32] = (0..<count).map { _ in
                    switch UInt8.random(in: 0..<8, using: &rng) {
                    case 0...2: return UInt32.random(in: 0..<64, using: &rng)
                    case 3...5: return UInt32.random(in: 64..<8192, using: &rng)
                    case 6: return UInt32.random(in: 8192..<(1 << 28), using: &rng)
                    default: return UInt32.max - UInt32.random(in: 0..<3, using: &rng)
                    }
                }
                let freqs: [UInt32] = (0..<count).map { _ in
                    switch UInt8.random(in: 0..<6, using: &rng) {
                    case 0...2: return 1
                    case 3...4: return UInt32.random(in: 2..<128, using: &rng)
                    default: return UInt32.random(in: 128...UInt32.max, using: &rng)
                    }
                }
                var w = ByteWriter()
                gaps.withUnsafeBufferPointer { g in
                    freqs.withUnsafeBufferPointer { f in
                        _ = PostingsBlock.encode(gaps: g, freqs: f, encoder: BlockEncoders.default, into: &w)
                    }
                }
                var bytes = w.bytes
                let size = bytes.count
                if trial % 2 == 1 { bytes += (0..<trial).map { _ in UInt8.random(in: 0...255, using: &rng) } }
                let got = Self.decode(bytes, count: count)
                #expect(got?.gaps == gaps && got?.freqs == freqs && got?.end == size, "count \(count) trial \(trial)")
            }
        }
    }

    @Test("random and damaged bytes: the same values or the same refusal as the checked reader")
    func garbage() {
        var rng = SeededRandom(seed: 0x6A4B)
        var refused = 0, read = 0
        for _ in 0..<4000 {
            let count = Bool.random(using: &rng) ? Int.random(in: 1...6, using: &rng) : Int.random(in: 1..<blockSize, using: &rng)
            let length = Int.random(in: 0...(3 * count), using: &rng)
            // Mostly small bytes (valid one- and two-byte codes, frequencies 0 and 1 among them), some high.
            let bytes: [UInt8] = (0..<length).map { _ in
                UInt8.random(in: 0..<4, using: &rng) == 0 ? UInt8.random(in: 0x80...0xFF, using: &rng)
                    : UInt8.random(in: 0..<8, using: &rng)
            }
            let want = Self.reference(bytes, count: count)
            #expect(Self.same(Self.decode(bytes, count: count), want), "\(bytes) count \(count)")
            if want == nil { refused += 1 } else { read += 1 }
        }
        #expect(refused > 50 && read > 50)
    }

    /// Both full-block decoders on the same bytes: values and end offset, or both refuse.
    static func fullBoth(_ bytes: [UInt8]) -> (generic: [UInt32]?, direct: [UInt32]?, ends: (Int, Int)) {
        var g = [UInt32](repeating: 0, count: 2 * blockSize), d = [UInt32](repeating: 0, count: 2 * blockSize)
        var ends = (-1, -1)
        let generic: Bool = bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            do {
                try g.withUnsafeMutableBufferPointer { p in
                    try PostingsBlock.decode(&r, count: blockSize, withFreqs: true, encoder: BlockEncoders.default,
                                             gaps: UnsafeMutableBufferPointer(rebasing: p[0..<blockSize]),
                                             freqs: UnsafeMutableBufferPointer(rebasing: p[blockSize...]))
                }
            } catch { return false }
            ends.0 = r.offset
            return true
        }
        let direct: Bool = bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            do {
                try d.withUnsafeMutableBufferPointer { p in
                    try PostingsBlock.decodeFullBP128(&r, gaps: p.baseAddress!, freqs: p.baseAddress! + blockSize)
                }
            } catch { return false }
            ends.1 = r.offset
            return true
        }
        return (generic ? g : nil, direct ? d : nil, ends)
    }

    @Test("full blocks: the direct BP128 decoder equals the generic one, overflowing frequencies refused by both")
    func fullBlocks() throws {
        #expect(BlockEncoders.default.name == "bp128-vertical-v1")
        var rng = SeededRandom(seed: 0xF0117)
        var refused = 0
        for trial in 0..<300 {
            // Gaps and frequencies of every width, with and without a frame of reference (a large common
            // minimum), and now and then a frequency whose stored value is UInt32.max.
            let width = Int.random(in: 0...32, using: &rng)
            let floor: UInt32 = trial % 3 == 0 ? UInt32.random(in: 0...(UInt32.max / 2), using: &rng) : 1
            func value() -> UInt32 {
                let v = width == 32 ? UInt32.random(in: 0...UInt32.max, using: &rng)
                    : UInt32.random(in: 0..<(UInt32(1) << UInt32(width)), using: &rng)
                return floor &+ v
            }
            let gaps = (0..<blockSize).map { _ in max(value(), 1) }
            let freqs = (0..<blockSize).map { _ in min(max(value(), 1), UInt32.max - 1) }
            // Frequencies are written minus one; a stored UInt32.max (a frequency of 2^32) wraps on the +1.
            var stored = freqs.map { $0 - 1 }
            if trial % 7 == 3 { stored[Int.random(in: 0..<blockSize, using: &rng)] = UInt32.max }
            var w = ByteWriter()
            gaps.withUnsafeBufferPointer { g in BlockEncoders.default.encode(g, into: &w) }
            stored.withUnsafeBufferPointer { f in BlockEncoders.default.encode(f, into: &w) }
            var bytes = w.bytes
            if trial % 5 == 4 { bytes.removeLast(Int.random(in: 1...min(bytes.count, 20), using: &rng)) }
            let r = Self.fullBoth(bytes)
            #expect(r.generic == r.direct, "trial \(trial)")
            if r.generic != nil { #expect(r.ends.0 == r.ends.1) } else { refused += 1 }
            if trial % 7 != 3 && trial % 5 != 4 {
                #expect(r.direct.map { Array($0[0..<blockSize]) } == gaps, "trial \(trial)")
                #expect(r.direct.map { Array($0[blockSize...]) } == freqs, "trial \(trial)")
            }
        }
        #expect(refused > 20)
        // Random bytes: the same outcome.
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...600, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let r = Self.fullBoth(bytes)
            #expect(r.generic == r.direct)
        }
    }
}
