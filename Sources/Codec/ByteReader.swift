/// A cursor over bytes the caller owns — typically a memory-mapped index file — for headers, varints and
/// the blocks of ``BlockCodec``s. It never copies and never reads outside `bytes`.
///
/// Naming (as in swift-nio's `ByteBuffer`): `readX` returns the value at the cursor and moves the cursor
/// past it; `getX(at:)` reads at an absolute offset and leaves the cursor alone. Reading past the end, or a
/// malformed varint, returns nil and leaves the cursor where it was.
///
/// Invariant: `0 <= readerIndex <= bytes.count`.
///
/// The reader does not own its memory: `bytes` must stay valid (the mapping open, the array pinned inside
/// its `withUnsafeBytes`) for as long as the reader, and any buffer returned by ``readBytes(count:)``, is used.
public struct ByteReader {
    /// The bytes being read.
    public let bytes: UnsafeRawBufferPointer
    /// Offset of the next byte `readX` will consume.
    @inlinable public var readerIndex: Int { _readerIndex }
    @usableFromInline var _readerIndex: Int

    /// A reader positioned at `readerIndex` (clamped into `0...bytes.count`).
    public init(_ bytes: UnsafeRawBufferPointer, readerIndex: Int = 0) {
        self.bytes = bytes
        self._readerIndex = min(max(readerIndex, 0), bytes.count)
    }

    /// Bytes left after the cursor.
    /// - Complexity: O(1).
    @inlinable public var readableBytes: Int { bytes.count - readerIndex }

    /// True when nothing is left to read.
    @inlinable public var isAtEnd: Bool { readerIndex >= bytes.count }

    /// Moves the cursor to `offset`; false (cursor unchanged) if it lies outside `0...bytes.count`.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func moveReaderIndex(to offset: Int) -> Bool {
        guard offset >= 0 && offset <= bytes.count else { return false }
        _readerIndex = offset
        return true
    }

    /// Skips `count` bytes; false (cursor unchanged) if fewer are left or `count` is negative.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func skip(_ count: Int) -> Bool {
        guard count >= 0 && count <= readableBytes else { return false }
        _readerIndex += count
        return true
    }

    // MARK: get (cursor unchanged)

    /// The byte at `offset`, or nil outside the buffer.
    /// - Complexity: O(1).
    @inlinable
    public func getUInt8(at offset: Int) -> UInt8? {
        guard offset >= 0 && offset < bytes.count else { return nil }
        return bytes[offset]
    }

    /// The little-endian `UInt16` at `offset`, or nil if it does not fit in the buffer.
    /// - Complexity: O(1).
    @inlinable
    public func getUInt16LE(at offset: Int) -> UInt16? { getInteger(at: offset) }

    /// The little-endian `UInt32` at `offset`, or nil if it does not fit in the buffer.
    /// - Complexity: O(1).
    @inlinable
    public func getUInt32LE(at offset: Int) -> UInt32? { getInteger(at: offset) }

    /// The little-endian `UInt64` at `offset`, or nil if it does not fit in the buffer.
    /// - Complexity: O(1).
    @inlinable
    public func getUInt64LE(at offset: Int) -> UInt64? { getInteger(at: offset) }

    /// The varint at `offset` and its length in bytes, or nil if truncated or malformed (see ``VByte``).
    /// - Complexity: O(length).
    @inlinable
    public func getVByte32(at offset: Int) -> (value: UInt32, length: Int)? { VByte.decode32(bytes, at: offset) }

    /// The 64-bit varint at `offset` and its length in bytes, or nil if truncated or malformed.
    /// - Complexity: O(length).
    @inlinable
    public func getVByte64(at offset: Int) -> (value: UInt64, length: Int)? { VByte.decode64(bytes, at: offset) }

    /// `count` bytes at `offset` as a view into the same memory (no copy), or nil if they do not fit.
    /// - Complexity: O(1).
    @inlinable
    public func getBytes(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0, count <= bytes.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count])
    }

    @inlinable
    func getInteger<T: FixedWidthInteger>(at offset: Int) -> T? {
        guard offset >= 0 && MemoryLayout<T>.size <= bytes.count - offset else { return nil }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    // MARK: read (cursor moves)

    /// Reads one byte.
    /// - Complexity: O(1).
    @inlinable
    public mutating func readUInt8() -> UInt8? {
        guard let v = getUInt8(at: readerIndex) else { return nil }
        _readerIndex += 1
        return v
    }

    /// Reads a little-endian `UInt16`.
    /// - Complexity: O(1).
    @inlinable
    public mutating func readUInt16LE() -> UInt16? { readInteger() }

    /// Reads a little-endian `UInt32`.
    /// - Complexity: O(1).
    @inlinable
    public mutating func readUInt32LE() -> UInt32? { readInteger() }

    /// Reads a little-endian `UInt64`.
    /// - Complexity: O(1).
    @inlinable
    public mutating func readUInt64LE() -> UInt64? { readInteger() }

    /// Reads a varint (unsigned LEB128) of at most 5 bytes.
    /// - Complexity: O(length).
    @inlinable
    public mutating func readVByte32() -> UInt32? {
        guard let (v, n) = getVByte32(at: readerIndex) else { return nil }
        _readerIndex += n
        return v
    }

    /// Reads a varint (unsigned LEB128) of at most 10 bytes.
    /// - Complexity: O(length).
    @inlinable
    public mutating func readVByte64() -> UInt64? {
        guard let (v, n) = getVByte64(at: readerIndex) else { return nil }
        _readerIndex += n
        return v
    }

    /// Reads `count` bytes as a view into the same memory (no copy).
    /// - Complexity: O(1).
    @inlinable
    public mutating func readBytes(count: Int) -> UnsafeRawBufferPointer? {
        guard let v = getBytes(at: readerIndex, count: count) else { return nil }
        _readerIndex += count
        return v
    }

    @inlinable
    mutating func readInteger<T: FixedWidthInteger>() -> T? {
        guard let v: T = getInteger(at: readerIndex) else { return nil }
        _readerIndex += MemoryLayout<T>.size
        return v
    }
}
