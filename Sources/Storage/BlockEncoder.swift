import Codec

/// The integer codec the postings and positions formats are written with: a `Codec` block codec
/// (`CodecRegistry`), whose name is recorded in each segment info file so the format says which codec
/// encoded it (PISA's registry by name). This adapter bridges the codec's byte buffers to the storage
/// layer's bounds-checked readers and turns `CodecError` into corruption of the file being read.
public protocol BlockEncoder: Sendable {
    /// The registry name written into segment info files.
    var name: String { get }
    /// Appends the encoding of `values` (`1 ≤ values.count ≤ blockSize`; only a list's last block is short).
    func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter)
    /// `encode(_:into:)` with a caller-owned scratch buffer (a writer encoding many short lists reuses one
    /// instead of allocating per call). Appends exactly what `encode(_:into:)` appends.
    func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter, scratch: inout Codec.ByteWriter)
    /// Decodes `count` values (as encoded by `encode` with that count) into `out[0..<count]`.
    func decode(_ r: inout ByteReader, count: Int, into out: UnsafeMutableBufferPointer<UInt32>) throws
}

/// Values per block (the codec's block size, 128).
public let blockSize = 128

/// The codecs this build reads, by name.
public enum BlockEncoders {
    /// What new segments are written with: `CodecRegistry.defaultCodec` (SIMD-BP128 vertical).
    public static var `default`: any BlockEncoder { adapter(CodecRegistry.defaultCodec) }

    public static func named(_ name: String) -> (any BlockEncoder)? {
        CodecRegistry.codec(named: name).map { adapter($0) }
    }

    static func adapter(_ c: any BlockCodec.Type) -> any BlockEncoder {
        func open<C: BlockCodec>(_ t: C.Type) -> any BlockEncoder { CodecBlockEncoder<C>() }
        precondition(c.blockSize == blockSize, "codec \(c.name) has blocks of \(c.blockSize), the format needs \(blockSize)")
        return open(c)
    }
}

/// One `BlockCodec`, specialised (generic over the codec type, so the hot loop has no existential calls).
struct CodecBlockEncoder<C: BlockCodec>: BlockEncoder {
    var name: String { C.name }

    func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter) {
        guard values.count > 0 else { return }
        var scratch = Codec.ByteWriter(capacity: values.count * 4 + 8)
        C.encodeBlock(values, to: &scratch)
        w.writeBytes(scratch.bytes)
    }

    func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter, scratch: inout Codec.ByteWriter) {
        guard values.count > 0 else { return }
        scratch.removeAll()
        C.encodeBlock(values, to: &scratch)
        w.writeBytes(scratch.bytes)
    }

    func decode(_ r: inout ByteReader, count: Int, into out: UnsafeMutableBufferPointer<UInt32>) throws {
        guard count > 0 else { return }
        var cr = Codec.ByteReader(UnsafeRawBufferPointer(rebasing: r.bytes[0..<r.end]), readerIndex: r.offset)
        do throws(CodecError) {
            try C.decodeBlock(count: count, from: &cr, into: out)
        } catch {
            throw Truncated(what: "\(C.name) block at byte \(r.offset): \(error)")
        }
        r.offset = cr.readerIndex
    }
}

/// One-byte field-length norms: `Codec.NormQuantizer` (Lucene's `SmallFloat.intToByte4`), which rounds
/// down, so a decoded length never exceeds the true one and block-max bounds stay upper bounds.
public enum NormEncoding {
    @inline(__always) public static func encode(_ length: Int) -> UInt8 {
        NormQuantizer.encode(UInt32(clamping: max(0, length)))
    }

    @inline(__always) public static func decode(_ b: UInt8) -> Int { Int(NormQuantizer.decode(b)) }
}
