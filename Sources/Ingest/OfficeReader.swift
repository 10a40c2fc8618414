import Foundation
import KerkoCore

/// Word (`.docx`, Office Open XML) and OpenDocument text (`.odt`): the main XML part and the core/meta
/// properties, read from the zip with `ZipContainer`'s limits and parsed with the same safe XML parser.
/// Paragraphs (`w:p`, `text:p`/`text:h`) become paragraphs; `Title` and `Heading N` styles (DOCX) and
/// `text:h` with its outline level (ODT) become headings; title, language, creation date and creator come
/// from the properties.
public struct OfficeReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { Self.extensionSet }
    private static let extensionSet: Set<String> = ["docx", "odt"]

    public func read(_ input: ReaderInput) throws -> SourceDocument {
        if input.bytes.isEmpty { throw IngestError.empty }
        var zip = try ZipContainer(bytes: input.bytes, options: input.options)
        let isODT = input.fileURL.pathExtension.lowercased() == "odt"
        var d = input.skeleton(isODT ? .odt : .docx)
        var b = TextBuilder()
        let mainPath = isODT ? "content.xml" : "word/document.xml"
        guard let main = try zip.part(mainPath) else { throw IngestError.invalidContainer("no \(mainPath) in the archive") }
        let root = try parsePart(main, mainPath)
        var titleFromStyle: String?

        func paragraphText(_ x: XNode) -> String {
            var s = ""
            func walk(_ n: XNode) {
                if n.kind == .text {
                    // DOCX text lives only in w:t (w:instrText etc. are field codes)
                    s += n.text; return
                }
                switch n.name {
                case "tab": s += "\t"
                case "br", "line-break", "cr": s += " "
                case "s": s += String(repeating: " ", count: Int(n.attr("text:c") ?? "1") ?? 1)
                case "instrText", "delText", "rPr", "pPr", "fldChar", "note-citation": return
                case "note", "footnote": return
                default: for c in n.children { walk(c) }
                }
            }
            walk(x)
            return s
        }

        let paragraphs = isODT ? root.all(["p", "h"], nested: false) : root.all(["p"], nested: false)
        for p in paragraphs {
            let t = paragraphText(p).collapsedWhitespace
            guard !t.isEmpty else { continue }
            b.breakParagraph()
            let start = b.offset
            b.paragraph(t)
            let span = TextSpan(start: start, end: b.endOffset)
            var level: Int?
            if isODT {
                if p.name == "h" { level = Int(p.attr("text:outline-level") ?? "1") ?? 1 }
                if let st = p.attr("text:style-name")?.lowercased(), st == "title" { titleFromStyle = titleFromStyle ?? t }
            } else if let style = p.child("pPr")?.child("pStyle")?.attr("w:val") {
                let st = style.lowercased().replacingOccurrences(of: " ", with: "")
                if st == "title" { titleFromStyle = titleFromStyle ?? t; level = 1 }
                else if st.hasPrefix("heading"), let n = Int(st.dropFirst("heading".count)) { level = n }
            }
            if let level { d.headings.append(Heading(level: level, text: t, span: span)) }
        }
        (d.text, d.paragraphs) = b.finish()
        if d.text.isEmpty { throw IngestError.empty }

        // Properties.
        let propsPath = isODT ? "meta.xml" : "docProps/core.xml"
        if let props = try zip.part(propsPath) {
            let p = try parsePart(props, propsPath)
            if let t = p.first("title")?.textContent, !t.isEmpty { d.title = t }
            if let l = p.first("language")?.textContent {
                if let lang = Metadata.language(code: l) { d.lang = lang } else { d.notes.append("declared language \(l)") }
            }
            if let c = (p.first("created") ?? p.first("creation-date"))?.textContent { d.date = DateParser.parse(String(c.prefix(10))) }
            if let c = (p.first("creator") ?? p.first("initial-creator"))?.textContent, !c.isEmpty { d.notes.append("creator: \(c)") }
        }
        if d.title.isEmpty {
            d.title = titleFromStyle ?? d.headings.first?.text ?? d.paragraphs.first.map { Metadata.shortTitle(d.text.scalarSlice($0)) } ?? ""
        }
        if d.lang == .und { d.lang = Metadata.languageTag(inFileName: input.fileURL.lastPathComponent) ?? .und }
        Metadata.complete(&d)
        return d
    }

    private func parsePart(_ bytes: [UInt8], _ path: String) throws -> XNode {
        do { return try LibXML.parseXML(bytes, url: path) } catch let IngestError.malformedXML(line, column, message) {
            throw IngestError.malformedXML(line: line, column: column, message: "in \(path): \(message)")
        }
    }
}
