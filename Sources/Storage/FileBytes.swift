import CCodec
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read-only bytes of one index file: a memory mapping (the one owner that unmaps it in `deinit`) or,
/// for the in-memory directory, a private copy of an array (freed in `deinit`). Either way the bytes stay at
/// one address for the object's lifetime, so a reader that holds the `FileBytes` may keep pointers into it
/// (`bodyBase`: `SearchPostings` reads its skip table in place). Decoders borrow the bytes and never copy.
public final class FileBytes: @unchecked Sendable {
    // @unchecked: the bytes are read-only (PROT_READ, or a copy nobody writes) for the object's lifetime.
    public let name: String
    /// The first byte of the file and its size.
    private let base: UnsafeRawPointer
    public let count: Int
    /// Unmapped (munmap) rather than deallocated in `deinit`.
    private let mapped: Bool
    /// The verified body range (header and footer excluded). Set once by `verify` before the file is handed
    /// out, read-only afterwards: unchecked, so each look-up's and each block load's read of it costs no
    /// dynamic exclusivity check (`swift_beginAccess`, ~80 instructions).
    @exclusivity(unchecked) public private(set) var body: Range<Int> = 0..<0

    init(name: String, mapped pointer: UnsafeRawPointer, count: Int) {
        self.name = name
        base = pointer
        self.count = count
        mapped = true
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        // A copy with a fixed address (an array's storage is only borrowed inside `withUnsafeBytes`).
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: $0.count) } }
        base = UnsafeRawPointer(p)
        count = bytes.count
        mapped = false
    }

    deinit {
        if mapped {
            // munmap(2): the mapping's one owner releases it.
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// Calls `body` with the whole file's bytes.
    @inline(__always)
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The body's first byte: valid, at the same address, for as long as this object lives.
    public var bodyBase: UnsafeRawPointer { base + body.lowerBound }

    /// Starts loading the cache lines that hold body bytes `offset ..< offset + length`, at most `maxLines`
    /// of them, ahead of a read (`kerko_prefetch`); the range is clipped to the body, so nothing outside
    /// the file is named.
    @inline(__always) public func prefetch(_ offset: Int, length: Int, maxLines: Int = 4) {
        let n = body.count
        guard offset >= 0, offset < n, length > 0 else { return }
        let first = UInt(bitPattern: bodyBase + offset)
        let last = UInt(bitPattern: bodyBase + (min(n, offset &+ min(length, maxLines &* 64)) &- 1))
        var line = first & ~63
        while line <= last {
            kerko_prefetch(UnsafeRawPointer(bitPattern: line))
            line &+= 64
        }
    }

    /// Verifies header, footer and checksum as `kind` and remembers the body range.
    func verify(kind: FileKind, checksum: Bool) throws {
        body = try withUnsafeBytes { try FileFormat.verify($0, name: name, kind: kind, checksum: checksum) }
    }

    /// Decodes the body with a bounds-checked reader; a read past the end becomes corruption of this file.
    public func decode<R>(from offset: Int = 0, _ f: (inout ByteReader) throws -> R) throws -> R {
        try withUnsafeBytes { all in
            let b = UnsafeRawBufferPointer(rebasing: all[body])
            var r = ByteReader(b, offset: offset)
            do { return try f(&r) } catch let t as Truncated {
                throw IndexError.corrupt(name, t.what)
            }
        }
    }

    /// Calls `f` with the body bytes (offsets relative to the body start).
    public func withBody<R>(_ f: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try withUnsafeBytes { all in
            do { return try f(UnsafeRawBufferPointer(rebasing: all[body])) } catch let t as Truncated {
                throw IndexError.corrupt(name, t.what)
            }
        }
    }

    public var bodyCount: Int { body.count }
}
