/// Turns an `XNode` tree into paragraphs of plain text. Every element breaks a paragraph except inline ones
/// (emphasis, references, inline semantic markup in AKN/USLM/HTML); `skip` subtrees are left out
/// (metadata, scripts). Spans of elements named in `record` are kept, keyed by node identity.
struct XMLText {
    var skip: Set<String>
    var inline: Set<String> = XMLText.defaultInline
    var record: Set<String> = []

    static let defaultInline: Set<String> = [
        // HTML
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "nobr", "strike", "tt", "big",
        "label",
        // Akoma Ntoso inline
        "ref", "mref", "rref", "term", "def", "inline", "date", "docNumber", "docType", "docTitle", "docProponent",
        "docDate", "docStage", "docStatus", "docCommittee", "docAuthority", "docJurisdiction", "docPurpose",
        "entity", "person", "organization", "role", "location", "quantity", "concept", "object", "event",
        "process", "omissis", "placeholder", "fillIn", "decoration", "noteRef", "eol", "eop", "img", "vote",
        "outcome", "lawyer", "judge", "party", "signature", "courtType", "neutralCitation", "legislature",
        "session", "shortTitle", "affectedDocument", "relatedDocument", "argument", "remark", "recordedTime",
        "opinion", "change", "narrative", "summary", "span",
        // USLM inline
        "shortTitle", "em", "sup", "sub", "ref", "date", "term", "inline", "marker", "headingText",
        // Office (text:span, w:r handled by their readers)
    ]

    /// Builds text from `root`; returns the builder and the recorded spans.
    func build(_ root: XNode, into b: inout TextBuilder) -> [ObjectIdentifier: TextSpan] {
        var spans: [ObjectIdentifier: TextSpan] = [:]
        // How each element name is treated, looked up once per name (one hash per element, not three).
        struct Kind { var skip, lineBreak, block, record: Bool }
        var kinds: [String: Kind] = [:]
        func walk(_ x: XNode, depth: Int) {
            if x.kind == .text { b.append(x.text); return }
            let k: Kind
            if let known = kinds[x.name] { k = known } else {
                k = Kind(skip: skip.contains(x.name), lineBreak: x.name == "br" || x.name == "eol",
                         block: !inline.contains(x.name), record: record.contains(x.name))
                kinds[x.name] = k
            }
            if k.skip || depth > LibXML.maxDepth { return }
            if k.lineBreak { b.append(" "); return }
            let block = k.block
            if block { b.breakParagraph() }
            let start = b.offset
            for c in x.children { walk(c, depth: depth + 1) }
            if block { b.breakParagraph() }
            if k.record {
                let end = b.endOffset
                spans[ObjectIdentifier(x)] = TextSpan(start: min(start, end), end: end)
            }
        }
        walk(root, depth: 0)
        return spans
    }
}
