#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock: `write.lock` in the index folder, locked with flock(2) `LOCK_EX | LOCK_NB` and
/// holding the holder's pid as text. The kernel releases a flock when its holder dies (even by SIGKILL),
/// so a crashed writer never leaves the index locked; a stale pid in the file is only a message.
/// One owner: the lock is released by `release()` or in `deinit`.
public final class WriterLock: @unchecked Sendable {
    // @unchecked: `releaseAction` is only touched by `release()`, which the owner calls once.
    private var releaseAction: (() -> Void)?

    init(release: @escaping () -> Void) { releaseAction = release }

    /// Takes the flock on `path` or throws `.locked(pid:)` with the pid written by the holder.
    static func flockFile(path: String, location: String) throws -> WriterLock {
        let fd = Posix.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw IndexError(.io(errno: errno), file: path, reason: "cannot open lock file") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            var buf = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buf, 31, 0)
            close(fd)
            let text = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self) : ""
            let pid = Int32(text.trimmingWhitespace())
            if e == EWOULDBLOCK || e == EAGAIN { throw IndexError(.locked(pid: pid), file: location, reason: "") }
            throw IndexError(.io(errno: e), file: path, reason: "flock failed")
        }
        let pidText = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pidText.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return WriterLock(release: { _ = ftruncate(fd, 0); close(fd) })   // close(2) drops the flock
    }

    public func release() {
        releaseAction?()
        releaseAction = nil
    }

    deinit { release() }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
