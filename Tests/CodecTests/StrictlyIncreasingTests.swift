import Codec
import Testing
import TestSupport

/// `Delta.isStrictlyIncreasing` (the doc-id check after a block's prefix sum) and
/// `Delta.incrementReportingWrap` (frequencies stored minus one) against their definitions, every kernel,
/// on seeded random arrays of every length around the vector widths, with ties, drops and wrapped sums.
@Suite struct StrictlyIncreasingTests {
    static func naive(_ v: [UInt32]) -> Bool {
        for i in v.indices.dropFirst() where v[i] <= v[i - 1] { return false }
        return true
    }

    @Test("agrees with the definition on random arrays")
    func random() {
        var rng = SeededRandom(seed: 0x51C1)
        var seen = (yes: 0, no: 0)
        for count in 0...140 {
            for trial in 0..<12 {
                var gaps = (0..<count).map { _ in UInt32.random(in: 1...1000, using: &rng) }
                // Trial 0: clean; then a zero gap, a huge gap that wraps, or a tie at a random place.
                if trial > 0 && count > 1 {
                    let at = Int.random(in: 1..<count, using: &rng)
                    switch trial % 3 {
                    case 0: gaps[at] = 0
                    case 1: gaps[at] = UInt32.max - UInt32.random(in: 0...500, using: &rng)
                    default: gaps[at] = UInt32.random(in: 0...1, using: &rng)
                    }
                }
                var v = gaps
                v.withUnsafeMutableBufferPointer { _ = Delta.decode($0, base: UInt32.random(in: 0...UInt32.max, using: &rng)) }
                let want = Self.naive(v)
                for kernel in BitPacking.Kernel.allCases {
                    let got = v.withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0, kernel: kernel) }
                    #expect(got == want, "count \(count) trial \(trial) \(kernel)")
                }
                if want { seen.yes += 1 } else { seen.no += 1 }
            }
        }
        // Both outcomes were exercised.
        #expect(seen.yes > 100 && seen.no > 100)
    }

    @Test("a drop or tie at the very first and very last pair is found")
    func edges() {
        for count in [2, 7, 8, 9, 16, 127, 128] {
            var v = (0..<count).map { UInt32($0 * 3 + 1) }
            #expect(v.withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0) })
            v[1] = v[0]
            #expect(!v.withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0) })
            v = (0..<count).map { UInt32($0 * 3 + 1) }
            v[count - 1] = v[count - 2] - 1
            #expect(!v.withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0) })
            v[count - 1] = UInt32.max
            #expect(v.withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0) })
        }
        #expect([UInt32]().withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0) })
        #expect([UInt32(7)].withUnsafeBufferPointer { Delta.isStrictlyIncreasing($0) })
    }

    @Test("increment adds one everywhere and reports exactly the values that wrap")
    func increment() {
        var rng = SeededRandom(seed: 0x1AC)
        for count in 0...140 {
            for trial in 0..<4 {
                var v = (0..<count).map { _ in UInt32.random(in: 0...(UInt32.max - 1), using: &rng) }
                if trial > 0 && count > 0 { v[Int.random(in: 0..<count, using: &rng)] = UInt32.max }
                let want = v.map { $0 &+ 1 }
                for kernel in BitPacking.Kernel.allCases {
                    var w = v
                    let wrapped = w.withUnsafeMutableBufferPointer { Delta.incrementReportingWrap($0, kernel: kernel) }
                    #expect(w == want, "count \(count) \(kernel)")
                    #expect(wrapped == v.contains(UInt32.max), "count \(count) trial \(trial) \(kernel)")
                }
            }
        }
    }

    @Test("decodeIncreasing: the prefix sums of decode and the verdict of the definition, every kernel")
    func decodeIncreasing() {
        var rng = SeededRandom(seed: 0xDEC1)
        var seen = (yes: 0, no: 0)
        for count in 0...140 {
            for trial in 0..<10 {
                var gaps = (0..<count).map { _ in UInt32.random(in: 1...5000, using: &rng) }
                if count > 0 && trial % 5 == 1 { gaps[0] = 0 }
                if count > 1 && trial % 5 == 2 { gaps[Int.random(in: 1..<count, using: &rng)] = 0 }
                if count > 0 && trial % 5 == 3 { gaps[Int.random(in: 0..<count, using: &rng)] = UInt32.max - 3 }
                let base = trial % 2 == 0 ? 0 : UInt32.random(in: 0...UInt32.max, using: &rng)
                let firstAboveBase = trial % 3 != 0
                var want = gaps
                let wantLast = want.withUnsafeMutableBufferPointer { Delta.decode($0, base: base) }
                let wantOK = Self.naive(want) && (!firstAboveBase || want.isEmpty || want[0] > base)
                for kernel in BitPacking.Kernel.allCases {
                    var got = gaps
                    let r = got.withUnsafeMutableBufferPointer {
                        Delta.decodeIncreasing($0, base: base, firstAboveBase: firstAboveBase, kernel: kernel)
                    }
                    #expect(got == want && r.last == wantLast, "count \(count) trial \(trial) \(kernel)")
                    #expect(r.increasing == wantOK, "count \(count) trial \(trial) \(kernel)")
                }
                if wantOK { seen.yes += 1 } else { seen.no += 1 }
            }
        }
        #expect(seen.yes > 100 && seen.no > 100)
    }
}
