import Codec
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared seeded generator (TestSupport), so every property test is repeatable.
typealias SeededGenerator = SeededRandom

extension SeededGenerator {
    /// A value that fits in `bits` bits (0…32).
    mutating func value(bits: Int) -> UInt32 {
        bits == 0 ? 0 : UInt32(truncatingIfNeeded: next()) >> (32 - bits)
    }

    /// A list of `count` values whose widths vary the way postings do: mostly small, sometimes huge.
    mutating func mixedList(count: Int) -> [UInt32] {
        let style = Int.random(in: 0 ..< 4, using: &self)
        let bits = Int.random(in: 0 ... 32, using: &self)
        return (0 ..< count).map { _ in
            switch style {
            case 0: value(bits: bits)
            case 1: value(bits: Int.random(in: 0 ... 32, using: &self))
            case 2: UInt32.random(in: 0 ... 3, using: &self) == 0 ? value(bits: 32) : value(bits: 3)
            default: UInt32(0xFFFF_0000) &+ value(bits: min(bits, 16))  // large values, small spread (FOR)
            }
        }
    }

    /// A strictly increasing list (doc ids or positions) with gaps of up to `maxGapBits` bits.
    mutating func increasingList(count: Int, maxGapBits: Int) -> [UInt32] {
        var x: UInt32 = 0
        return (0 ..< count).map { i in
            let gap = max(1, value(bits: maxGapBits) >> UInt32.random(in: 0 ... 8, using: &self))
            x = i == 0 ? gap - 1 : x &+ gap
            return x
        }
    }
}

/// Bit-by-bit reference of the SIMD-BP128 vertical layout (Lemire & Boytsov 2015, §4), written from the
/// prose definition in `BitPacking`, independent of the C kernels.
enum ReferencePacking {
    static func pack(_ values: [UInt32], bitWidth b: Int, reference: UInt32 = 0) -> [UInt8] {
        precondition(values.count == 128)
        var words = [UInt32](repeating: 0, count: 4 * b)
        for (i, value) in values.enumerated() {
            let lane = i % 4, position = i / 4
            let v = UInt64(value &- reference)
            for k in 0 ..< b where (v >> UInt64(k)) & 1 == 1 {
                let t = position * b + k
                words[(t / 32) * 4 + lane] |= 1 << UInt32(t % 32)
            }
        }
        return words.flatMap { w in (0 ..< 4).map { UInt8(truncatingIfNeeded: w >> (8 * UInt32($0))) } }
    }

    static func unpack(_ bytes: [UInt8], bitWidth b: Int, reference: UInt32 = 0) -> [UInt32] {
        (0 ..< 128).map { i in
            let lane = i % 4, position = i / 4
            var v: UInt32 = 0
            for k in 0 ..< b {
                let t = position * b + k
                let byte = bytes[((t / 32) * 4 + lane) * 4 + (t % 32) / 8]
                if (byte >> UInt8(t % 8)) & 1 == 1 { v |= 1 << UInt32(k) }
            }
            return v &+ reference
        }
    }
}

/// Bytes placed so that the last one is the last readable byte before an inaccessible page: a decoder that
/// reads even one byte past the end crashes the test instead of silently reading garbage.
final class GuardedBytes {
    let region: UnsafeMutableRawPointer
    let regionSize: Int
    let buffer: UnsafeRawBufferPointer

    init(_ bytes: [UInt8]) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let dataPages = (bytes.count + page - 1) / page
        regionSize = (dataPages + 1) * page
        guard let p = mmap(nil, regionSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              p != MAP_FAILED else { fatalError("mmap failed") }
        region = p
        let guardPage = p + dataPages * page
        precondition(mprotect(guardPage, page, PROT_NONE) == 0)
        let start = guardPage - bytes.count
        bytes.withUnsafeBytes { src in
            if let s = src.baseAddress { start.copyMemory(from: s, byteCount: bytes.count) }
        }
        buffer = UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: bytes.count)
    }

    deinit { munmap(region, regionSize) }
}

/// Every list length the block codecs must get right: around zero and around block boundaries.
let codecBoundaryLengths = [0, 1, 2, 127, 128, 129, 255, 256, 257, 383, 384, 385]

/// Both codecs, through the registry's existential (as an index reader would see them).
let allCodecs: [any BlockCodec.Type] = CodecRegistry.all
