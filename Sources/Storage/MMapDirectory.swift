#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An index folder on disk: files are written with write(2) + fsync(2) and read through mmap(2).
public final class MMapDirectory: Directory, @unchecked Sendable {
    // @unchecked: immutable after init; the folder itself is shared through the kernel.
    public let location: String

    /// Opens (and with `create`, makes) the folder at `path`.
    public init(path: String, create: Bool = false) throws {
        location = path
        if create { try Posix.makeDirectories(path) }
    }

    private func path(_ name: String) -> String { location + "/" + name }

    public func list() throws -> [String] { try Posix.list(location) }
    public func exists(_ name: String) -> Bool { access(path(name), F_OK) == 0 }
    public func openBytes(_ name: String) throws -> FileBytes { try Posix.map(path(name), name: name) }
    public func write(_ name: String, _ bytes: [UInt8]) throws { try Posix.writeFile(path(name), bytes) }

    /// rename(2): atomic replacement of `to`.
    public func rename(_ from: String, to: String) throws {
        if Glibc.rename(path(from), path(to)) != 0 { throw Posix.fail("rename", path(from)) }
    }

    public func syncDirectory() throws { try Posix.syncDirectory(location) }

    /// unlink(2); a missing file is not an error. Open mappings of the file stay valid (readers' snapshots).
    public func delete(_ name: String) throws {
        if unlink(path(name)) != 0 && errno != ENOENT { throw Posix.fail("unlink", path(name)) }
    }

    public func fileSize(_ name: String) throws -> Int { try Posix.fileSize(path(name)) }

    public func obtainWriterLock() throws -> WriterLock {
        try WriterLock.flockFile(path: path("write.lock"), location: location)
    }
}
