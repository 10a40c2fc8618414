#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls of the storage layer, in one place (swift-system's rule: one file to read and audit).
/// Each wrapper names the C function it calls and turns failure into `IndexError.io` with errno.
enum Posix {
    /// open(2).
    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, flags, mode)
        #else
        return Darwin.open(path, flags, mode)
        #endif
    }

    static func fail(_ what: String, _ path: String) -> IndexError {
        IndexError(.io(errno: errno), file: path, reason: "\(what) failed: \(String(cString: strerror(errno)))")
    }

    /// open(2) + write(2) loop + fsync(2) + close(2): creates `path` with `bytes`, durable on return.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw fail("open", path) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; throw fail("write", path) }
                done += n
            }
        }
        if fsync(fd) != 0 { throw fail("fsync", path) }
    }

    /// open(2) + fstat(2) + mmap(2) `PROT_READ, MAP_PRIVATE`; the returned `FileBytes` owns the mapping.
    static func map(_ path: String, name: String) throws -> FileBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { throw IndexError(.missing, file: name, reason: "file listed in the manifest is missing") }
            throw fail("open", path)
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw fail("fstat", path) }
        let n = Int(st.st_size)
        if n == 0 { return FileBytes(name: name, bytes: []) }
        guard let p = mmap(nil, n, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { throw fail("mmap", path) }
        return FileBytes(name: name, mapped: UnsafeRawPointer(p), count: n)
    }

    /// open(2) of the folder + fsync(2): makes renames and creations in it durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw fail("open directory", path) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw fail("fsync directory", path) }
    }

    /// opendir(3)/readdir(3): the names in a folder (without "." and "..").
    static func list(_ path: String) throws -> [String] {
        guard let d = opendir(path) else { throw fail("opendir", path) }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    /// mkdir(2) of each missing component.
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw fail("mkdir", prefix) }
        }
    }

    static func fileSize(_ path: String) throws -> Int {
        var st = stat()
        if stat(path, &st) != 0 { throw fail("stat", path) }
        return Int(st.st_size)
    }
}
