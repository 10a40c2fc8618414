import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Enumerates files under the given paths, recursively, in sorted order. Follows symbolic links but never
/// enters a directory twice (by device and inode), so symlink cycles end; a link that loops on itself
/// (ELOOP) or dangles is reported. Hidden entries (a leading `.`) are skipped silently.
struct FileWalker {
    enum Item {
        case file(path: String, id: String, size: Int)
        case failed(path: String, error: IngestError)
        case skipped(path: String, reason: String)
    }

    private struct DirKey: Hashable { let dev: UInt64; let ino: UInt64 }

    let options: IngestOptions

    func walk(_ paths: [String], root: String?) -> [Item] {
        var items: [Item] = []
        var visited = Set<DirKey>()
        for p in paths {
            let path = p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
            var st = stat()
            let isDir = stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            let base: String
            if let root { base = root } else { base = isDir ? path : (path as NSString).deletingLastPathComponent }
            visit(path, base: base, visited: &visited, into: &items, viaLink: false, explicit: true)
        }
        return items
    }

    /// Id: the path relative to `base`, with `/` separators.
    static func relativeID(_ path: String, base: String) -> String {
        let p = URL(fileURLWithPath: path).standardizedFileURL.path
        let b = base.isEmpty ? URL(fileURLWithPath: ".").standardizedFileURL.path : URL(fileURLWithPath: base).standardizedFileURL.path
        if p.hasPrefix(b + "/") { return String(p.dropFirst(b.count + 1)) }
        return (path as NSString).lastPathComponent
    }

    private func visit(_ path: String, base: String, visited: inout Set<DirKey>, into items: inout [Item],
                       viaLink: Bool, explicit: Bool) {
        let name = (path as NSString).lastPathComponent
        if !explicit && (name.hasPrefix(".") || options.isExcluded(name)) { return }
        var lst = stat()
        guard lstat(path, &lst) == 0 else {
            items.append(.failed(path: path, error: .unreadable(String(cString: strerror(errno))))); return
        }
        var st = lst
        var isLink = false
        if (lst.st_mode & S_IFMT) == S_IFLNK {
            isLink = true
            if stat(path, &st) != 0 {
                let e = errno
                if e == ELOOP {
                    items.append(.failed(path: path, error: .symlinkLoop("too many levels of symbolic links")))
                } else {
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                    items.append(.failed(path: path, error: .unreadable("dangling symbolic link to \(target): \(String(cString: strerror(e)))")))
                }
                return
            }
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            let key = DirKey(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
            if visited.contains(key) {
                if isLink || viaLink {
                    items.append(.failed(path: path, error: .symlinkLoop("directory already visited (a symbolic link leads back into the tree)")))
                }
                return
            }
            visited.insert(key)
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
                items.append(.failed(path: path, error: .unreadable("cannot list directory: \(String(cString: strerror(errno)))"))); return
            }
            for n in names {
                visit(path == "/" ? "/" + n : path + "/" + n, base: base, visited: &visited, into: &items,
                      viaLink: viaLink || isLink, explicit: false)
            }
        case S_IFREG:
            items.append(.file(path: path, id: Self.relativeID(path, base: base), size: Int(st.st_size)))
        default:
            items.append(.skipped(path: path, reason: "not a regular file"))
        }
    }
}

/// Reads a whole file, refusing more than `limit` bytes (checked again while reading: the file may grow).
enum FileBytes {
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
            if out.count > limit { throw IngestError.tooLarge(bytes: out.count, limit: limit) }
        }
        return out
    }
}
