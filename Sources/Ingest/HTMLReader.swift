import KerkoCore

/// HTML (`.html`, `.htm`) through libxml2's HTML parser (HTML_PARSE_NONET). Kosovo Official Gazette act
/// pages are recognised and read field by field (`GazettePage`); other pages give their body text with
/// structure, headings `h1`–`h6`, title from `<title>` (else the first `h1`), language from `lang`.
public struct HTMLReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { ["html", "htm", "xhtml"] }

    public func read(_ input: ReaderInput) throws -> SourceDocument {
        if input.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw IngestError.empty }
        if let nul = input.bytes.firstIndex(of: 0), !(input.bytes.starts(with: [0xFF, 0xFE]) || input.bytes.starts(with: [0xFE, 0xFF])) {
            throw IngestError.binaryData("NUL byte at offset \(nul)")
        }
        let utf8 = String(validating: input.bytes, as: UTF8.self) != nil
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
