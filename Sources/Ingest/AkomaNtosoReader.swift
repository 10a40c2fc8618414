import KerkoCore

/// Akoma Ntoso 2.0 and 3.0 (any namespace; elements matched by local name). The document type comes from
/// the element under `akomaNtoso` (`bill` → draft law, `act` → law, `judgment` → judgment, `debate` →
/// debate, `debateReport`/`doc` by their `name` or title wording…); FRBR identification gives the URI,
/// date, number and language; the title comes from `docTitle` (else `FRBRname`/`shortTitle`); articles are
/// `article` elements (or `section` when there are none) with their `num` and `heading`.
struct AkomaNtosoReader {
    static func isAkomaNtoso(_ root: XNode) -> Bool { root.name == "akomaNtoso" || root.name == "akn" }

    static func read(_ root: XNode, into d: inout SourceDocument) {
        d.format = .akomaNtoso
        let docEl = root.elements.first ?? root
        let name = docEl.attr("name") ?? ""

        // FRBR identification.
        let meta = docEl.child("meta") ?? root.first("meta")
        let work = meta?.first("FRBRWork")
        let expr = meta?.first("FRBRExpression")
        d.uri = work?.child("FRBRuri")?.attr("value") ?? work?.child("FRBRthis")?.attr("value")
        if let date = work?.child("FRBRdate")?.attr("date") { d.date = DateParser.parse(date) }
        if let n = work?.child("FRBRnumber")?.attr("value"), !n.isEmpty { d.number = ActNumber.normalize(n) ?? n }
        if let lang = expr?.child("FRBRlanguage")?.attr("language") {
            if let l = Metadata.language(code: lang) { d.lang = l } else { d.notes.append("declared language \(lang) (not sq/en/sr)") }
        }
        // Institution: FRBRauthor of the work, resolved through the TLC references when possible.
        if let href = work?.child("FRBRauthor")?.attr("href"), href.hasPrefix("#") {
            let id = String(href.dropFirst())
            let tlc = meta?.all(["TLCOrganization", "TLCPerson", "TLCRole"]).first { $0.attr("eId") == id || $0.attr("id") == id }
            d.institution = tlc?.attr("showAs") ?? id
        }

        // Text (metadata left out), headings and articles.
        let bodyNames: Set<String> = ["article", "section"]
        let headingNames: Set<String> = ["docTitle", "heading", "subheading", "longTitle"]
        let x = XMLText(skip: ["meta"], record: bodyNames.union(headingNames))
        var b = TextBuilder()
        let spans = x.build(docEl, into: &b)
        (d.text, d.paragraphs) = b.finish()
        for h in docEl.all(headingNames) {
            guard let sp = spans[ObjectIdentifier(h)] else { continue }
            let t = h.textContent
            if !t.isEmpty { d.headings.append(Heading(level: h.name == "heading" ? 2 : 1, text: t, span: sp)) }
        }
        let articleEls = docEl.all(["article"], nested: false)
        let units = articleEls.isEmpty ? docEl.all(["section"], nested: false) : articleEls
        for a in units {
            guard let sp = spans[ObjectIdentifier(a)] else { continue }
            let num = (a.child("num")?.textContent ?? a.attr("eId") ?? a.attr("id") ?? "")
            d.articles.append(Article(number: cleanNumber(num), heading: a.child("heading")?.textContent, span: sp))
        }

        // Title.
        let title = docEl.first("docTitle")?.textContent
            ?? docEl.first("shortTitle")?.textContent
            ?? work?.child("FRBRname")?.attr("value")
        d.title = title ?? d.headings.first?.text ?? ""
        if let n = docEl.first("docNumber")?.textContent, d.number == nil { d.number = ActNumber.normalize(n) ?? n }

        // Type.
        switch docEl.name {
        case "bill": d.type = .draftLaw
        case "act": d.type = .law
        case "judgment", "judgement": d.type = .judgment
        case "debate": d.type = .debate
        case "debateReport": d.type = name.lowercased().contains("report") ? .report : .debate
        default:
            let sub = work?.child("FRBRsubtype")?.attr("value") ?? ""
            if let t = DocumentTypeRecognizer.recognize(name + " " + sub)?.type { d.type = t }
            else if let t = DocumentTypeRecognizer.match(d.title), t.word <= 3 { d.type = t.type }
        }
        if docEl.name == "documentCollection", d.type == .other,
           docEl.first("bill") != nil { d.type = .draftLaw }
    }

    /// "Article 12." / "Section 3" / "§ 4" / "12." → "12".
    static func cleanNumber(_ s: String) -> String {
        var t = s.collapsedWhitespace
        for p in ["Article", "ARTICLE", "Art.", "Section", "SECTION", "Sec.", "Neni", "Član", "Clan", "§", "Artículo", "ARTÍCULO", "Art"] where t.hasPrefix(p) {
            t = String(t.dropFirst(p.count)); break
        }
        t = t.trimmingCharacters(in: .whitespaces)
        while let l = t.last, ".:)".contains(l) { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces)
    }
}
