import Foundation

/// Exit codes of the CLI contract (../shared/spec/CLI.md, "Exit codes").
enum ExitStatus: Int32 {
    case success = 0
    case partialFailure = 1
    case usage = 2
    case index = 3
}

/// A failure that ends a command with a one-line message and a contract exit code.
struct CLIFailure: Error {
    var code: ExitStatus
    var message: String
}

/// One place for what goes to stderr.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("kerko: \(message)\n".utf8))
    }
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

/// JSON output shared by the subcommands: stable key order, no escaped slashes, UTF-8.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
    static func print<T: Encodable>(_ value: T) throws {
        let data = try encoder().encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
