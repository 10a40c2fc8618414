#if canImport(Glibc)
import Glibc
#endif
import KerkoCore

/// HTML (`.html`, `.htm`) through libxml2's HTML parser (HTML_PARSE_NONET). Kosovo Official Gazette act
/// pages are recognised and read field by field (`GazettePage`); other pages give their body text with
/// structure, headings `h1`–`h6`, title from `<title>` (else the first `h1`), language from `lang`.
public struct HTMLReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { Self.extensionSet }
    private static let extensionSet: Set<String> = ["html", "htm", "xhtml"]

    public func read(_ input: ReaderInput) throws -> SourceDocument {
        if input.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw IngestError.empty }
        if let nul = firstNUL(input.bytes), !(input.bytes.starts(with: [0xFF, 0xFE]) || input.bytes.starts(with: [0xFE, 0xFF])) {
            throw IngestError.binaryData("NUL byte at offset \(nul)")
        }
        let utf8 = isValidUTF8(input.bytes)
        // An Official Gazette act page is read from a dozen elements by id: only those become Swift trees.
        let parsed = try LibXML.parseHTML(input.bytes, url: input.fileURL.lastPathComponent, encoding: utf8 ? "UTF-8" : nil,
                                          selecting: GazettePage.fieldIDs, marker: GazettePage.markerID)
        var d = input.skeleton(.html)
        switch parsed {
        case let .selected(byID, title):
            let g = GazettePage.parse(byID: byID, title: title)!   // the marker element is there
            g.apply(to: &d)
            d.notes.append("Official Gazette act page")
        case let .page(root):
            let headingNames: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
            let body = root.child("body") ?? root
            let x = XMLText(skip: ["head", "script", "style", "noscript", "template", "select", "option", "button", "svg", "input"],
                            record: headingNames)
            var b = TextBuilder()
            let spans = x.build(body, into: &b)
            (d.text, d.paragraphs) = b.finish()
            for h in body.all(headingNames) {
                if let sp = spans[ObjectIdentifier(h)], !h.textContent.isEmpty {
                    d.headings.append(Heading(level: Int(String(h.name.last!)) ?? 1, text: h.textContent, span: sp))
                }
            }
            d.title = root.first("title")?.textContent ?? d.headings.first?.text ?? ""
            if let l = root.attr("lang") ?? root.attr("xml:lang"), let lang = Metadata.language(code: l) { d.lang = lang }
            if d.lang == .und { d.lang = Metadata.languageTag(inFileName: input.fileURL.lastPathComponent) ?? .und }
        }
        if d.text.isEmpty { throw IngestError.empty }
        Metadata.complete(&d)
        return d
    }
}

/// `bytes.firstIndex(of: 0)`, by memchr.
func firstNUL(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress, let q = memchr(base, 0, b.count) else { return nil }
        return base.distance(to: q.assumingMemoryBound(to: UInt8.self))
    }
}

/// Whether `bytes` is well-formed UTF-8 (`String(validating:as: UTF8.self) != nil`, without building the
/// String): the well-formed byte sequences of the Unicode Standard §3.9, Table 3-7 (no overlong forms, no
/// surrogates, nothing above U+10FFFF), with ASCII skipped eight bytes at a time.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { b -> Bool in
        let n = b.count
        guard let base = b.baseAddress else { return true }
        var i = 0
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
            switch c {
            case 0xC2...0xDF:
                guard cont(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard cont(1), cont(2) else { return false }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }   // overlong
                if c == 0xED && c1 > 0x9F { return false }   // surrogates
                i += 3
            case 0xF0...0xF4:
                guard cont(1), cont(2), cont(3) else { return false }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return false }   // overlong
                if c == 0xF4 && c1 > 0x8F { return false }   // above U+10FFFF
                i += 4
            default:
                return false   // continuation byte first, C0/C1, F5–FF
            }
        }
        return true
    }
}
