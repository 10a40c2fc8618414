/// A growable byte buffer for encoders: fixed-width little-endian integers, varints and packed blocks.
///
/// `writeX` appends at the end; `setX(_:at:)` overwrites bytes already written (for a length or offset
/// patched in after the fact) and leaves the end alone.
///
/// Invariant: `bytes` is exactly what was written, in order; nothing is ever padded implicitly.
public struct ByteWriter: Sendable {
    /// Everything written so far.
    public internal(set) var bytes: [UInt8]

    /// An empty writer, optionally with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written (the offset the next write goes to).
    /// - Complexity: O(1).
    @inlinable public var count: Int { bytes.count }

    /// Makes room for `count` more bytes without reallocating.
    /// - Complexity: O(current size) at most.
    public mutating func reserveCapacity(additional count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Removes everything written, keeping the capacity.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends one byte.
    /// - Complexity: amortised O(1).
    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    /// Appends `value` as 2 little-endian bytes.
    /// - Complexity: amortised O(1).
    public mutating func writeUInt16LE(_ value: UInt16) { writeInteger(value) }

    /// Appends `value` as 4 little-endian bytes.
    /// - Complexity: amortised O(1).
    public mutating func writeUInt32LE(_ value: UInt32) { writeInteger(value) }

    /// Appends `value` as 8 little-endian bytes.
    /// - Complexity: amortised O(1).
    public mutating func writeUInt64LE(_ value: UInt64) { writeInteger(value) }

    /// Appends `value` as a varint (1…5 bytes, see ``VByte``).
    /// - Complexity: amortised O(length).
    public mutating func writeVByte(_ value: UInt32) { VByte.append(value, to: &bytes) }

    /// Appends `value` as a varint (1…10 bytes, see ``VByte``).
    /// - Complexity: amortised O(length).
    public mutating func writeVByte(_ value: UInt64) { VByte.append(value, to: &bytes) }

    /// Appends raw bytes.
    /// - Complexity: amortised O(`other.count`).
    public mutating func writeBytes(_ other: UnsafeRawBufferPointer) { bytes.append(contentsOf: other) }

    /// Appends raw bytes.
    /// - Complexity: amortised O(`other.count`).
    public mutating func writeBytes(_ other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

    /// Appends `count` zero bytes and lets `body` fill them in place (used by the block packers).
    /// - Complexity: amortised O(`count`) plus `body`.
    public mutating func writeWithUnsafeMutableBytes(count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        precondition(count >= 0, "negative byte count")
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { all in
            body(UnsafeMutableRawBufferPointer(rebasing: all[start ..< start + count]))
        }
    }

    /// Overwrites 4 bytes at `offset` with `value`, little-endian. `offset + 4` must not exceed ``count``.
    /// - Complexity: O(1).
    public mutating func setUInt32LE(_ value: UInt32, at offset: Int) { setInteger(value, at: offset) }

    /// Overwrites 8 bytes at `offset` with `value`, little-endian. `offset + 8` must not exceed ``count``.
    /// - Complexity: O(1).
    public mutating func setUInt64LE(_ value: UInt64, at offset: Int) { setInteger(value, at: offset) }

    mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func setInteger<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= bytes.count, "setX(_:at:) past the end")
        withUnsafeBytes(of: value.littleEndian) { src in
            for (i, b) in src.enumerated() { bytes[offset + i] = b }
        }
    }
}
