internal import CCodec

/// Variable-byte integers (unsigned LEB128): 7 payload bits per byte, least significant group first, the
/// high bit set on every byte but the last. 0…127 take one byte; a `UInt32` takes at most 5 bytes, a
/// `UInt64` at most 10.
///
/// This is the "vbyte" of the information-retrieval literature (Williams & Zobel, "Compressing integers
/// for fast file access", The Computer Journal 42(3), 1999) with the byte order of DWARF/protobuf LEB128.
/// It is used for headers and small integers, for the tail (fewer than 128 values) of every block-coded
/// list, and as the whole-list codec ``VByteCodec``.
///
/// Invariant of the readers: a value is accepted only if all its bytes lie inside the buffer and it fits
/// the type (a 5th byte of a `UInt32` above 0x0F, or an 11th byte of a `UInt64`, is malformed). Encodings
/// with redundant zero groups (`0x80 0x00`) are accepted; the writers never produce them.
public enum VByte {
    /// Bytes needed for `value`: 1…5.
    /// - Complexity: O(1).
    @inlinable
    public static func encodedLength(_ value: UInt32) -> Int {
        let bits = 32 - value.leadingZeroBitCount
        return bits <= 7 ? 1 : (bits + 6) / 7
    }

    /// Bytes needed for `value`: 1…10.
    /// - Complexity: O(1).
    @inlinable
    public static func encodedLength(_ value: UInt64) -> Int {
        let bits = 64 - value.leadingZeroBitCount
        return bits <= 7 ? 1 : (bits + 6) / 7
    }

    /// Appends the encoding of `value` to `bytes`.
    /// - Complexity: O(encoded length).
    @inlinable
    public static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        append(UInt64(value), to: &bytes)
    }

    /// Appends the encoding of `value` to `bytes`.
    /// - Complexity: O(encoded length).
    @inlinable
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Decodes one `UInt32` starting at `offset` in `bytes`; nil if it is truncated or overflows.
    /// - Returns: the value and the number of bytes it took.
    /// - Complexity: O(encoded length).
    @inlinable
    public static func decode32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: UInt32, length: Int)? {
        guard offset >= 0 else { return nil }
        var value: UInt32 = 0
        var i = offset
        var shift: UInt32 = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            if shift == 28 {
                // 5th byte: only 4 payload bits are left and no continuation is allowed.
                guard byte <= 0x0F else { return nil }
                return (value | UInt32(byte) << 28, i - offset)
            }
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return (value, i - offset) }
            shift += 7
        }
        return nil
    }

    /// Decodes one `UInt64` starting at `offset` in `bytes`; nil if it is truncated or overflows.
    /// - Returns: the value and the number of bytes it took.
    /// - Complexity: O(encoded length).
    @inlinable
    public static func decode64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: UInt64, length: Int)? {
        guard offset >= 0 else { return nil }
        var value: UInt64 = 0
        var i = offset
        var shift: UInt64 = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            if shift == 63 {
                // 10th byte: one payload bit is left and no continuation is allowed.
                guard byte <= 0x01 else { return nil }
                return (value | UInt64(byte) << 63, i - offset)
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return (value, i - offset) }
            shift += 7
        }
        return nil
    }

    /// Decodes `count` `UInt32` values from the front of `bytes` into `out`, checking every byte.
    ///
    /// The loop is C (`kerko_vbyte_decode` in CCodec): while 5 bytes remain a value cannot run off the end
    /// and only its continuation bits are tested; the last bytes are fully checked.
    /// - Returns: the number of bytes consumed.
    /// - Throws: ``CodecError/truncated(offset:)`` or ``CodecError/malformed(offset:reason:)`` with the
    ///   offset of the offending value; `out` then holds the values before it.
    /// - Complexity: O(bytes consumed).
    public static func decode(
        count: Int, from bytes: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt32>
    ) throws(CodecError) -> Int {
        guard count > 0 else { return 0 }
        guard let base = bytes.baseAddress else { throw .truncated(offset: 0) }
        var end = 0
        let status = kerko_vbyte_decode(base.assumingMemoryBound(to: UInt8.self), bytes.count, out, count, &end)
        switch Int(status) {
        case Int(KERKO_VBYTE_OK): return end
        case Int(KERKO_VBYTE_TRUNCATED): throw .truncated(offset: end)
        default: throw .malformed(offset: end, reason: "varint overflows UInt32")
        }
    }
}
