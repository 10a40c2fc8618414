import Testing
import Codec

@Suite("NormQuantizer: one-byte field lengths (Lucene SmallFloat.intToByte4)")
struct NormQuantizerTests {
    @Test("lengths below 24 are exact; Int32.max is 255")
    func exact() {
        for n in UInt32(0) ..< 24 {
            #expect(NormQuantizer.encode(n) == UInt8(n))
            #expect(NormQuantizer.decode(UInt8(n)) == n)
        }
        #expect(NormQuantizer.encode(UInt32(Int32.max)) == 255)
        #expect(NormQuantizer.encode(.max) == 255)
    }

    @Test("known values from Lucene's SmallFloat")
    func lucene() {
        // Worked through Lucene's algorithm: 24…39 are still exact (the subnormal range and the first
        // octave), 40 and 41 share a bucket, Int32.max decodes to 24 + 15·2²⁷.
        #expect(NormQuantizer.encode(39) == 39)
        #expect(NormQuantizer.encode(40) == 40)
        #expect(NormQuantizer.encode(41) == 40)
        #expect(NormQuantizer.encode(42) == 41)
        #expect(NormQuantizer.decode(41) == 42)
        #expect(NormQuantizer.encode(1000) == 87)  // 976 = 1111010000b: shift 6, mantissa 111, (6 + 1) << 3 | 7 = 63
        #expect(NormQuantizer.decode(255) == 24 + (0x0F << 27))
    }

    @Test("monotone, decode ≤ length, relative error below 1/8")
    func bounds() {
        var previous: UInt8 = 0
        var n: UInt32 = 0
        var step: UInt32 = 1
        while n < UInt32(Int32.max) - step {
            let b = NormQuantizer.encode(n)
            #expect(b >= previous, "not monotone at \(n)")
            let d = NormQuantizer.decode(b)
            #expect(d <= n)
            if n >= 24 { #expect(n - d <= (n - 24) / 8, "error too large at \(n)") } else { #expect(d == n) }
            previous = b
            n += step
            if n > 100_000 { step = n / 1000 }
        }
    }

    @Test("every byte round-trips through decode then encode; the table agrees")
    func bytesRoundTrip() {
        var previous: UInt32 = 0
        for b in UInt8(0) ... 255 {
            let d = NormQuantizer.decode(b)
            #expect(NormQuantizer.encode(d) == b)
            #expect(NormQuantizer.decodeTable[Int(b)] == d)
            if b > 0 { #expect(d > previous) }
            previous = d
        }
    }
}
