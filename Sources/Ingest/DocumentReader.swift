import Foundation

/// What a reader is given: the file's bytes and where they came from.
public struct ReaderInput: Sendable {
    public var id: String
    public var path: String
    /// The file's absolute (or as-given) location on disk, for readers that call external tools.
    public var fileURL: URL
    public var bytes: [UInt8]
    public var options: IngestOptions
    public init(id: String, path: String, fileURL: URL, bytes: [UInt8], options: IngestOptions) {
        self.id = id; self.path = path; self.fileURL = fileURL; self.bytes = bytes; self.options = options
    }

    /// A document skeleton carrying id, path, format, hash and size.
    func skeleton(_ format: DocumentFormat) -> SourceDocument {
        SourceDocument(id: id, path: path, format: format, contentHash: SHA256.hex(bytes), byteCount: bytes.count)
    }
}

/// One reader per format. A reader turns bytes into a `SourceDocument` or throws `IngestError`
/// (the file failed) or `SkipReason` (the file is deliberately not read).
public protocol DocumentReader: Sendable {
    /// Lowercase file extensions (without the dot) this reader handles.
    var extensions: Set<String> { get }
    func read(_ input: ReaderInput) throws -> SourceDocument
}
