internal import CCodec

/// Bit packing of one block of 128 `UInt32` values with one bit width, in the vertical (interleaved)
/// layout of SIMD-BP128.
///
/// Reference: D. Lemire and L. Boytsov, "Decoding billions of integers per second through vectorization",
/// Software: Practice and Experience 45(1):1–29, 2015, §4 (vertical layout) and §5 (SIMD-BP128, D1 delta).
///
/// Layout of a block packed with width `b` (0…32): exactly `16·b` bytes, read as `b` words of 128 bits,
/// each word 4 little-endian `UInt32` lanes. Value `i` belongs to lane `i % 4` and sits at bit
/// `(i / 4)·b` of that lane's stream of `32·b` bits; stream bit `t` of lane `k` is bit `t % 32` of lane
/// `k` of word `t / 32`. Width 0 takes no bytes (all values equal the reference).
///
/// Frame of reference: a block may be packed relative to a `reference`; the packed quantity is
/// `(value − reference) mod 2³²` masked to `b` bits, and unpacking adds `reference` back.
///
/// The kernels live in the C target `CCodec`: an AVX2 version (compiled per function with
/// `target("avx2")`, chosen when `__builtin_cpu_supports("avx2")`) and a portable 4-lane version; both
/// produce identical results. They read exactly `16·b` bytes and write exactly 128 values.
public enum BitPacking {
    /// Values per block.
    public static let blockSize = 128

    /// Which implementation to run. Tests and benchmarks pin one; everything else uses `.automatic`.
    public enum Kernel: Sendable, CaseIterable, CustomStringConvertible {
        /// AVX2 when the CPU has it, else portable.
        case automatic
        /// 4 lanes of 32 bits through compiler vector extensions (SSE2 on x86-64).
        case portable
        /// 8 lanes of 32 bits; falls back to portable on a CPU without AVX2.
        case avx2

        public var description: String {
            switch self {
            case .automatic: "automatic"
            case .portable: "portable"
            case .avx2: "avx2"
            }
        }
    }

    /// True if this CPU runs the AVX2 kernels.
    public static var hasAVX2: Bool { kerko_codec_has_avx2() != 0 }

    /// Bytes of one block packed with `bitWidth` (0…32).
    /// - Complexity: O(1).
    @inlinable
    public static func packedByteCount(bitWidth: Int) -> Int { 16 * bitWidth }

    /// The smallest width that holds every `(value − reference) mod 2³²` of `values`: 0…32.
    /// - Complexity: O(`values.count`).
    public static func bitWidth(of values: UnsafeBufferPointer<UInt32>, reference: UInt32 = 0) -> Int {
        guard let base = values.baseAddress else { return 0 }
        return Int(kerko_max_bits_u32(base, values.count, reference))
    }

    /// The minimum of `values` (`UInt32.max` if empty): the natural frame-of-reference base.
    /// - Complexity: O(`values.count`).
    public static func minimum(of values: UnsafeBufferPointer<UInt32>) -> UInt32 {
        guard let base = values.baseAddress else { return .max }
        return kerko_min_u32(base, values.count)
    }

    // MARK: Unchecked kernels (raw pointers; the caller guarantees the sizes)

    /// Packs `values[0..<128]` with `bitWidth` into `16·bitWidth` bytes at `out`.
    ///
    /// Bits of `(value − reference)` above `bitWidth` are dropped, so a wrong width loses data but never
    /// touches neighbouring values.
    /// - Precondition: `0 <= bitWidth <= 32`; `values` has 128 elements; `out` has `16·bitWidth` bytes.
    /// - Complexity: O(128).
    @inlinable
    public static func pack(
        _ values: UnsafePointer<UInt32>, bitWidth: Int, reference: UInt32 = 0, to out: UnsafeMutableRawPointer
    ) {
        precondition(bitWidth >= 0 && bitWidth <= 32, "bit width out of 0...32")
        packKernel(values, UInt32(bitWidth), reference, out)
    }

    /// Unpacks 128 values from `16·bitWidth` bytes at `packed`: `out[i] = unpacked[i] + reference`.
    /// - Precondition: `0 <= bitWidth <= 32`; `packed` has `16·bitWidth` readable bytes; `out` has room for 128.
    /// - Complexity: O(128).
    @inlinable
    public static func unpack(
        _ packed: UnsafeRawPointer, bitWidth: Int, reference: UInt32 = 0, into out: UnsafeMutablePointer<UInt32>,
        kernel: Kernel = .automatic
    ) {
        precondition(bitWidth >= 0 && bitWidth <= 32, "bit width out of 0...32")
        unpackKernel(packed, UInt32(bitWidth), reference, out, kernel)
    }

    /// Unpacks 128 deltas and prefix-sums them in one pass (D1 delta, Lemire & Boytsov §5):
    /// `out[i] = base + Σ_{k≤i} (unpacked[k] + reference)` (mod 2³²).
    /// - Returns: `out[127]`, the base of the next block.
    /// - Precondition: as ``unpack(_:bitWidth:reference:into:kernel:)``.
    /// - Complexity: O(128).
    @inlinable
    @discardableResult
    public static func unpackDeltas(
        _ packed: UnsafeRawPointer, bitWidth: Int, reference: UInt32 = 0, base: UInt32,
        into out: UnsafeMutablePointer<UInt32>, kernel: Kernel = .automatic
    ) -> UInt32 {
        precondition(bitWidth >= 0 && bitWidth <= 32, "bit width out of 0...32")
        return unpackDeltasKernel(packed, UInt32(bitWidth), reference, base, out, kernel)
    }

    // MARK: Checked entry points (buffers; throw instead of reading out of bounds)

    /// Packs exactly 128 `values` with `bitWidth` and appends the `16·bitWidth` bytes to `writer`.
    /// - Precondition: `values.count == 128`, `0 <= bitWidth <= 32`.
    /// - Complexity: O(128).
    public static func pack(
        _ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, reference: UInt32 = 0, to writer: inout ByteWriter
    ) {
        precondition(values.count == blockSize, "a packed block holds exactly 128 values")
        precondition(bitWidth >= 0 && bitWidth <= 32, "bit width out of 0...32")
        writer.writeWithUnsafeMutableBytes(count: packedByteCount(bitWidth: bitWidth)) { out in
            if let dst = out.baseAddress { packKernel(values.baseAddress!, UInt32(bitWidth), reference, dst) }
        }
    }

    /// Unpacks one block from the front of `packed` into `out[0..<128]`.
    /// - Throws: ``CodecError/malformed(offset:reason:)`` for a width above 32,
    ///   ``CodecError/truncated(offset:)`` if `packed` is shorter than `16·bitWidth` bytes,
    ///   ``CodecError/outputTooSmall(needed:capacity:)`` if `out` holds fewer than 128 values.
    /// - Complexity: O(128).
    public static func unpack(
        _ packed: UnsafeRawBufferPointer, bitWidth: Int, reference: UInt32 = 0,
        into out: UnsafeMutableBufferPointer<UInt32>, kernel: Kernel = .automatic
    ) throws(CodecError) {
        let src = try checkBlock(packed, bitWidth: bitWidth, out: out)
        unpackKernel(src, UInt32(bitWidth), reference, out.baseAddress!, kernel)
    }

    /// Checked form of ``unpackDeltas(_:bitWidth:reference:base:into:kernel:)-(UnsafeRawPointer,_,_,_,_,_)``.
    /// - Returns: the last decoded value.
    /// - Throws: as ``unpack(_:bitWidth:reference:into:kernel:)-(UnsafeRawBufferPointer,_,_,_,_)``.
    /// - Complexity: O(128).
    @discardableResult
    public static func unpackDeltas(
        _ packed: UnsafeRawBufferPointer, bitWidth: Int, reference: UInt32 = 0, base: UInt32,
        into out: UnsafeMutableBufferPointer<UInt32>, kernel: Kernel = .automatic
    ) throws(CodecError) -> UInt32 {
        let src = try checkBlock(packed, bitWidth: bitWidth, out: out)
        return unpackDeltasKernel(src, UInt32(bitWidth), reference, base, out.baseAddress!, kernel)
    }

    static func checkBlock(
        _ packed: UnsafeRawBufferPointer, bitWidth: Int, out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) -> UnsafeRawPointer {
        guard bitWidth >= 0 && bitWidth <= 32 else {
            throw .malformed(offset: 0, reason: "bit width \(bitWidth) out of 0...32")
        }
        guard out.count >= blockSize, out.baseAddress != nil else {
            throw .outputTooSmall(needed: blockSize, capacity: out.count)
        }
        guard packed.count >= packedByteCount(bitWidth: bitWidth) else { throw .truncated(offset: packed.count) }
        // Width 0 reads nothing, and an empty buffer may have no base address.
        return packed.baseAddress ?? UnsafeRawPointer(out.baseAddress!)
    }

    // MARK: C calls (the only place CCodec's block kernels are called)

    @usableFromInline
    static func packKernel(_ values: UnsafePointer<UInt32>, _ bits: UInt32, _ reference: UInt32,
                           _ out: UnsafeMutableRawPointer) {
        kerko_bp128_pack(values, out.assumingMemoryBound(to: UInt8.self), bits, reference)
    }

    @usableFromInline
    static func unpackKernel(_ packed: UnsafeRawPointer, _ bits: UInt32, _ reference: UInt32,
                             _ out: UnsafeMutablePointer<UInt32>, _ kernel: Kernel) {
        let src = packed.assumingMemoryBound(to: UInt8.self)
        switch kernel {
        case .automatic: kerko_bp128_unpack(src, out, bits, reference)
        case .portable: kerko_bp128_unpack_portable(src, out, bits, reference)
        case .avx2:
            if hasAVX2 { kerko_bp128_unpack_avx2(src, out, bits, reference) }
            else { kerko_bp128_unpack_portable(src, out, bits, reference) }
        }
    }

    @usableFromInline
    static func unpackDeltasKernel(_ packed: UnsafeRawPointer, _ bits: UInt32, _ reference: UInt32,
                                   _ base: UInt32, _ out: UnsafeMutablePointer<UInt32>, _ kernel: Kernel) -> UInt32 {
        let src = packed.assumingMemoryBound(to: UInt8.self)
        switch kernel {
        case .automatic: return kerko_bp128_unpack_delta(src, out, bits, reference, base)
        case .portable: return kerko_bp128_unpack_delta_portable(src, out, bits, reference, base)
        case .avx2:
            return hasAVX2 ? kerko_bp128_unpack_delta_avx2(src, out, bits, reference, base)
                : kerko_bp128_unpack_delta_portable(src, out, bits, reference, base)
        }
    }
}
