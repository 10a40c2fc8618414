#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read-only bytes of one index file: a memory mapping (the one owner that unmaps it in `deinit`) or,
/// for the in-memory directory, an array. Decoders borrow the bytes inside `withUnsafeBytes` and never copy.
public final class FileBytes: @unchecked Sendable {
    // @unchecked: the mapping is read-only (PROT_READ) and immutable for the object's lifetime.
    public let name: String
    private let storage: Storage
    /// The verified body range (header and footer excluded). Set once by `verify` before the file is handed
    /// out, read-only afterwards: unchecked, so each look-up's and each block load's read of it costs no
    /// dynamic exclusivity check (`swift_beginAccess`, ~80 instructions).
    @exclusivity(unchecked) public private(set) var body: Range<Int> = 0..<0

    enum Storage {
        case mapped(UnsafeRawPointer, Int)
        case array([UInt8])
    }

    init(name: String, mapped pointer: UnsafeRawPointer, count: Int) {
        self.name = name
        storage = .mapped(pointer, count)
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        storage = .array(bytes)
    }

    deinit {
        if case let .mapped(p, n) = storage {
            // munmap(2): the mapping's one owner releases it.
            munmap(UnsafeMutableRawPointer(mutating: p), n)
        }
    }

    public var count: Int {
        switch storage {
        case .mapped(_, let n): return n
        case .array(let a): return a.count
        }
    }

    /// Calls `body` with the whole file's bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case let .mapped(p, n): return try body(UnsafeRawBufferPointer(start: p, count: n))
        case let .array(a): return try a.withUnsafeBytes(body)
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
