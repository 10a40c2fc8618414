/// An append-only little-endian byte buffer (swift-nio naming: `writeX` appends).
public struct ByteWriter: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    @inline(__always) public mutating func writeUInt8(_ v: UInt8) { bytes.append(v) }

    public mutating func writeUInt16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v)); bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    public mutating func writeUInt32(_ v: UInt32) {
        for s in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) }
    }

    public mutating func writeUInt64(_ v: UInt64) {
        for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(s))) }
    }

    /// LEB128 variable-byte integer: 7 bits per byte, low bits first, high bit set on all but the last byte.
    @inline(__always) public mutating func writeVarint(_ v: UInt64) {
        var x = v
        while x >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: x) | 0x80); x >>= 7 }
        bytes.append(UInt8(x))
    }

    @inline(__always) public mutating func writeVarint(_ v: Int) { writeVarint(UInt64(v)) }

    public mutating func writeBytes<C: Collection>(_ b: C) where C.Element == UInt8 { bytes.append(contentsOf: b) }

    /// A varint length followed by the UTF-8 bytes.
    public mutating func writeString(_ s: String) {
        let u = Array(s.utf8)
        writeVarint(u.count)
        bytes.append(contentsOf: u)
    }

    /// Overwrites 4 bytes at `offset` (does not move the end).
    public mutating func setUInt32(_ v: UInt32, at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: v >> UInt32(8 * k)) }
    }
}
