import Foundation

/// Locates test data: fixtures beside the tests, the shared specs and corpus beside the repository
/// (`../shared`, as CI clones it), found from this file's path (repo root = three levels up).
enum TestData {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        repoRoot.appendingPathComponent("Tests/AnalysisTests/Fixtures/\(name)")
    }

    /// `../shared` beside the repository (or `KERKO_SHARED` if set).
    static let shared: URL = {
        if let env = ProcessInfo.processInfo.environment["KERKO_SHARED"] { return URL(fileURLWithPath: env) }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Tab-separated rows of a fixture, without comments, blank lines and (optionally) the header.
    static func tsv(_ name: String, header: Bool = false) throws -> [[String]] {
        let rows = try text(fixture(name)).split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        return header ? Array(rows.dropFirst()) : rows
    }
}
