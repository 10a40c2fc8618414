/// Every value as a varint (``VByte``): the simple, byte-aligned baseline codec (name `"vbyte-v1"`).
///
/// Useful for short lists and as the reference the block codecs are measured against (PISA registers the
/// same "varint" family beside its SIMD codecs). Blocks are 128 values so lists can share skip data with
/// ``BP128VerticalCodec``.
public enum VByteCodec: BlockCodec {
    public static var name: String { "vbyte-v1" }
    public static var blockSize: Int { BitPacking.blockSize }

    /// - Complexity: O(`values.count`).
    public static func encodeBlock(_ values: UnsafeBufferPointer<UInt32>, to writer: inout ByteWriter) {
        precondition(values.count >= 1 && values.count <= blockSize, "a block holds 1...128 values")
        for v in values { writer.writeVByte(v) }
    }

    /// - Complexity: O(`count`).
    public static func decodeBlock(
        count: Int, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) {
        try validate(count: count, capacity: out.count, at: reader.readerIndex)
        if count > 0 { try readVBytes(count: count, from: &reader, into: out.baseAddress!) }
    }

    /// Reads `count` varints at the cursor; errors carry absolute offsets.
    static func readVBytes(count: Int, from reader: inout ByteReader, into out: UnsafeMutablePointer<UInt32>) throws(CodecError) {
        let start = reader.readerIndex
        let rest = UnsafeRawBufferPointer(rebasing: reader.bytes[start...])
        let consumed: Int
        do throws(CodecError) {
            consumed = try VByte.decode(count: count, from: rest, into: out)
        } catch {
            throw error.shifted(by: start)
        }
        reader.skip(consumed)
    }
}

extension CodecError {
    /// The same error with its offset moved by `delta` (relative → absolute).
    func shifted(by delta: Int) -> CodecError {
        switch self {
        case .truncated(let offset): .truncated(offset: offset + delta)
        case .malformed(let offset, let reason): .malformed(offset: offset + delta, reason: reason)
        default: self
        }
    }
}
