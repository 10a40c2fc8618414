import Foundation

nonisolated(unsafe) private var folders: [URL] = []
private let foldersLock = NSLock()
private let removeAtExit: Void = {
    atexit {
        foldersLock.lock()
        for u in folders { try? FileManager.default.removeItem(at: u) }
        foldersLock.unlock()
    }
}()

/// A fresh folder under the system's temporary directory, removed when the test process exits: for
/// fixtures that live as long as the process (a `static let` workspace shared by the tests of a suite is
/// never deinitialized, so it cannot clean up after itself).
public func makeProcessTempDir(_ prefix: String) throws -> URL {
    _ = removeAtExit
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    foldersLock.lock(); folders.append(u); foldersLock.unlock()
    return u
}
