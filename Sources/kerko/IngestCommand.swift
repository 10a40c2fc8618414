import Analysis
import ArgumentParser
import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage

/// `kerko ingest [PATH ...] [--index DIR] [--json] [--jobs N] [--dry-run] [--prune] [--reread]`.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read files and folders (default corpus/) and add them to the index.",
        discussion: """
        Formats: .txt .md (UTF-8, UTF-16 with BOM, Windows-1250/1252, ISO-8859-2), .xml/.akn (Akoma Ntoso
        2.0/3.0, USLM, other XML), .html/.htm (incl. Official Gazette act pages), .docx, .odt, and .pdf
        when pdftotext is installed. A file that cannot be read is reported on one line and skipped; the
        others proceed. Document ids are paths relative to the folder given (stable across runs).
        """)

    @Argument(help: "Files or folders to read (default: corpus).")
    var paths: [String] = []

    @OptionGroup var index: IndexLocation

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "Files read in parallel.")
    var jobs: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    @Flag(help: "Read and analyze everything and report, but commit nothing (with --json, list every document read).")
    var dryRun = false

    @Flag(help: "Delete documents whose files are gone.")
    var prune = false

    @Flag(help: "Index every file read again, unchanged ones too (an unchanged file read by this version is otherwise skipped).")
    var reread = false

    @Option(help: ArgumentHelp("Largest file read, in MB.", valueName: "MB"))
    var maxFileMb: Int = 64

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxFileMb < 1 { throw ValidationError("--max-file-mb must be at least 1") }
    }

    func run() throws {
        let started = ContinuousClock.now
        let roots = paths.isEmpty ? ["corpus"] : paths
        for p in roots where !FileManager.default.fileExists(atPath: p) {
            throw CLIFailure(code: .usage, message: "\(p): no such file or folder")
        }
        var options = IngestOptions()
        options.jobs = jobs
        options.maxFileBytes = maxFileMb << 20
        var (report, documents, result) = IndexCommit.read(roots, options: options)
        var committed: IndexWriter.CommitInfo?
        if dryRun {
            result.added = documents.count
            result.read = documents.map(\.readSummary)
        } else {
            committed = try commit(documents, report: report, into: &result)
        }
        result.seconds = (ContinuousClock.now - started).seconds

        for f in result.failed { Diagnostics.error("\(f.path): \(f.error)") }
        if json {
            try JSONOutput.print(result)
        } else {
            for s in result.skipped { Diagnostics.note("kerko: \(s.path): skipped: \(s.reason)") }
            if dryRun { print(IngestTable.render(documents)) }
            var tail = ""
            if dryRun { tail = " (dry run: nothing committed)" }
            else if let c = committed { tail = c.changed ? " (commit \(c.generation), \(c.documents) documents, \(c.segments) segments)" : " (nothing changed)" }
            print(result.summaryLine + tail)
        }
        if !result.failed.isEmpty { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }
}

extension Ingest {
    /// Adds every document read to the index in one commit (`IndexCommit`, shared with `kerko search`'s
    /// first-run build).
    private func commit(_ documents: [SourceDocument], report: IngestReport,
                        into result: inout IngestResult) throws -> IndexWriter.CommitInfo {
        try IndexCommit.commit(documents, report: report, prune: prune, reread: reread, to: index.url, into: &result)
    }
}

/// The document's language: as declared by the file when it says, else identified from its text.
enum DocumentLanguage {
    static func annotate(_ d: SourceDocument) -> SourceDocument {
        guard d.lang == .und else { return d }
        var d = d
        d.lang = LanguageIdentifier.identify(d.text.isEmpty ? d.title : d.text)
        return d
    }
}

/// `kerko ingest --json` (../shared/spec/CLI.md).
struct IngestResult: Encodable {
    struct Skipped: Encodable { var path: String; var reason: String }
    struct Failed: Encodable { var path: String; var error: String }
    var added: Int
    var updated: Int
    var unchanged: Int
    var skipped: [Skipped]
    var failed: [Failed]
    var seconds: Double
    var documents: Int
    var read: [ReadSummary]?

    var summaryLine: String {
        "added \(added), updated \(updated), unchanged \(unchanged), skipped \(skipped.count), failed \(failed.count) in \(String(format: "%.2f", seconds)) s"
    }
}

/// Human listing of `--dry-run`: one line per document.
enum IngestTable {
    static func render(_ docs: [SourceDocument]) -> String {
        docs.map { d in
            let meta = [d.type.rawValue, d.lang.rawValue, d.number, d.date].compactMap { $0 }.joined(separator: " · ")
            let title = d.title.count > 90 ? String(d.title.prefix(89)) + "…" : d.title
            return "\(d.id)\n    \(title)\n    \(meta)\(d.articles.isEmpty ? "" : " · \(d.articles.count) articles")"
        }.joined(separator: "\n")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
