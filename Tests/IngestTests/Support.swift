import Foundation
@testable import Ingest

/// Repository root: three levels up from this file (Tests/IngestTests/Support.swift).
let repoRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let corpusDir = repoRoot.appendingPathComponent("corpus")
let sharedDir = repoRoot.appendingPathComponent("../shared").standardizedFileURL
let candidatesDir = sharedDir.appendingPathComponent("corpus-candidates")

/// Reads one file with default options; the document, or the failure/skip rendered as a string.
func readOne(_ url: URL, options: IngestOptions = IngestOptions()) -> Result<SourceDocument, StringError> {
    let e = Ingestor(options: options).readFile(path: url.path, id: url.lastPathComponent)
    switch e.outcome {
    case let .document(d): return .success(d)
    case let .failed(err): return .failure(StringError("failed: \(err)"))
    case let .skipped(r): return .failure(StringError("skipped: \(r)"))
    }
}

struct StringError: Error, CustomStringConvertible { let description: String; init(_ s: String) { description = s } }

/// A fresh temporary directory, removed by the caller.
func makeTempDir() throws -> URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
}
