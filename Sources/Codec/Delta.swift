internal import CCodec

/// Delta (gap) coding of integer sequences: doc ids within a posting list, positions within a document.
///
/// `encode` turns `x₀, x₁, …` into `x₀ − base, x₁ − x₀, …`; `decode` is the prefix sum that undoes it.
/// Arithmetic wraps modulo 2³², so *every* sequence round-trips, including gaps of `UInt32.max`; only
/// non-decreasing sequences give small gaps worth packing. Doc-id blocks of ``BP128VerticalCodec`` fuse
/// the prefix sum into unpacking (``BitPacking/unpackDeltas(_:bitWidth:reference:base:into:kernel:)-(UnsafeRawPointer,_,_,_,_,_)``).
///
/// The SIMD prefix sum is the shift-and-add scan of D1 delta decoding in SIMD-BP128 (Lemire & Boytsov,
/// "Decoding billions of integers per second through vectorization", SP&E 2015, §5; also Lemire, Kurz &
/// Rupp, "Stream VByte", IPL 2018), with the running total carried across registers off the critical path.
public enum Delta {
    /// Replaces each value with its gap to the previous one (`base` before the first), in place.
    /// - Complexity: O(n).
    public static func encode(_ values: UnsafeMutableBufferPointer<UInt32>, base: UInt32 = 0) {
        guard let p = values.baseAddress else { return }
        kerko_delta_encode(p, p, values.count, base)
    }

    /// Writes the gaps of `values` (`base` before the first) to `out`.
    /// - Precondition: `out.count >= values.count`.
    /// - Complexity: O(n).
    public static func encode(
        _ values: UnsafeBufferPointer<UInt32>, base: UInt32 = 0, into out: UnsafeMutableBufferPointer<UInt32>
    ) {
        precondition(out.count >= values.count, "output shorter than input")
        guard let p = values.baseAddress, let q = out.baseAddress else { return }
        kerko_delta_encode(p, q, values.count, base)
    }

    /// Prefix-sums gaps in place, starting from `base`.
    /// - Returns: the last value, or `base` if `values` is empty (the base of whatever follows).
    /// - Complexity: O(n).
    @discardableResult
    public static func decode(
        _ values: UnsafeMutableBufferPointer<UInt32>, base: UInt32 = 0, kernel: BitPacking.Kernel = .automatic
    ) -> UInt32 {
        guard let p = values.baseAddress else { return base }
        switch kernel {
        case .automatic: return kerko_prefix_sum(p, values.count, base)
        case .portable: return kerko_prefix_sum_portable(p, values.count, base)
        case .avx2:
            return BitPacking.hasAVX2 ? kerko_prefix_sum_avx2(p, values.count, base)
                : kerko_prefix_sum_portable(p, values.count, base)
        }
    }

    /// True when `values` strictly increase (unsigned; always for fewer than two values). After a prefix
    /// sum of gaps this is "no gap was 0 and no sum wrapped past 2³²" (a wrapped sum falls below its
    /// predecessor, since every gap is below 2³²): one vectorised pass instead of a check per gap.
    /// - Complexity: O(n).
    public static func isStrictlyIncreasing(_ values: UnsafeBufferPointer<UInt32>,
                                            kernel: BitPacking.Kernel = .automatic) -> Bool {
        guard let p = values.baseAddress else { return true }
        switch kernel {
        case .portable: return kerko_strictly_increasing_u32_portable(p, values.count) != 0
        case .automatic, .avx2: return kerko_strictly_increasing_u32(p, values.count) != 0
        }
    }

    /// `decode` and `isStrictlyIncreasing` in one pass: prefix-sums `values` from `base` in place and says
    /// whether the sums strictly increase, the first above `base` too when `firstAboveBase` (a block of doc
    /// ids after another) — i.e. no gap was 0 (but maybe the first) and no sum wrapped past 2³².
    /// - Returns: the last value (`base` if empty) and the verdict.
    /// - Complexity: O(n).
    public static func decodeIncreasing(
        _ values: UnsafeMutableBufferPointer<UInt32>, base: UInt32, firstAboveBase: Bool,
        kernel: BitPacking.Kernel = .automatic
    ) -> (last: UInt32, increasing: Bool) {
        guard let p = values.baseAddress else { return (base, true) }
        var last: UInt32 = base
        let ok: Int32
        switch kernel {
        case .portable: ok = kerko_prefix_sum_increasing_portable(p, values.count, base, firstAboveBase ? 1 : 0, &last)
        case .automatic, .avx2: ok = kerko_prefix_sum_increasing(p, values.count, base, firstAboveBase ? 1 : 0, &last)
        }
        return (last, ok != 0)
    }

    /// Adds 1 to every value in place (mod 2³²: frequencies stored as `freq − 1`); true when some value
    /// wrapped to 0 (a stored `UInt32.max`). One vectorised pass, no branch per value.
    /// - Complexity: O(n).
    public static func incrementReportingWrap(_ values: UnsafeMutableBufferPointer<UInt32>,
                                              kernel: BitPacking.Kernel = .automatic) -> Bool {
        guard let p = values.baseAddress else { return false }
        switch kernel {
        case .portable: return kerko_increment_u32_portable(p, values.count) != 0
        case .automatic, .avx2: return kerko_increment_u32(p, values.count) != 0
        }
    }

    /// The gaps of `values`, `base` before the first.
    /// - Complexity: O(n).
    public static func encoded(_ values: [UInt32], base: UInt32 = 0) -> [UInt32] {
        var out = values
        out.withUnsafeMutableBufferPointer { encode($0, base: base) }
        return out
    }

    /// The prefix sums of `gaps`, starting from `base`.
    /// - Complexity: O(n).
    public static func decoded(_ gaps: [UInt32], base: UInt32 = 0) -> [UInt32] {
        var out = gaps
        out.withUnsafeMutableBufferPointer { _ = decode($0, base: base) }
        return out
    }
}
