import Foundation

/// The outcome for one file.
public enum IngestOutcome: Sendable {
    case document(SourceDocument)
    /// Not read on purpose (unsupported format, PDF without pdftotext, not a regular file).
    case skipped(reason: String)
    /// Could not be read; `error` is the one-line reason.
    case failed(error: IngestError)
}

public struct IngestEntry: Sendable {
    public var path: String
    /// The document id this file would have (path relative to the root); nil for items that are not files.
    public var id: String?
    public var outcome: IngestOutcome
}

/// What `Ingestor.read` found: one entry per file, in walk order (sorted paths).
public struct IngestReport: Sendable {
    public var entries: [IngestEntry]

    public var documents: [SourceDocument] {
        entries.compactMap { if case let .document(d) = $0.outcome { return d } else { return nil } }
    }
    /// `{"path","reason"}` of the CLI's `skipped` list.
    public var skipped: [(path: String, reason: String)] {
        entries.compactMap { if case let .skipped(r) = $0.outcome { return ($0.path, r) } else { return nil } }
    }
    /// `{"path","error"}` of the CLI's `failed` list.
    public var failed: [(path: String, error: String)] {
        entries.compactMap { if case let .failed(e) = $0.outcome { return ($0.path, e.description) } else { return nil } }
    }
    /// The failure for `path` (as given in the entry), if any.
    public func failure(_ pathSuffix: String) -> IngestError? {
        for e in entries where e.path.hasSuffix(pathSuffix) { if case let .failed(err) = e.outcome { return err } }
        return nil
    }
    public func document(_ idSuffix: String) -> SourceDocument? { documents.first { $0.id.hasSuffix(idSuffix) } }
}

/// Reads files and folders into `SourceDocument`s, one failure per file, never a global one.
public struct Ingestor: Sendable {
    public var options: IngestOptions
    public let readers: [any DocumentReader]

    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
        self.readers = [TextReader(), XMLReader(), HTMLReader(), OfficeReader(), PDFReader()]
    }

    /// The reader for a file name's extension, if any.
    public func reader(for path: String) -> (any DocumentReader)? {
        let ext = (path as NSString).pathExtension.lowercased()
        return readers.first { $0.extensions.contains(ext) }
    }

    /// Reads every file under `paths` (files or folders, recursively). Ids are paths relative to `root`
    /// (default: each folder argument itself, or a file argument's folder).
    public func read(paths: [String], root: String? = nil) -> IngestReport {
        let items = FileWalker(options: options).walk(paths, root: root)
        var entries = [IngestEntry?](repeating: nil, count: items.count)
        let jobs = max(1, options.jobs)
        if jobs == 1 || items.count < 2 {
            for (i, it) in items.enumerated() { entries[i] = entry(it) }
        } else {
            let box = ResultBox(count: items.count)
            DispatchQueue.concurrentPerform(iterations: jobs) { w in
                var i = w
                while i < items.count { box.set(i, entry(items[i])); i += jobs }
            }
            entries = box.values
        }
        return IngestReport(entries: entries.compactMap { $0 })
    }

    /// Reads one file (the id given explicitly).
    public func readFile(path: String, id: String) -> IngestEntry {
        var st = stat()
        let size = stat(path, &st) == 0 ? Int(st.st_size) : 0
        return entry(.file(path: path, id: id, size: size))
    }

    private func entry(_ item: FileWalker.Item) -> IngestEntry {
        switch item {
        case let .failed(path, error): return IngestEntry(path: path, id: nil, outcome: .failed(error: error))
        case let .skipped(path, reason): return IngestEntry(path: path, id: nil, outcome: .skipped(reason: reason))
        case let .file(path, id, size):
            guard let reader = reader(for: path) else {
                let ext = (path as NSString).pathExtension
                return IngestEntry(path: path, id: id, outcome: .skipped(reason: ext.isEmpty ? "no file extension" : "unsupported format .\(ext)"))
            }
            if size > options.maxFileBytes {
                return IngestEntry(path: path, id: id, outcome: .failed(error: .tooLarge(bytes: size, limit: options.maxFileBytes)))
            }
            do {
                let bytes = try FileBytes.read(path, limit: options.maxFileBytes)
                if bytes.isEmpty { throw IngestError.empty }
                let input = ReaderInput(id: id, path: path, fileURL: URL(fileURLWithPath: path), bytes: bytes, options: options)
                return IngestEntry(path: path, id: id, outcome: .document(try reader.read(input)))
            } catch let e as IngestError {
                return IngestEntry(path: path, id: id, outcome: .failed(error: e))
            } catch let s as SkipReason {
                return IngestEntry(path: path, id: id, outcome: .skipped(reason: s.reason))
            } catch {
                return IngestEntry(path: path, id: id, outcome: .failed(error: .invalid("\(error)")))
            }
        }
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [IngestEntry?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: IngestEntry) { lock.lock(); values[i] = v; lock.unlock() }
}
