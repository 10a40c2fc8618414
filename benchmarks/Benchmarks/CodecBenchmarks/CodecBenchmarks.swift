// Throughput of the Codec module's integer kernels (SIMD-BP128 vertical, Lemire & Boytsov, SP&E 2015).
// Every benchmark reports "Mints/s" (10⁶ integers per second) computed per iteration from our own
// ContinuousClock measurement over many blocks, plus package-benchmark's wall clock for the iteration.
// Data are generated from a fixed seed, so every run decodes the same bytes. Decoding goes into one
// 128-value buffer that stays in L1, as a block-at-a-time postings cursor does; the packed input
// (1024 blocks, ≤ 256 KB) streams from L2.
// BENCHMARK_QUICK=1 (CI) keeps the whole suite to a few seconds.
import Benchmark
import Codec
import Foundation

let quick = ProcessInfo.processInfo.environment["BENCHMARK_QUICK"] != nil
let mints = BenchmarkMetric.custom("Mints/s", polarity: .prefersLarger, useScalingFactor: false)

/// SplitMix64: the same data on every run.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let blockCount = 1024
let passes = quick ? 20 : 200

/// `blockCount` blocks packed at `width`, back to back.
func packedBlocks(width: Int) -> [UInt8] {
    var rng = Seeded(state: UInt64(width))
    var writer = ByteWriter(capacity: blockCount * 16 * width)
    var values = [UInt32](repeating: 0, count: 128)
    for _ in 0 ..< blockCount {
        for i in 0 ..< 128 { values[i] = width == 0 ? 0 : UInt32(truncatingIfNeeded: rng.next()) >> (32 - width) }
        values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: width, to: &writer) }
    }
    return writer.bytes
}

/// A doc-id list with gaps of up to `gapBits` bits.
func docIDs(count: Int, gapBits: Int) -> [UInt32] {
    var rng = Seeded(state: 7)
    var x: UInt32 = 0
    return (0 ..< count).map { _ in
        x &+= 1 + UInt32(truncatingIfNeeded: rng.next()) >> (33 - gapBits)
        return x
    }
}

/// Times `body` (which processes `integers` integers) and records Mints/s.
@inline(__always)
func measure(_ benchmark: Benchmark, integers: Int, _ body: () -> Void) {
    let t0 = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - t0
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    benchmark.measurement(mints, Int(Double(integers) / seconds / 1e6))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, mints],
        units: [mints: .count],
        warmupIterations: 1,
        maxDuration: .seconds(quick ? 1 : 5),
        maxIterations: quick ? 5 : 30)

    let kernels: [BitPacking.Kernel] = BitPacking.hasAVX2 ? [.avx2, .portable] : [.portable]

    // 1. Bit unpacking of one block (frame of reference 0), typical widths.
    for width in [1, 4, 8, 12, 16, 24] {
        let packed = packedBlocks(width: width)
        for kernel in kernels {
            Benchmark("unpack b=\(width) \(kernel)") { benchmark in
                var out = [UInt32](repeating: 0, count: 128)
                for _ in benchmark.scaledIterations {
                    packed.withUnsafeBytes { src in
                        out.withUnsafeMutableBufferPointer { dst in
                            measure(benchmark, integers: passes * blockCount * 128) {
                                for _ in 0 ..< passes {
                                    for k in 0 ..< blockCount {
                                        BitPacking.unpack(src.baseAddress! + 16 * width * k, bitWidth: width,
                                                          into: dst.baseAddress!, kernel: kernel)
                                    }
                                }
                            }
                        }
                    }
                    blackHole(out)
                }
            }
        }
    }

    // 2. Doc-id blocks: unpack and prefix-sum in one pass (D1), and the prefix sum alone.
    for width in [4, 8, 12] {
        let packed = packedBlocks(width: width)
        for kernel in kernels {
            Benchmark("unpack+delta b=\(width) \(kernel)") { benchmark in
                var out = [UInt32](repeating: 0, count: 128)
                for _ in benchmark.scaledIterations {
                    packed.withUnsafeBytes { src in
                        out.withUnsafeMutableBufferPointer { dst in
                            measure(benchmark, integers: passes * blockCount * 128) {
                                var last: UInt32 = 0
                                for _ in 0 ..< passes {
                                    for k in 0 ..< blockCount {
                                        last = BitPacking.unpackDeltas(src.baseAddress! + 16 * width * k, bitWidth: width,
                                                                       base: last, into: dst.baseAddress!, kernel: kernel)
                                    }
                                }
                                blackHole(last)
                            }
                        }
                    }
                    blackHole(out)
                }
            }
        }
    }
    for kernel in kernels {
        Benchmark("prefix sum 128 \(kernel)") { benchmark in
            var gaps = [UInt32](repeating: 3, count: 128)
            for _ in benchmark.scaledIterations {
                gaps.withUnsafeMutableBufferPointer { g in
                    measure(benchmark, integers: passes * blockCount * 128) {
                        var last: UInt32 = 0
                        for _ in 0 ..< passes * blockCount { last = Delta.decode(g, base: last, kernel: kernel) }
                        blackHole(last)
                    }
                }
                blackHole(gaps)
            }
        }
    }

    // 3. Whole lists through the checked BlockCodec API (headers parsed and bounds checked per block).
    let ids = docIDs(count: 1 << 20, gapBits: 8)
    for codec in CodecRegistry.all {
        let encoded = codec.encodeDeltas(ids, base: 0)
        let bitsPerInt = Double(encoded.count * 8) / Double(ids.count)
        Benchmark("\(codec.name) decodeDeltas 1M ids (\(String(format: "%.2f", bitsPerInt)) bits/id)") { benchmark in
            var out = [UInt32](repeating: 0, count: ids.count)
            for _ in benchmark.scaledIterations {
                encoded.withUnsafeBytes { src in
                    out.withUnsafeMutableBufferPointer { dst in
                        measure(benchmark, integers: ids.count * (quick ? 2 : 10)) {
                            for _ in 0 ..< (quick ? 2 : 10) {
                                var reader = ByteReader(src)
                                try! codec.decodeDeltas(count: ids.count, base: 0, from: &reader, into: dst)
                            }
                        }
                    }
                }
                precondition(out == ids)
            }
        }
        Benchmark("\(codec.name) encodeDeltas 1M ids") { benchmark in
            var writer = ByteWriter(capacity: encoded.count)
            for _ in benchmark.scaledIterations {
                ids.withUnsafeBufferPointer { src in
                    measure(benchmark, integers: ids.count) {
                        writer.removeAll()
                        codec.encodeDeltas(src, base: 0, to: &writer)
                    }
                }
                blackHole(writer.count)
            }
        }
    }

    // 4. Raw varint decoding: 1-byte values (0…127, the common tail/frequency case) and a random mix of
    //    1- and 2-byte values (0…1023, unpredictable lengths: the worst case for a branchy decoder).
    for (label, shift) in [("0…127", 25), ("0…1023", 22)] {
        let values: [UInt32] = {
            var rng = Seeded(state: 3)
            return (0 ..< (1 << 20)).map { _ in UInt32(truncatingIfNeeded: rng.next()) >> UInt32(shift) }
        }()
        var vbyteWriter = ByteWriter()
        for v in values { vbyteWriter.writeVByte(v) }
        let vbytes = vbyteWriter.bytes
        Benchmark("vbyte decode 1M values \(label)") { benchmark in
            var out = [UInt32](repeating: 0, count: values.count)
            for _ in benchmark.scaledIterations {
                vbytes.withUnsafeBytes { src in
                    out.withUnsafeMutableBufferPointer { dst in
                        measure(benchmark, integers: values.count * (quick ? 2 : 10)) {
                            for _ in 0 ..< (quick ? 2 : 10) {
                                _ = try! VByte.decode(count: values.count, from: src, into: dst.baseAddress!)
                            }
                        }
                    }
                }
                precondition(out == values)
            }
        }
    }
}
