import Testing
import Codec

@Suite("Delta: gaps and prefix sums")
struct DeltaTests {
    @Test("round-trips with maximal gaps and wrap-around, every length up to 40, every kernel")
    func maxGaps() {
        var rng = SeededGenerator(seed: 0xDE17A)
        for count in 0 ... 40 {
            for _ in 0 ..< 20 {
                let values = (0 ..< count).map { _ in
                    [0, 1, UInt32.max, UInt32.max - 1, 1 << 31].randomElement(using: &rng)!
                }
                let base = [0, UInt32.max].randomElement(using: &rng)!
                let gaps = Delta.encoded(values, base: base)
                #expect(Delta.decoded(gaps, base: base) == values)
                for kernel in BitPacking.Kernel.allCases {
                    var copy = gaps
                    let last = copy.withUnsafeMutableBufferPointer { Delta.decode($0, base: base, kernel: kernel) }
                    #expect(copy == values)
                    #expect(last == (values.last ?? base))
                }
            }
        }
    }

    @Test("0 then UInt32.max is a gap of UInt32.max")
    func maxGap() {
        #expect(Delta.encoded([0, .max]) == [0, .max])
        #expect(Delta.decoded([0, .max]) == [0, .max])
        #expect(Delta.encoded([5, 9], base: 5) == [0, 4])
    }

    @Test("long random sequences round-trip through every kernel")
    func longRandom() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0 ..< 50 {
            let values = rng.increasingList(count: Int.random(in: 0 ... 3000, using: &rng), maxGapBits: 20)
            let gaps = Delta.encoded(values)
            for kernel in BitPacking.Kernel.allCases {
                var copy = gaps
                copy.withUnsafeMutableBufferPointer { _ = Delta.decode($0, kernel: kernel) }
                #expect(copy == values)
            }
        }
    }
}
