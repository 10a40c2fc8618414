import Foundation
import KerkoCore

/// Plain text and Markdown (`.txt`, `.md`): charset detection and decoding, repair of PDF-extraction
/// artefacts, paragraphs at blank lines, Markdown `#` headings, title from the first heading or first line.
/// The text keeps its line structure (so article labels at line starts stay recognisable).
public struct TextReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { Self.extensionSet }
    private static let extensionSet: Set<String> = ["txt", "md", "markdown", "text"]

    public func read(_ input: ReaderInput) throws -> SourceDocument {
        let ext = input.fileURL.pathExtension.lowercased()
        var d = input.skeleton(ext == "txt" || ext == "text" ? .text : .markdown)
        let (decoded, charset) = try CharsetDecoding.decode(input.bytes)
        if charset != "UTF-8" { d.notes.append("decoded as \(charset)") }
        let nfc = Self.isNFCByScan(decoded) ? decoded : ((try? ICU.nfc(decoded)) ?? decoded)
        try Self.fill(&d, text: nfc)
        if d.lang == .und { d.lang = Metadata.languageTag(inFileName: input.fileURL.lastPathComponent) ?? .und }
        Metadata.complete(&d)
        return d
    }

    /// True when every scalar is below U+0300 or in U+2002…U+206F: none of those has a canonical
    /// decomposition or combines with what precedes it (NFC_Quick_Check = Yes, combining class 0), so the
    /// text is already NFC and ICU need not see it. (Checked against ICU over both ranges in the tests.)
    static func isNFCByScan(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { p -> Bool in
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if b < 0xCC { i += 1; continue }          // ASCII, U+0080…U+02FF, continuation bytes
                guard b == 0xE2, i + 2 < n else { return false }
                let v = utf8ScalarValue(p, i, 3)
                guard v >= 0x2002 && v <= 0x206F else { return false }
                i += 3
            }
            return true
        }
    }

    /// Sets text, paragraphs, headings and title from decoded text.
    static func fill(_ d: inout SourceDocument, text raw: String) throws {
        let repaired = PDFArtifactRepair.repair(raw)
        d.notes += repaired.notes
        // Trailing spaces removed; runs of 3+ newlines become one blank line.
        var lines = repaired.text.lineFeedSeparated.map { l -> String in
            var s = l
            while let last = s.unicodeScalars.last, last == " " || last == "\t" { s.unicodeScalars.removeLast() }
            return s
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var text = ""
        var blank = false
        for l in lines {
            if l.isEmpty { blank = true; continue }
            if !text.isEmpty { text += blank ? "\n\n" : "\n" }
            text += l
            blank = false
        }
        if text.unicodeScalars.allSatisfy({ isUnicodeWhitespace($0.value) }) { throw IngestError.empty }
        d.text = text

        // Paragraphs (blank-line separated) and headings (Markdown `#`, or a short first line).
        var pos = 0
        var paraStart: Int?
        var paraEnd = 0
        for l in text.lineFeedSeparated {
            let n = l.unicodeScalars.count
            if n == 0 {
                if let s = paraStart { d.paragraphs.append(TextSpan(start: s, end: paraEnd)); paraStart = nil }
            } else {
                if paraStart == nil { paraStart = pos }
                paraEnd = pos + n
                if l.hasPrefix("#") {
                    let level = l.prefix { $0 == "#" }.count
                    let h = l.dropFirst(level).trimmingCharacters(in: .whitespaces)
                    if level <= 6, !h.isEmpty { d.headings.append(Heading(level: level, text: h, span: TextSpan(start: pos, end: pos + n))) }
                }
            }
            pos += n + 1
        }
        if let s = paraStart { d.paragraphs.append(TextSpan(start: s, end: paraEnd)) }

        if let h = d.headings.first {
            d.title = h.text
        } else if let first = text.lineFeedSeparated.first(where: { !$0.trimmedWhitespaces.isEmpty }) {
            let t = first.trimmedWhitespaces
            d.title = t.count <= 200 ? t : String(t.prefix(200))
            if t.count <= 200 { d.headings.append(Heading(level: 1, text: t, span: TextSpan(start: 0, end: first.unicodeScalars.count))) }
        }
    }
}
