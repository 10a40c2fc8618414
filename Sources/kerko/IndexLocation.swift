import ArgumentParser
import Foundation

/// `--index DIR` (every subcommand), else `KERKO_INDEX`, else `index/` in the current directory.
struct IndexLocation: ParsableArguments {
    @Option(name: .customLong("index"), help: ArgumentHelp("Index folder (default: $KERKO_INDEX or ./index).", valueName: "DIR"))
    var path: String?

    var url: URL {
        let p = path ?? ProcessInfo.processInfo.environment["KERKO_INDEX"].flatMap { $0.isEmpty ? nil : $0 } ?? "index"
        return URL(fileURLWithPath: p)
    }
}
