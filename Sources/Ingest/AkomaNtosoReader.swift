import Foundation
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
        b.reserveCapacity(d.byteCount)
        // The whole tree: AKN 3.0 collections keep their documents in a `components` sibling of the
        // collection element.
        let spans = x.build(root, into: &b)
        (d.text, d.paragraphs) = b.finish()
        for h in root.all(headingNames) {
            guard let sp = spans[ObjectIdentifier(h)] else { continue }
            let t = h.textContent
            if !t.isEmpty { d.headings.append(Heading(level: h.name == "heading" ? 2 : 1, text: t, span: sp)) }
        }
        let articleEls = root.all(["article"], nested: false)
        let units = articleEls.isEmpty ? root.all(["section"], nested: false) : articleEls
        // Editorial units (page markers such as `<section eId="page" status="editorial">`) are not articles.
        for a in units where a.attr("status") != "editorial" {
            guard let sp = spans[ObjectIdentifier(a)] else { continue }
            let num = a.child("num").map { cleanNumber($0.textContent) } ?? ""
            let fromID = (a.attr("eId") ?? a.attr("id")).map { cleanNumber($0) } ?? ""
            d.articles.append(Article(number: num.isEmpty ? fromID : num, heading: a.child("heading")?.textContent, span: sp))
        }

        // Title.
        let title = docEl.first("docTitle")?.textContent
            ?? docEl.first("shortTitle")?.textContent
            ?? root.first("docTitle")?.textContent
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

    /// The article number in a label or id: "Article 12." / "SEC. 2." / "§ 4" / "3. Cap. 446" / "art_1" /
    /// "sec5" → the first number (with an optional letter suffix, "12a"), or a Roman numeral; else "".
    static func cleanNumber(_ s: String) -> String {
        let t = s.collapsedWhitespace
        if let r = firstMatch(number, in: t) {
            var n = String(t[r])
            // "12." or "3a" – a trailing letter only when it is directly attached and lowercase
            if let l = n.last, l.isLetter, !l.isLowercase { n.removeLast() }
            return n
        }
        if let r = firstMatch(roman, in: t) { return String(t[r]) }
        return ""
    }

    // Compiled once (`range(of:options: .regularExpression)` compiles its pattern on every call); the same
    // first match over the whole string.
    private static let number = try! NSRegularExpression(pattern: #"[0-9]+[A-Za-z]?(?![0-9])"#)
    private static let roman = try! NSRegularExpression(pattern: #"\b[IVXLC]+\b"#)
    private static func firstMatch(_ re: NSRegularExpression, in t: String) -> Range<String.Index>? {
        guard let m = re.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) else { return nil }
        return Range(m.range, in: t)
    }
}
