/// Why one file could not be read. Each case renders as a one-line reason; the Ingestor prefixes the path.
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// XML that is not well-formed, with libxml2's line and column of the first error.
    case malformedXML(line: Int, column: Int, message: String)
    /// HTML the (forgiving) HTML parser had to abandon, e.g. nesting deeper than libxml2's limit.
    case malformedHTML(line: Int, column: Int, message: String)
    /// XML or HTML whose DTD declares entities: refused, never expanded or fetched.
    case entityDeclarations(count: Int)
    /// Bytes that are not UTF-8, UTF-16 with a BOM, or a recognised legacy charset.
    case undecodable(String)
    case empty
    /// NUL or other control bytes in a file with a text extension.
    case binaryData(String)
    /// A zip archive (DOCX/ODT) whose contents inflate past the configured limits.
    case zipBomb(String)
    case tooLarge(bytes: Int, limit: Int)
    case unreadable(String)
    case symlinkLoop(String)
    /// A container (DOCX/ODT/zip) that is damaged or lacks the expected parts.
    case invalidContainer(String)
    /// Anything else a reader rejects, with the reason.
    case invalid(String)

    public var description: String {
        switch self {
        case let .malformedXML(line, column, message):
            return "malformed XML at line \(line), column \(column): \(message)"
        case let .malformedHTML(line, column, message):
            return "HTML parsing abandoned at line \(line), column \(column): \(message)"
        case let .entityDeclarations(count):
            return "XML declares \(count) entit\(count == 1 ? "y" : "ies") in its DTD (refused: entities are never expanded or fetched)"
        case let .undecodable(r): return "undecodable bytes: \(r)"
        case .empty: return "empty file"
        case let .binaryData(r): return "binary data under a text extension: \(r)"
        case let .zipBomb(r): return "zip bomb refused: \(r)"
        case let .tooLarge(bytes, limit): return "file too large: \(bytes) bytes (limit \(limit))"
        case let .unreadable(r): return "unreadable: \(r)"
        case let .symlinkLoop(r): return "symlink loop: \(r)"
        case let .invalidContainer(r): return "invalid container: \(r)"
        case let .invalid(r): return r
        }
    }
}

/// A file deliberately not read (unsupported extension, PDF without `pdftotext`…), with the reason.
public struct SkipReason: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
