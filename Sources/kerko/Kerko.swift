import ArgumentParser
import Foundation

/// The `kerko` command (contract: ../shared/spec/CLI.md). Exit codes: 0 success, 1 partial failure,
/// 2 usage error, 3 index missing/locked/unreadable. Errors are one line on stderr: `kerko: <what>: <why>`.
@main
struct Kerko: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kerko",
        abstract: "Kërko: ingest and search Albanian, English and Serbian documents.",
        discussion: """
        Documents are read from corpus/ and the index lives in index/ (relative to the current
        directory) unless --index DIR or KERKO_INDEX says otherwise.
        """,
        version: KerkoVersion.string,
        subcommands: [Ingest.self, SearchCommand.self, Show.self, Stats.self, Analyze.self])

    /// Runs the command with the contract's exit codes instead of swift-argument-parser's defaults
    /// (which use 64 for usage errors).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CLIFailure {
            Diagnostics.error(failure.message)
            Foundation.exit(failure.code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Diagnostics.error("\(message) (see 'kerko --help')")
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

enum KerkoVersion {
    static let string = "0.1.0"
}
