/// The integer codec the postings and positions formats are written with, by name (PISA's codec registry:
/// the name is recorded in each segment's info file, so the format says which codec was used).
///
/// TEMPORARY stand-in until the `Codec` module's API lands: full blocks of 128 are bit-packed at the block's
/// maximum width (frame of reference with base 0, horizontal layout), shorter tails are LEB128 varints.
public protocol BlockEncoder: Sendable {
    /// The registry name written into segment info files.
    var name: String { get }
    /// Appends the encoding of `values` (`values.count` ≤ `blockSize`).
    func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter)
    /// Decodes `count` values (as encoded by `encode` with that count) into `out[0..<count]`.
    func decode(_ r: inout ByteReader, count: Int, into out: UnsafeMutableBufferPointer<UInt32>) throws
}

public let blockSize = 128

/// Codecs this build reads, by name.
public enum BlockEncoders {
    public static let `default`: any BlockEncoder = PackedBlockEncoder()

    public static func named(_ name: String) -> (any BlockEncoder)? {
        name == PackedBlockEncoder().name ? PackedBlockEncoder() : nil
    }
}

/// Full blocks: one width byte w, then 128 values of w bits, little-endian bit order (16·w bytes).
/// Tails: one LEB128 varint per value.
public struct PackedBlockEncoder: BlockEncoder {
    public init() {}
    public var name: String { "storage-for128-vbyte" }

    public func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter) {
        if values.count < blockSize {
            for v in values { w.writeVarint(UInt64(v)) }
            return
        }
        var or: UInt32 = 0
        for v in values { or |= v }
        let width = or == 0 ? 0 : 32 - or.leadingZeroBitCount
        w.writeUInt8(UInt8(width))
        if width == 0 { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v) << UInt64(bits)
            bits += width
            while bits >= 8 {
                w.writeUInt8(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { w.writeUInt8(UInt8(truncatingIfNeeded: acc)) }
    }

    public func decode(_ r: inout ByteReader, count: Int, into out: UnsafeMutableBufferPointer<UInt32>) throws {
        if count < blockSize {
            for i in 0..<count {
                let v = try r.readVarint()
                if v > UInt64(UInt32.max) { throw Truncated(what: "varint \(v) over 32 bits") }
                out[i] = UInt32(v)
            }
            return
        }
        let width = Int(try r.readUInt8())
        if width > 32 { throw Truncated(what: "bit width \(width) over 32") }
        if width == 0 {
            for i in 0..<count { out[i] = 0 }
            return
        }
        let bytes = try r.readBytes(count * width / 8)
        let mask: UInt64 = (1 << UInt64(width)) - 1
        var bitPos = 0
        for i in 0..<count {
            let byte = bitPos >> 3, shift = bitPos & 7
            var word: UInt64 = 0
            let avail = min(8, bytes.count - byte)
            for k in 0..<avail { word |= UInt64(bytes[byte + k]) << UInt64(8 * k) }
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(shift)) & mask)
            bitPos += width
        }
    }
}

/// One-byte field-length norms: Lucene's `SmallFloat.intToByte4` (exact below 24, then 4 significant bits),
/// which rounds down, so a decoded length never exceeds the true one (block-max bounds stay upper bounds).
public enum NormEncoding {
    static let freeValues = 24   // 255 - longToInt4(Int32.max)

    static func longToInt4(_ i: Int) -> Int {
        let numBits = i == 0 ? 0 : Int.bitWidth - i.leadingZeroBitCount
        if numBits < 4 { return i }
        let shift = numBits - 4
        return ((i >> shift) & 0x07) | ((shift + 1) << 3)
    }

    static func int4ToLong(_ i: Int) -> Int {
        let bits = i & 0x07, shift = (i >> 3) - 1
        return shift == -1 ? bits : (bits | 0x08) << shift
    }

    public static func encode(_ length: Int) -> UInt8 {
        let l = max(0, min(length, Int(Int32.max)))
        return l < freeValues ? UInt8(l) : UInt8(freeValues + longToInt4(l - freeValues))
    }

    public static func decode(_ b: UInt8) -> Int {
        let i = Int(b)
        return i < freeValues ? i : freeValues + int4ToLong(i - freeValues)
    }
}
