/// Where index files live: a folder of memory-mapped files (`MMapDirectory`) or, for unit tests, memory
/// (`MemoryDirectory`). Files are written whole and never modified: a name, once written, always means the
/// same bytes, except the manifest, which is replaced by an atomic rename (`Manifest`).
public protocol Directory: AnyObject, Sendable {
    /// The folder path or a label, for messages.
    var location: String { get }
    /// Names of the files in the directory.
    func list() throws -> [String]
    func exists(_ name: String) -> Bool
    /// The file's bytes, unverified.
    func openBytes(_ name: String) throws -> FileBytes
    /// Creates `name` (replacing any file of that name) with `bytes` and makes it durable (fsync).
    func write(_ name: String, _ bytes: [UInt8]) throws
    /// Atomically replaces `to` by `from` (rename(2)).
    func rename(_ from: String, to: String) throws
    /// Makes the directory's entries (creations, renames, deletions) durable (fsync of the folder).
    func syncDirectory() throws
    func delete(_ name: String) throws
    func fileSize(_ name: String) throws -> Int
    /// Takes the single-writer lock, or throws `IndexError` `.locked` naming the holder's pid.
    func obtainWriterLock() throws -> WriterLock
}

extension Directory {
    /// Opens `name` and verifies it as a file of `kind` (magic, kind, version, length, CRC-32C).
    public func open(_ name: String, kind: FileKind, checksum: Bool = true) throws -> FileBytes {
        let f = try openBytes(name)
        try f.verify(kind: kind, checksum: checksum)
        return f
    }
}

/// An index in memory, for unit tests of the formats (same contract as `MMapDirectory`, no durability).
public final class MemoryDirectory: Directory, @unchecked Sendable {
    // @unchecked: every access to `files` and `locked` holds `mutex`.
    private var files: [String: [UInt8]] = [:]
    private var locked = false
    private let mutex = Mutex()
    public let location: String

    public init(label: String = "memory") { location = label }

    public func list() throws -> [String] { mutex.with { Array(files.keys).sorted() } }
    public func exists(_ name: String) -> Bool { mutex.with { files[name] != nil } }

    public func openBytes(_ name: String) throws -> FileBytes {
        guard let b = mutex.with({ files[name] }) else {
            throw IndexError(.missing, file: name, reason: "no such file")
        }
        return FileBytes(name: name, bytes: b)
    }

    public func write(_ name: String, _ bytes: [UInt8]) throws { mutex.with { files[name] = bytes } }

    public func rename(_ from: String, to: String) throws {
        try mutex.with {
            guard let b = files.removeValue(forKey: from) else {
                throw IndexError(.io(errno: 2), file: from, reason: "rename: no such file")
            }
            files[to] = b
        }
    }

    public func syncDirectory() throws {}
    public func delete(_ name: String) throws { _ = mutex.with { files.removeValue(forKey: name) } }

    public func fileSize(_ name: String) throws -> Int {
        guard let b = mutex.with({ files[name] }) else { throw IndexError(.missing, file: name, reason: "no such file") }
        return b.count
    }

    /// Replaces a file's bytes in place (tests use it to damage files).
    public func overwrite(_ name: String, _ bytes: [UInt8]) { mutex.with { files[name] = bytes } }

    public func obtainWriterLock() throws -> WriterLock {
        try mutex.with {
            if locked { throw IndexError(.locked(pid: nil), file: location, reason: "") }
            locked = true
        }
        return WriterLock(release: { [self] in mutex.with { locked = false } })
    }
}
