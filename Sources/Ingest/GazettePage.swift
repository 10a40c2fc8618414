import KerkoCore

/// Metadata of a Kosovo Official Gazette act page (gzk.rks-gov.net `ActDetail.aspx`), read from the page's
/// labelled fields by their element ids: act type ("Lloji i aktit"), number ("Numri i aktit" / "Akt Broj"),
/// institution, publication date ("Data e publikimit" / "Objavljen"), gazette issue ("Gazeta Zyrtare"),
/// the act's title, and the related-act lists ("Ndryshon/Plotëson", "Shfuqizuar nga", "Ukida"…).
struct GazettePage {
    var title: String
    var category: String?
    var rawNumber: String?
    var institution: String?
    var rawDate: String?
    var gazette: String?
    var relations: [(label: String, act: RelatedAct)] = []
    /// Sub-acts and legal basis, each with the institution that issued it when the page names one.
    var subActs: [(act: RelatedAct, institution: String?)] = []

    /// The element id that marks an act page (its act-number field).
    static let markerID = "MainContent_lblDActNo"
    /// Every element id `parse` reads.
    static let fieldIDs: Set<String> = [
        markerID, "MainContent_rAktet_lblAn_0", "MainContent_lblDActCategoryName_1", "MainContent_lblDInstSpons",
        "MainContent_lblDPubDate", "MainContent_lblDGZK", "MainContent_drActRelated", "MainContent_drNActRelated",
        "MainContent_drSubNormAct", "MainContent_lblSubNormActTitle", "MainContent_drLBNormAct",
        "MainContent_lblSubNormLegalBaseTitle",
    ]

    /// Recognises an act page by its act-number field.
    static func parse(_ root: XNode) -> GazettePage? {
        var byId: [String: XNode] = [:]
        func index(_ x: XNode) {
            if let id = x.attr("id") { byId[id] = x }
            for c in x.children where c.kind == .element { index(c) }
        }
        index(root)
        return parse(byID: byId, title: root.first("title"))
    }

    /// Reads an act page from its elements by id (the last element for an id used twice) and the page's
    /// first `title` element; nil when there is no act-number field. Only the ids in `fieldIDs` are read.
    static func parse(byID byId: [String: XNode], title titleNode: XNode?) -> GazettePage? {
        guard let numberNode = byId[markerID] else { return nil }
        func text(_ id: String) -> String? {
            guard let t = byId[id]?.textContent, !t.isEmpty else { return nil }
            return t
        }
        var g = GazettePage(title: text("MainContent_rAktet_lblAn_0") ?? titleNode?.textContent ?? "")
        g.category = text("MainContent_lblDActCategoryName_1")
        g.rawNumber = numberNode.textContent
        g.institution = text("MainContent_lblDInstSpons")
        g.rawDate = text("MainContent_lblDPubDate")
        g.gazette = text("MainContent_lblDGZK")

        // Related acts: each box has a label span, a title link and a "publication date" line.
        // "…nga" (by) lists sit in drActRelated, "Ndryshon / Plotëson / Shfuqizon" (this act's own effects)
        // in drNActRelated; each box carries its own label, so both are read the same way.
        for rel in ["MainContent_drActRelated", "MainContent_drNActRelated"].compactMap({ byId[$0] }) {
            for box in rel.all(["div"]) where box.attr("class") == "act_link_box_1" {
                let label = box.elements.first { $0.name == "span" && ($0.attr("class") ?? "").contains("span_margin") }?.textContent ?? ""
                guard let t = box.all(["a"]).first?.textContent, !t.isEmpty else { continue }
                let conn = box.all(["div"]).first { $0.attr("class") == "act_detail_conn" }?.textContent ?? ""
                g.relations.append((label, RelatedAct(title: t, number: ActNumber.fromTitle(t),
                                                      date: DateParser.first(in: conn), label: label)))
            }
        }
        // Sub-acts issued under this act, and the act's legal basis.
        for (div, labelID, fallback) in [("MainContent_drSubNormAct", "MainContent_lblSubNormActTitle", "sub-acts"),
                                         ("MainContent_drLBNormAct", "MainContent_lblSubNormLegalBaseTitle", "legal basis")] {
            guard let sub = byId[div] else { continue }
            let label = text(labelID) ?? fallback
            for box in sub.all(["div"]) where box.attr("class") == "act_link_box_1" {
                guard let t = box.all(["a"]).first?.textContent, !t.isEmpty else { continue }
                let connNode = box.all(["div"]).first { $0.attr("class") == "act_detail_conn" }
                let conn = connNode?.textContent ?? ""
                // The issuing institution (a ministry, the government) sits in the same line as the date.
                let issuer = connNode?.all(["span"]).first { ($0.attr("id") ?? "").contains("lblInstName") }?.textContent
                g.subActs.append((RelatedAct(title: t, number: ActNumber.fromTitle(t), date: DateParser.first(in: conn),
                                             label: label), issuer.flatMap { $0.isEmpty ? nil : $0 }))
            }
        }
        return g
    }

    enum Relation { case amends, amendedBy, repeals, repealedBy, related }

    /// Classifies a Gazette relation label (Albanian or Serbian, folded).
    static func relation(_ label: String) -> Relation {
        let f = Folding.fold(label)
        if f.hasPrefix("ndryshohet") || f.hasPrefix("izmenjen") || f.hasPrefix("shtuar nga") || f.hasPrefix("dopunjen") {
            return .amendedBy
        }
        if f.hasPrefix("shfuqizuar") || f.hasPrefix("ukinut") { return .repealedBy }
        if f.hasPrefix("ndryshon") || f.hasPrefix("izmenjuje") || f.hasPrefix("plotes") || f.hasPrefix("dopunjuje") { return .amends }
        if f.hasPrefix("shfuqizon") || f.hasPrefix("ukida") { return .repeals }
        return .related
    }

    /// Language of the page's act: from its category (Ligje / Zakoni / Laws), else from the title wording.
    var language: Language {
        switch Folding.fold(category ?? "") {
        case let c where c.hasPrefix("ligj") || c.hasPrefix("udhezim") || c.hasPrefix("rregullor") || c.hasPrefix("vendim"): return .sq
        case let c where c.hasPrefix("zakon") || c.hasPrefix("uputstv") || c.hasPrefix("uredb") || c.hasPrefix("odluk"): return .sr
        case let c where c.hasPrefix("law") || c.hasPrefix("regulation") || c.hasPrefix("decision") || c.hasPrefix("administrative"): return .en
        default: return DocumentTypeRecognizer.recognize(title)?.lang ?? .und
        }
    }

    /// Fills a document from the page.
    func apply(to d: inout SourceDocument) {
        d.title = title
        d.lang = language
        if let t = DocumentTypeRecognizer.match(title), t.word <= 3 { d.type = t.type }
        else if let c = category, let t = DocumentTypeRecognizer.recognize(c) { d.type = t.type }
        d.number = rawNumber.flatMap { ActNumber.normalize($0) } ?? rawNumber
        d.institution = institution
        d.date = rawDate.flatMap(DateParser.parse)
        d.gazette = gazette.map { $0.replacingOccurrences(of: " ", with: "") }
        for (label, act) in relations {
            switch Self.relation(label) {
            case .amends: d.amends.append(act)
            case .amendedBy: d.amendedBy.append(act)
            case .repeals: d.repeals.append(act)
            case .repealedBy: d.repealedBy.append(act)
            case .related: d.related.append(act)
            }
        }
        d.related += subActs.map(\.act)

        // Text: the title, the labelled fields, then the related acts, one paragraph each.
        var b = TextBuilder()
        b.paragraph(title)
        for (k, v) in [("Lloji i aktit", category), ("Numri i aktit", rawNumber), ("Institucioni", institution),
                       ("Data e publikimit", rawDate), ("Gazeta Zyrtare", gazette)] {
            if let v { b.paragraph("\(k): \(v)") }
        }
        for (label, act) in relations { b.paragraph("\(label): \(act.title)" + (act.date.map { " (\($0))" } ?? "")) }
        // A sub-act's line names its issuer too: NGOs look for the by-laws of a ministry.
        for (act, issuer) in subActs {
            let details = [act.date, issuer].compactMap { $0 }
            b.paragraph("\(act.label): \(act.title)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"))
        }
        (d.text, d.paragraphs) = b.finish()
        d.headings = [Heading(level: 1, text: title, span: d.paragraphs.first ?? TextSpan(start: 0, end: 0))]
    }
}
