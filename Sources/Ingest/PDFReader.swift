import Foundation

/// PDF through poppler's `pdftotext` (UTF-8 output, one form feed per page), then the same artefact repair
/// as plain text. Without `pdftotext` the file is skipped with that reason.
public struct PDFReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { Self.extensionSet }
    private static let extensionSet: Set<String> = ["pdf"]

    /// Location of `pdftotext` (the option, else the first in PATH), or nil.
    public static func pdftotext(_ options: IngestOptions) -> String? {
        if let p = options.pdftotextPath { return FileManager.default.isExecutableFile(atPath: p) ? p : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/pdftotext"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    public func read(_ input: ReaderInput) throws -> SourceDocument {
        if input.bytes.isEmpty { throw IngestError.empty }
        guard input.bytes.starts(with: Array("%PDF".utf8)) else { throw IngestError.invalid("not a PDF (no %PDF header)") }
        guard let tool = Self.pdftotext(input.options) else {
            throw SkipReason("PDF needs pdftotext (poppler-utils), which is not installed")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-enc", "UTF-8", "-q", input.fileURL.path, "-"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        do { try p.run() } catch { throw SkipReason("cannot run pdftotext: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw IngestError.invalid("pdftotext failed (status \(p.terminationStatus))" + (msg.isEmpty ? "" : ": \(msg)"))
        }
        var d = input.skeleton(.pdf)
        let text = String(decoding: data, as: UTF8.self)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw IngestError.invalid("PDF has no extractable text (scanned image? OCR is not done)")
        }
        try TextReader.fill(&d, text: text)
        if d.lang == .und { d.lang = Metadata.languageTag(inFileName: input.fileURL.lastPathComponent) ?? .und }
        Metadata.complete(&d)
        return d
    }
}
