/// An integer-list codec: `UInt32` lists cut into blocks of ``blockSize`` values, each block encoded on its
/// own so that a reader can jump to block *k* (through skip data kept by the index) and decode only it.
///
/// Modelled on PISA's block codecs (pisa-engine/pisa, `include/pisa/codec/block_codecs.hpp`): one
/// interface, several implementations, and a registry by ``name`` (``CodecRegistry``) whose entry is
/// written into the index so a reader knows how its lists were encoded.
///
/// A list of `n` values is `n / blockSize` full blocks followed by one shorter block of `n % blockSize`
/// values if that is not zero; the count is *not* stored — the caller keeps it (a term's document
/// frequency, a posting's term frequency) and passes it back to decode. Delta-coded lists (doc ids,
/// positions) carry the running value across blocks: block *k* is decoded with the last value of block
/// *k − 1* as its `base` (0, or any agreed value, for the first block).
///
/// Contract for implementations:
/// - `decodeBlock(count:…)` of what `encodeBlock` wrote with that count gives the values back, for every
///   count in `1…blockSize` and every `UInt32` value;
/// - every non-empty block takes at least one byte (so a corrupt count can be rejected before allocating);
/// - decoding reads only inside the reader's buffer and throws ``CodecError`` on any truncated or
///   malformed input; it never traps on bad bytes.
public protocol BlockCodec: Sendable {
    /// Stable identifier written into the index, e.g. `"bp128-vertical-v1"`. A format change gets a new name.
    static var name: String { get }

    /// Values per full block.
    static var blockSize: Int { get }

    /// Appends the encoding of one block of `1…blockSize` values (only the last block of a list may be short).
    static func encodeBlock(_ values: UnsafeBufferPointer<UInt32>, to writer: inout ByteWriter)

    /// Decodes one block of `count` values (as it was encoded) from the reader's cursor into `out[0..<count]`
    /// and moves the cursor past it.
    /// - Throws: ``CodecError``; the cursor is then unspecified and `out` may hold a partial result.
    static func decodeBlock(
        count: Int, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError)

    /// Decodes one block of gaps and prefix-sums it from `base` (see ``Delta``).
    /// - Returns: the last value of the block (the `base` of the next one).
    static func decodeDeltaBlock(
        count: Int, base: UInt32, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) -> UInt32
}

extension BlockCodec {
    /// Default: decode the gaps, then prefix-sum them.
    public static func decodeDeltaBlock(
        count: Int, base: UInt32, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) -> UInt32 {
        try decodeBlock(count: count, from: &reader, into: out)
        return Delta.decode(UnsafeMutableBufferPointer(rebasing: out[0 ..< count]), base: base)
    }

    /// Checks a decode request before any byte is read.
    static func validate(count: Int, capacity: Int, at offset: Int) throws(CodecError) {
        guard count >= 0 else { throw .malformed(offset: offset, reason: "negative count \(count)") }
        guard count <= capacity else { throw .outputTooSmall(needed: count, capacity: capacity) }
    }
}

// MARK: Whole lists

extension BlockCodec {
    /// Appends `values` as full blocks plus a short last block.
    /// - Complexity: O(n).
    public static func encode(_ values: UnsafeBufferPointer<UInt32>, to writer: inout ByteWriter) {
        var start = 0
        while start < values.count {
            let end = min(start + blockSize, values.count)
            encodeBlock(UnsafeBufferPointer(rebasing: values[start ..< end]), to: &writer)
            start = end
        }
    }

    /// Appends the gaps of `values` (`base` before the first), block by block.
    /// - Complexity: O(n).
    public static func encodeDeltas(_ values: UnsafeBufferPointer<UInt32>, base: UInt32 = 0, to writer: inout ByteWriter) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: blockSize) { gaps in
            var start = 0
            var previous = base
            while start < values.count {
                let end = min(start + blockSize, values.count)
                let block = UnsafeBufferPointer(rebasing: values[start ..< end])
                let out = UnsafeMutableBufferPointer(rebasing: gaps[0 ..< block.count])
                Delta.encode(block, base: previous, into: out)
                encodeBlock(UnsafeBufferPointer(out), to: &writer)
                previous = block[block.count - 1]
                start = end
            }
        }
    }

    /// Decodes a list of `count` values from the reader's cursor into `out[0..<count]`.
    /// - Throws: ``CodecError`` on truncated or malformed bytes, or if `out` is too small.
    /// - Complexity: O(count).
    public static func decode(
        count: Int, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) {
        try validate(count: count, capacity: out.count, at: reader.readerIndex)
        var start = 0
        while start < count {
            let end = min(start + blockSize, count)
            try decodeBlock(count: end - start, from: &reader, into: UnsafeMutableBufferPointer(rebasing: out[start ..< end]))
            start = end
        }
    }

    /// Decodes a delta-coded list of `count` values (first gap taken from `base`).
    /// - Returns: the last value, or `base` if `count` is 0.
    /// - Complexity: O(count).
    @discardableResult
    public static func decodeDeltas(
        count: Int, base: UInt32 = 0, from reader: inout ByteReader, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) -> UInt32 {
        try validate(count: count, capacity: out.count, at: reader.readerIndex)
        var start = 0
        var last = base
        while start < count {
            let end = min(start + blockSize, count)
            last = try decodeDeltaBlock(
                count: end - start, base: last, from: &reader, into: UnsafeMutableBufferPointer(rebasing: out[start ..< end]))
            start = end
        }
        return last
    }

    // MARK: Array conveniences (tests, tools, small lists)

    /// The encoding of `values`.
    public static func encode(_ values: [UInt32]) -> [UInt8] {
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { encode($0, to: &writer) }
        return writer.bytes
    }

    /// The delta encoding of `values`, `base` before the first.
    public static func encodeDeltas(_ values: [UInt32], base: UInt32 = 0) -> [UInt8] {
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { encodeDeltas($0, base: base, to: &writer) }
        return writer.bytes
    }

    /// Decodes `count` values from the reader's cursor into a new array.
    ///
    /// `count` is checked against the bytes left (every block takes at least one byte) before anything is
    /// allocated, so a corrupt count cannot ask for gigabytes.
    public static func decode(count: Int, from reader: inout ByteReader) throws(CodecError) -> [UInt32] {
        try checkPlausible(count: count, reader: reader)
        var failure: CodecError?
        let values = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(CodecError) {
                try decode(count: count, from: &reader, into: buffer)
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    /// Decodes a delta-coded list of `count` values from the reader's cursor into a new array.
    public static func decodeDeltas(count: Int, base: UInt32 = 0, from reader: inout ByteReader) throws(CodecError) -> [UInt32] {
        try checkPlausible(count: count, reader: reader)
        var failure: CodecError?
        let values = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(CodecError) {
                try decodeDeltas(count: count, base: base, from: &reader, into: buffer)
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    static func checkPlausible(count: Int, reader: ByteReader) throws(CodecError) {
        guard count >= 0 else { throw .malformed(offset: reader.readerIndex, reason: "negative count \(count)") }
        let blocks = count / blockSize + (count % blockSize == 0 ? 0 : 1)
        guard blocks <= reader.readableBytes else { throw .truncated(offset: reader.bytes.count) }
    }
}

// MARK: Entry points for callers with their own byte cursor

extension BlockCodec {
    /// Appends one block's encoding to a plain byte array (for writers that keep their own buffer type).
    /// - Complexity: O(`values.count`); the array is moved, not copied.
    public static func encodeBlock(_ values: UnsafeBufferPointer<UInt32>, appendingTo bytes: inout [UInt8]) {
        var writer = ByteWriter()
        swap(&writer.bytes, &bytes)
        encodeBlock(values, to: &writer)
        swap(&writer.bytes, &bytes)
    }

    /// Decodes one block starting at `offset` in `bytes` and advances `offset` past it (for readers that keep
    /// their own cursor). On error `offset` is unchanged.
    /// - Complexity: O(`count`).
    public static func decodeBlock(
        count: Int, from bytes: UnsafeRawBufferPointer, offset: inout Int, into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) {
        guard offset >= 0 && offset <= bytes.count else { throw .truncated(offset: offset) }
        var reader = ByteReader(bytes, readerIndex: offset)
        try decodeBlock(count: count, from: &reader, into: out)
        offset = reader.readerIndex
    }

    /// Decodes one delta-coded block starting at `offset` in `bytes`, advancing `offset` past it.
    /// - Returns: the last value (the `base` of the next block).
    /// - Complexity: O(`count`).
    public static func decodeDeltaBlock(
        count: Int, base: UInt32, from bytes: UnsafeRawBufferPointer, offset: inout Int,
        into out: UnsafeMutableBufferPointer<UInt32>
    ) throws(CodecError) -> UInt32 {
        guard offset >= 0 && offset <= bytes.count else { throw .truncated(offset: offset) }
        var reader = ByteReader(bytes, readerIndex: offset)
        let last = try decodeDeltaBlock(count: count, base: base, from: &reader, into: out)
        offset = reader.readerIndex
        return last
    }
}
