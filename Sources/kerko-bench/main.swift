import Foundation

// kerko-bench: the worker of ../shared/peers (protocol in its README.md and CLI.md's kerko-bench section).
// The last line on stdout is the phase's JSON summary; errors go to stderr as `kerko-bench: <what>`, exit 2
// for a usage error, 1 for anything else.

let arguments: BenchArguments
do {
    arguments = try BenchArguments(Array(CommandLine.arguments.dropFirst()))
} catch let f as BenchArguments.Failure {
    if f.description == "help" {
        print(BenchArguments.usage)
        exit(0)
    }
    FileHandle.standardError.write(Data("kerko-bench: \(f.description)\n\(BenchArguments.usage)\n".utf8))
    exit(2)
}

do {
    let summary: String
    switch arguments.mode {
    case .build: summary = try BenchBuild.run(arguments)
    case .query: summary = try BenchQuery.run(arguments)
    }
    print(summary)
} catch {
    FileHandle.standardError.write(Data("kerko-bench: \(arguments.mode.rawValue): \(error)\n".utf8))
    exit(1)
}
