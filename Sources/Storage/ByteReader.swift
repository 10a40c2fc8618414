/// A bounds-checked little-endian reader over bytes borrowed inside a `withUnsafeBytes` scope
/// (swift-nio naming: `readX` moves the cursor, `getX(at:)` does not). Every read past the end throws, so a
/// damaged file can never make a decoder read out of bounds.
public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    public var offset: Int
    public let end: Int

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
    }

    public var remaining: Int { end - offset }

    @inline(__always) mutating func need(_ n: Int) throws {
        if n < 0 || offset < 0 || offset + n > end { throw Truncated(what: "read of \(n) bytes at \(offset) past end \(end)") }
    }

    @inline(__always) public mutating func readUInt8() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt16() throws -> UInt16 {
        try need(2)
        defer { offset += 2 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian
    }

    public mutating func readUInt32() throws -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }

    public mutating func readUInt64() throws -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    /// Reads a LEB128 varint (at most 10 bytes).
    @inline(__always) public mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            if offset >= end { throw Truncated(what: "varint past end") }
            let b = bytes[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw Truncated(what: "varint longer than 10 bytes") }
        }
    }

    /// A varint that must fit in `Int` and be at most `limit`.
    @inline(__always) public mutating func readCount(max limit: Int = Int(Int32.max)) throws -> Int {
        let v = try readVarint()
        if v > UInt64(limit) { throw Truncated(what: "count \(v) over \(limit)") }
        return Int(v)
    }

    @inline(__always) public mutating func readBytes(_ n: Int) throws -> UnsafeRawBufferPointer {
        try need(n)
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
    }

    public mutating func readString() throws -> String {
        let n = try readCount(max: remaining)
        return String(decoding: try readBytes(n), as: UTF8.self)
    }

    public func getUInt8(at o: Int) throws -> UInt8 {
        if o < 0 || o + 1 > end { throw Truncated(what: "read of 1 byte at \(o)") }
        return bytes[o]
    }

    public func getUInt32(at o: Int) throws -> UInt32 {
        if o < 0 || o + 4 > end { throw Truncated(what: "read of 4 bytes at \(o)") }
        return bytes.loadUnaligned(fromByteOffset: o, as: UInt32.self).littleEndian
    }

    public func getUInt64(at o: Int) throws -> UInt64 {
        if o < 0 || o + 8 > end { throw Truncated(what: "read of 8 bytes at \(o)") }
        return bytes.loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian
    }
}
