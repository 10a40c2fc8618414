/// The postings and positions codec: SIMD-BP128 vertical bit packing with a frame of reference for full
/// blocks of 128 values, variable bytes for the short last block.
///
/// Reference: D. Lemire and L. Boytsov, "Decoding billions of integers per second through vectorization",
/// Software: Practice and Experience 45(1), 2015 — SIMD-BP128 (§5) in the vertical layout (§4); see
/// ``BitPacking`` for the bit layout.
///
/// Block format (name `"bp128-vertical-v1"`):
/// - a full block (128 values): one header byte — bits 0…5 the width `b` (0…32), bit 7 set if a
///   frame-of-reference base follows, bit 6 zero — then the base as a varint if present, then the
///   `16·b` bytes of ``BitPacking``. Values are `base + unpacked` (mod 2³²).
/// - a short block (1…127 values): each value as a varint (``VByte``).
///
/// The encoder takes the block minimum as the base when that makes the block smaller (a block of gaps all
/// equal to 1 — a dense posting list — packs to 2 bytes; term frequencies, all ≥ 1, lose their +1).
/// Delta-coded blocks unpack and prefix-sum in one pass (the D1 decoder of the paper).
public enum BP128VerticalCodec: BlockCodec {
    public static var name: String { "bp128-vertical-v1" }
    public static var blockSize: Int { BitPacking.blockSize }

    static let widthMask: UInt8 = 0x3F
    static let referenceFlag: UInt8 = 0x80

    /// - Complexity: O(`values.count`).
    public static func encodeBlock(_ values: UnsafeBufferPointer<UInt32>, to writer: inout ByteWriter) {
        precondition(values.count >= 1 && values.count <= blockSize, "a block holds 1...128 values")
        guard values.count == blockSize else {
            for v in values { writer.writeVByte(v) }
            return
        }
        let plainWidth = BitPacking.bitWidth(of: values)
        let minimum = BitPacking.minimum(of: values)
        let referenceWidth = BitPacking.bitWidth(of: values, reference: minimum)
        let plainCost = BitPacking.packedByteCount(bitWidth: plainWidth)
        let referenceCost = VByte.encodedLength(minimum) + BitPacking.packedByteCount(bitWidth: referenceWidth)
        if minimum != 0 && referenceCost < plainCost {
            writer.writeUInt8(UInt8(referenceWidth) | referenceFlag)
            writer.writeVByte(minimum)
            BitPacking.pack(values, bitWidth: referenceWidth, reference: minimum, to: &writer)
        } else {
            writer.writeUInt8(UInt8(plainWidth))
            BitPacking.pack(values, bitWidth: plainWidth, to: &writer)
        }
    }

    /// - Complexity: O(`count`).
    public static func decodeBlock(
        count: Int, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) {
        try validate(count: count, capacity: out.count, at: reader.readerIndex)
        if count == blockSize {
            let (width, reference, packed) = try readPackedHeader(&reader)
            BitPacking.unpack(packed, bitWidth: width, reference: reference, into: out.baseAddress!)
        } else if count > 0 {
            try readVByteTail(count: count, from: &reader, into: out.baseAddress!)
        }
    }

    /// - Complexity: O(`count`).
    public static func decodeDeltaBlock(
        count: Int, base: UInt32, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) -> UInt32 {
        try validate(count: count, capacity: out.count, at: reader.readerIndex)
        if count == blockSize {
            let (width, reference, packed) = try readPackedHeader(&reader)
            return BitPacking.unpackDeltas(packed, bitWidth: width, reference: reference, base: base, into: out.baseAddress!)
        } else if count > 0 {
            try readVByteTail(count: count, from: &reader, into: out.baseAddress!)
            return Delta.decode(UnsafeMutableBufferPointer(rebasing: out[0 ..< count]), base: base)
        }
        return base
    }

    /// Decodes a full block (128 values) adding `addend` to every value (mod 2³²): frequencies stored minus
    /// one come back through the frame of reference in the unpacking pass instead of a pass of their own.
    /// - Returns: true when some value wrapped (stored value + `addend` ≥ 2³²); the values are then still
    ///   the sums mod 2³².
    /// - Complexity: O(128).
    public static func decodeFullBlock(
        from reader: inout ByteReader, adding addend: UInt32, into out: UnsafeMutablePointer<UInt32>
    ) throws(CodecError) -> Bool {
        let (width, reference, packed) = try readPackedHeader(&reader)
        // The largest value is below reference + 2^width: no wrap possible when that stays in 32 bits.
        let top = UInt64(reference) + UInt64(addend) + (UInt64(1) << UInt64(width)) - 1
        if top <= UInt64(UInt32.max) {
            BitPacking.unpack(packed, bitWidth: width, reference: reference &+ addend, into: out)
            return false
        }
        BitPacking.unpack(packed, bitWidth: width, reference: reference, into: out)
        var wrapped = false
        for i in 0 ..< blockSize {
            let (sum, overflow) = out[i].addingReportingOverflow(addend)
            out[i] = sum
            wrapped = wrapped || overflow
        }
        return wrapped
    }

    /// Reads a full block's header and returns a pointer to its `16·width` packed bytes, all checked.
    @inline(__always)
    static func readPackedHeader(_ reader: inout ByteReader) throws(CodecError) -> (Int, UInt32, UnsafeRawPointer) {
        let start = reader.readerIndex
        guard let header = reader.readUInt8() else { throw .truncated(offset: start) }
        let width = Int(header & widthMask)
        guard width <= 32 && header & 0x40 == 0 else {
            throw .malformed(offset: start, reason: "block header 0x\(String(header, radix: 16))")
        }
        var reference: UInt32 = 0
        if header & referenceFlag != 0 {
            guard let r = reader.readVByte32() else {
                throw reader.readableBytes >= 5 ? .malformed(offset: start + 1, reason: "reference varint overflows UInt32")
                    : .truncated(offset: start + 1)
            }
            reference = r
        }
        let byteCount = BitPacking.packedByteCount(bitWidth: width)
        guard let packed = reader.readBytes(count: byteCount) else { throw .truncated(offset: reader.readerIndex) }
        // A width-0 block reads no bytes; any valid pointer will do for the kernel.
        return (width, reference, packed.baseAddress ?? UnsafeRawPointer(bitPattern: 0x10)!)
    }

    static func readVByteTail(
        count: Int, from reader: inout ByteReader, into out: UnsafeMutablePointer<UInt32>
    ) throws(CodecError) {
        try VByteCodec.readVBytes(count: count, from: &reader, into: out)
    }
}
