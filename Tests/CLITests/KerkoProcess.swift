import Foundation

/// Runs the real `kerko` binary built next to the test bundle (swift test builds it with the tests).
struct KerkoProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
        func json() throws -> [String: Any] {
            guard let obj = try JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] else {
                throw NSError(domain: "KerkoProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "stdout is not a JSON object: \(stdout.prefix(200))"])
            }
            return obj
        }
    }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The binary: beside the running test bundle, else in the default build folder.
    static let binary: URL = {
        let fm = FileManager.default
        var candidates: [URL] = []
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("kerko"))
        if let b = Bundle.main.executableURL { candidates.append(b.deletingLastPathComponent().appendingPathComponent("kerko")) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kerko"))
        candidates.append(repoRoot.appendingPathComponent(".build/debug/kerko"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Runs kerko with `args`, feeding `stdin`, in `cwd` (default: a fresh temporary folder).
    static func run(_ args: [String], stdin: Data? = nil, cwd: URL? = nil, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = cwd ?? FileManager.default.temporaryDirectory
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        // Write stdin and drain both pipes concurrently so large inputs/outputs cannot deadlock.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { inp.fileHandleForWriting.write(stdin) }
        try inp.fileHandleForWriting.close()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }
}
