import KerkoCore

/// United States Legislative Markup (GPO's USLM 1.x/2.x: `bill`, `resolution`, `pLaw`, `uscDoc`…):
/// title from `dc:title` (the part after the citation prefix "116 S 1000 IS: "), type from the root
/// (`pLaw`/`uscDoc` → law; `bill`/`resolution`/`amendment` → draft law), number from `citableAs`/
/// `docNumber`, language from `dc:language`, date from the first `date` attribute in the preface/actions or
/// `dcterms:created`, institution from `dc:creator`; articles are the top-level `section`s.
struct USLMReader {
    static func isUSLM(_ root: XNode) -> Bool {
        (root.namespace ?? "").contains("schemas.gpo.gov/xml/uslm")
    }

    /// XMLText's inline elements and `num` (built once, not per document).
    private static let inline = XMLText.defaultInline.union(["num"])

    static func read(_ root: XNode, into d: inout SourceDocument) {
        d.format = .uslm
        let meta = root.child("meta")
        var title = meta?.child("title")?.textContent ?? ""
        if let colon = title.range(of: ": "), title.distance(from: title.startIndex, to: colon.lowerBound) < 40 {
            title = String(title[colon.upperBound...])
        }
        if title.isEmpty { title = root.first("officialTitle")?.textContent ?? root.first("docTitle")?.textContent ?? "" }
        d.title = title
        d.type = ["pLaw", "uscDoc", "statute", "lawDoc"].contains(root.name) ? .law : .draftLaw
        let citable = meta?.child("citableAs")?.textContent
        d.number = citable ?? root.first("docNumber")?.textContent
        d.uri = root.first("section")?.attr("identifier").map { id in
            id.split(separator: "/").dropLast().joined(separator: "/")
        }.map { "/" + $0 }
        if let l = meta?.child("language")?.textContent {
            if let lang = Metadata.language(code: l) { d.lang = lang } else { d.notes.append("declared language \(l)") }
        }
        if d.lang == .und, let l = root.attr("xml:lang"), let lang = Metadata.language(code: l) { d.lang = lang }
        d.institution = meta?.child("creator")?.textContent
        // One walk in document order for what `all` would find: the first `date` element's date, the headings
        // (`heading`, `officialTitle`) and the top-level `section`s.
        var firstDate: String?
        var headingNodes: [XNode] = [], sectionNodes: [XNode] = []
        func walk(_ x: XNode, inSection: Bool) {
            var inSection = inSection
            switch x.name {
            case "date": if firstDate == nil { firstDate = x.attr("date") }
            case "heading", "officialTitle": headingNodes.append(x)
            case "section": if !inSection { sectionNodes.append(x); inSection = true }
            default: break
            }
            for c in x.children where c.kind == .element { walk(c, inSection: inSection) }
        }
        walk(root, inSection: false)
        let dateAttr = root.child("preface").flatMap { p in p.all(["date"]).compactMap { $0.attr("date") }.first }
            ?? firstDate
            ?? meta?.child("created")?.textContent
        if let s = dateAttr { d.date = DateParser.parse(s) }

        let x = XMLText(skip: ["meta"], inline: Self.inline,
                        record: ["section", "heading", "docTitle", "officialTitle"])
        var b = TextBuilder()
        b.reserveCapacity(d.byteCount)
        let spans = x.build(root, into: &b)
        (d.text, d.paragraphs) = b.finish()
        for h in headingNodes {
            if let sp = spans[ObjectIdentifier(h)] {
                let t = h.textContent
                if !t.isEmpty { d.headings.append(Heading(level: h.name == "officialTitle" ? 1 : 2, text: t, span: sp)) }
            }
        }
        for s in sectionNodes {
            guard let sp = spans[ObjectIdentifier(s)] else { continue }
            let num = s.child("num")?.attr("value") ?? AkomaNtosoReader.cleanNumber(s.child("num")?.textContent ?? "")
            d.articles.append(Article(number: num, heading: s.child("heading")?.textContent, span: sp))
        }
    }
}

/// Any other well-formed XML: text with structure (every non-inline element is a paragraph), headings
/// from `title`/`heading`/`h1`…`h6`/`head` elements, title from the first of them (or `dc:title`),
/// language from `xml:lang` / `lang` on the root.
struct GenericXMLReader {
    static func read(_ root: XNode, into d: inout SourceDocument) {
        d.format = .xml
        let headingNames: Set<String> = ["title", "heading", "head", "h1", "h2", "h3", "h4", "h5", "h6", "docTitle"]
        let x = XMLText(skip: ["script", "style"], record: headingNames)
        var b = TextBuilder()
        b.reserveCapacity(d.byteCount)
        let spans = x.build(root, into: &b)
        (d.text, d.paragraphs) = b.finish()
        for h in root.all(headingNames) {
            if let sp = spans[ObjectIdentifier(h)] {
                let t = h.textContent
                let level = h.name.count == 2 && h.name.hasPrefix("h") ? Int(String(h.name.last!)) ?? 1 : 1
                if !t.isEmpty { d.headings.append(Heading(level: level, text: t, span: sp)) }
            }
        }
        d.title = d.headings.first?.text ?? ""
        if let l = root.attr("xml:lang") ?? root.attr("lang"), let lang = Metadata.language(code: l) { d.lang = lang }
    }
}

/// `.xml` / `.akn`: parses once, then dispatches on the root: Akoma Ntoso, USLM, or generic XML.
public struct XMLReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { Self.extensionSet }
    private static let extensionSet: Set<String> = ["xml", "akn"]

    public func read(_ input: ReaderInput) throws -> SourceDocument {
        if input.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw IngestError.empty }
        let root = try LibXML.parseXML(input.bytes, url: input.fileURL.lastPathComponent)
        var d = input.skeleton(.xml)
        if AkomaNtosoReader.isAkomaNtoso(root) {
            AkomaNtosoReader.read(root, into: &d)
        } else if USLMReader.isUSLM(root) {
            USLMReader.read(root, into: &d)
        } else {
            GenericXMLReader.read(root, into: &d)
        }
        if d.lang == .und { d.lang = Metadata.languageTag(inFileName: input.fileURL.lastPathComponent) ?? .und }
        Metadata.complete(&d)
        return d
    }
}
