/// One byte per document and field for field lengths (norms), as Lucene's `SmallFloat.intToByte4` /
/// `byte4ToInt` (org.apache.lucene.util.SmallFloat, Lucene 7+; used by BM25 for document length).
///
/// Lengths 0…23 are stored exactly; larger lengths `n` store `n − 24` as a tiny float with a 3-bit mantissa
/// (plus the implicit leading 1) and a 5-bit exponent, truncated, so the relative error is below 1/8.
/// `Int32.max` maps to 255.
///
/// Invariants: `encode` is monotone (`a ≤ b ⇒ encode(a) ≤ encode(b)`); `decode(encode(n)) ≤ n` and
/// `n − decode(encode(n)) ≤ (n − 24) / 8` for `n ≥ 24`; `encode(decode(b)) == b` for every byte `b`.
public enum NormQuantizer {
    /// Lengths below this are exact: 255 minus the code of `Int32.max`.
    public static let exactLimit: UInt32 = 24

    /// The byte for a field length; lengths above `Int32.max` are treated as `Int32.max`.
    /// - Complexity: O(1).
    @inlinable
    public static func encode(_ length: UInt32) -> UInt8 {
        let n = min(length, UInt32(Int32.max))
        if n < exactLimit { return UInt8(n) }
        return UInt8(exactLimit + longToInt4(n - exactLimit))
    }

    /// The field length a byte stands for (the lower end of its bucket).
    /// - Complexity: O(1).
    @inlinable
    public static func decode(_ byte: UInt8) -> UInt32 {
        let b = UInt32(byte)
        if b < exactLimit { return b }
        return exactLimit + int4ToLong(b - exactLimit)
    }

    /// `decode` for all 256 bytes, for scorers that precompute per-byte length factors (as Lucene's BM25
    /// does).
    public static let decodeTable: [UInt32] = (0 ... 255).map { decode(UInt8($0)) }

    /// Lucene `SmallFloat.longToInt4`: 4 significant bits (the top one implicit), exponent in the high bits.
    @usableFromInline
    static func longToInt4(_ i: UInt32) -> UInt32 {
        let bits = 32 - i.leadingZeroBitCount
        if bits < 4 { return i }  // subnormal
        let shift = UInt32(bits - 4)
        return ((i >> shift) & 0x07) | ((shift + 1) << 3)
    }

    /// Lucene `SmallFloat.int4ToLong`.
    @usableFromInline
    static func int4ToLong(_ i: UInt32) -> UInt32 {
        let mantissa = i & 0x07
        let shift = i >> 3
        return shift == 0 ? mantissa : (mantissa | 0x08) << (shift - 1)
    }
}
