/// Errors of the index: each renders as the one-line message the CLI prints after `kerko: `
/// (`../shared/spec/CLI.md`, exit code 3 for all but `.io` on a write).
public struct IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process holds the writer lock.
        case locked(pid: Int32?)
        /// A file fails its magic, version, length or checksum test, or does not decode.
        case corrupt
        /// The file's format version or codec is not one this build reads.
        case unsupported
        /// No index (no manifest) in the folder.
        case missing
        /// A system call failed.
        case io(errno: Int32)
        /// A caller's mistake (unknown field, closed writer).
        case invalidArgument
    }
    public var kind: Kind
    /// The file (path or name) the error is about.
    public var file: String
    public var reason: String

    public init(_ kind: Kind, file: String, reason: String) {
        self.kind = kind; self.file = file; self.reason = reason
    }

    public static func corrupt(_ file: String, _ reason: String) -> IndexError { IndexError(.corrupt, file: file, reason: reason) }

    public var description: String {
        switch kind {
        case .locked(let pid):
            return pid.map { "\(file): index locked by pid \($0)" } ?? "\(file): index locked by another writer"
        case .corrupt: return "\(file): corrupt index file: \(reason)"
        case .unsupported: return "\(file): unsupported index file: \(reason)"
        case .missing: return "\(file): no index: \(reason)"
        case .io(let e): return "\(file): \(reason) (errno \(e))"
        case .invalidArgument: return "\(file): \(reason)"
        }
    }

    /// True for the errors the CLI reports with exit code 3 (missing, locked or unreadable index).
    public var isIndexUnavailable: Bool {
        switch kind {
        case .locked, .corrupt, .unsupported, .missing: return true
        case .io, .invalidArgument: return false
        }
    }
}

/// A decoding failure before the file name is known; `FileBytes` readers convert it into `IndexError.corrupt`.
struct Truncated: Error { var what: String }
