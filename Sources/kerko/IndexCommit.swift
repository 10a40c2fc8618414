import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage

/// The one path that writes documents to the index: `kerko ingest` and the first `kerko search` in a
/// fresh clone (which builds the index from corpus/) both go through it.
enum IndexCommit {
    /// Adds every document read to the index at `url` in one commit. A file that failed to read leaves its
    /// indexed version (if any) untouched; with `prune`, documents whose files are gone are deleted; with
    /// `reread`, unchanged documents are replaced too. Index errors become exit code 3.
    static func commit(_ documents: [SourceDocument], report: IngestReport, prune: Bool, reread: Bool = false,
                       to url: URL, into result: inout IngestResult) throws -> IndexWriter.CommitInfo {
        let writer: IndexWriter
        do {
            writer = try IndexWriter.open(directory: url)
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }
        defer { writer.close() }
        do {
            for d in documents {
                switch try writer.addOrReplace(d, evenIfUnchanged: reread) {
                case .added: result.added += 1
                case .updated: result.updated += 1
                case .unchanged: result.unchanged += 1
                }
            }
            if prune {
                let seen = Set(report.entries.compactMap(\.id))
                for id in writer.documentIDs where !seen.contains(id) { try writer.delete(id: id) }
            }
            let info = try writer.commit()
            result.documents = info.documents
            return info
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }
    }

    /// Reads `roots` with `options`: the report, its documents (language identified where none is
    /// declared) and the result counters before any commit.
    static func read(_ roots: [String], options: IngestOptions) -> (IngestReport, [SourceDocument], IngestResult) {
        let report = Ingestor(options: options).read(paths: roots)
        let documents = report.documents.map(DocumentLanguage.annotate)
        let result = IngestResult(added: 0, updated: 0, unchanged: 0,
                                  skipped: report.skipped.map { .init(path: $0.path, reason: $0.reason) },
                                  failed: report.failed.map { .init(path: $0.path, error: $0.error) },
                                  seconds: 0, documents: documents.count)
        return (report, documents, result)
    }

    /// Reads `roots` (as `kerko ingest` does with default options) and commits them to `url`.
    static func ingest(_ roots: [String], to url: URL) throws -> (IngestResult, IndexWriter.CommitInfo) {
        var options = IngestOptions()
        options.jobs = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        var (report, documents, result) = read(roots, options: options)
        let info = try commit(documents, report: report, prune: false, to: url, into: &result)
        return (result, info)
    }
}
