import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

// The only file that calls libxml2 (one place to audit). Every document and parser context is created and
// freed inside one function here; what leaves is a plain Swift tree (`XNode`), so no C handle outlives
// the call or has more than one owner.
//
// Safety: XML is parsed with XML_PARSE_NONET and never with XML_PARSE_NOENT, XML_PARSE_DTDLOAD or
// XML_PARSE_HUGE; documents that declare entities are refused before parsing (and again after, for encodings
// the byte scan cannot see); entity reference nodes are never expanded into the tree; the process-wide
// external entity loader refuses every request. HTML is parsed with HTML_PARSE_NONET. Errors are taken from
// the parser context (xmlCtxtGetLastError), not from libxml2's global error handler, and
// XML_PARSE_NOERROR/NOWARNING keep libxml2 from printing to stderr.

/// A parsed XML/HTML node: an element (local name, attributes, children) or a run of text.
final class XNode {
    enum Kind { case element, text }
    let kind: Kind
    /// Local name (namespace prefix removed) for elements; "" for text.
    let name: String
    /// Namespace URI, when the element has one.
    let namespace: String?
    var attributes: [(name: String, value: String)] = []
    var children: [XNode] = []
    /// Text content for text nodes.
    let text: String
    let line: Int

    init(kind: Kind, name: String, namespace: String?, text: String, line: Int) {
        self.kind = kind; self.name = name; self.namespace = namespace; self.text = text; self.line = line
    }

    func attr(_ n: String) -> String? { attributes.first { $0.name == n }?.value }
    var elements: [XNode] { children.filter { $0.kind == .element } }
    func child(_ n: String) -> XNode? { children.first { $0.kind == .element && $0.name == n } }

    /// First element named `n` in document order (self included), depth-first.
    func first(_ n: String) -> XNode? {
        if kind == .element && name == n { return self }
        for c in children where c.kind == .element { if let f = c.first(n) { return f } }
        return nil
    }

    /// Every element named in `names`, in document order (self included; does not descend into matches
    /// unless `nested`).
    func all(_ names: Set<String>, nested: Bool = true) -> [XNode] {
        var out: [XNode] = []
        // A few names: compared one by one (no hashing of every element's name).
        let list = Array(names)
        let small = list.count <= 8
        func walk(_ x: XNode) {
            if x.kind == .element && (small ? list.contains(x.name) : names.contains(x.name)) { out.append(x); if !nested { return } }
            for c in x.children where c.kind == .element { walk(c) }
        }
        walk(self)
        return out
    }

    /// All text below this node, whitespace collapsed.
    var textContent: String {
        var s = ""
        func walk(_ x: XNode) {
            if x.kind == .text { s += x.text; return }
            if Self.breakingNames.contains(x.name) { s += " " }
            for c in x.children { walk(c) }
            if Self.breakingNames.contains(x.name) { s += " " }
        }
        walk(self)
        return s.collapsedWhitespace
    }
    private static let breakingNames: Set<String> = ["br", "p", "div", "td", "th", "li", "tr"]
}

enum LibXML {
    /// Process-wide set-up, done once: parser initialisation and an external entity loader that refuses
    /// everything (defence in depth; NONET already forbids the network and no DTD is ever loaded).
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static let maxDepth = 512

    /// Parses well-formed XML. Throws `IngestError.malformedXML` with libxml2's line and column, or
    /// `.entityDeclarations` if the document's DTD declares entities.
    /// `bySAX: false` parses into libxml2's tree and copies it (the reference for the tests).
    static func parseXML(_ bytes: [UInt8], url: String, bySAX: Bool = true) throws -> XNode {
        if bySAX, let x = try parseXMLEvents(bytes, url: url) { return x }
        return try parseXMLEvents(bytes, url: url, bySAX: false)!
    }

    /// `parseXML`, by SAX events (nil when `BuildingSAX` leaves the document to the tree) or into a tree.
    static func parseXMLEvents(_ bytes: [UInt8], url: String, bySAX: Bool = true) throws -> XNode? {
        _ = setUp
        let declared = countEntityDeclarations(bytes)
        if declared > 0 { throw IngestError.entityDeclarations(count: declared) }
        guard bytes.count < Int(Int32.max) else { throw IngestError.invalid("XML larger than 2 GB") }
        guard let ctxt = xmlNewParserCtxt() else { throw IngestError.invalid("libxml2: cannot create a parser context") }
        defer { xmlFreeParserCtxt(ctxt) }
        // libxml2 keeps only the last error in the context (often "Premature end of data" after the real
        // one); the context's own structured-error callback records the first. Per context, so no global state.
        let firstError = FirstError()
        ctxt.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        ctxt.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let c = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let p = c.pointee._private else { return }
            let box = Unmanaged<FirstError>.fromOpaque(p).takeUnretainedValue()
            if box.error == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                box.error = LibXML.ingestError(error)
            }
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue | XML_PARSE_COMPACT.rawValue)
        // The Swift tree straight from the SAX events (libxml2's tree is not built), unless the document has
        // something `BuildingSAX` leaves to the tree; then it is parsed again below, into a tree.
        let building = bySAX ? BuildingSAX() : nil
        if let building { building.install(ctxt) }
        let doc = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { cb in
                xmlCtxtReadMemory(ctxt, cb.baseAddress, Int32(cb.count), url, nil, options)
            }
        }
        if let building, building.abandoned {   // stopped on purpose: the caller parses into a tree
            if let doc { xmlFreeDoc(doc) }
            return nil
        }
        guard let doc, ctxt.pointee.wellFormed != 0 else {
            if let doc { xmlFreeDoc(doc) }
            throw withExtendedLifetime(firstError) { firstError.error ?? lastError(ctxt) }
        }
        defer { xmlFreeDoc(doc) }
        let n = entityCount(doc)
        if n > 0 { throw IngestError.entityDeclarations(count: n) }
        if let building {
            guard let root = building.root else { throw IngestError.invalid("XML has no root element") }
            return root
        }
        guard let root = xmlDocGetRootElement(doc) else { throw IngestError.invalid("XML has no root element") }
        return convert(root, depth: 0)
    }

    /// The state of `parseXML` read by SAX events: the open elements' Swift nodes, built as the tree builder
    /// (libxml2's SAX2 handlers) would link them — each element under the element open at its start,
    /// adjacent text merged into one node (not across a comment, processing instruction or entity reference,
    /// which are nodes of their own there), text outside the root dropped; attributes as the tree stores
    /// them (the DTD's defaulted ones left out, `prefix:name` when prefixed). The parser reads nothing of the
    /// tree here: blank text is "ignorable" only when the two handlers differ, and both are this one text
    /// handler, as in the default set-up. Left to the tree (`abandoned`): an unbound prefix (the tree builder
    /// renames or re-homes such names), a "&" in an attribute value (the tree builder decodes the parser's
    /// "&#38;" and entity references there), nesting near libxml2's depth limit.
    private final class BuildingSAX {
        var open: [XNode] = []
        var root: XNode?
        var pending: [UInt8] = []
        var abandoned = false
        var namespaces = NamespaceCache()
        var names = NameCache()
        init() {}

        func flush() {
            guard !pending.isEmpty else { return }
            if let x = open.last {
                x.children.append(XNode(kind: .text, name: "", namespace: nil, text: String(decoding: pending, as: UTF8.self), line: 0))
            }
            pending.removeAll(keepingCapacity: true)
        }

        func abandon(_ ctx: UnsafeMutableRawPointer?) {
            abandoned = true
            xmlStopParser(ctx!.assumingMemoryBound(to: xmlParserCtxt.self))
        }

        /// The state of the context `ctx`, when it is the one `install` set up (an entity's content is parsed
        /// with a context of its own, whose events are not the document's).
        static func of(_ ctx: UnsafeMutableRawPointer?) -> BuildingSAX? {
            guard let ctx, let p = ctx.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
            guard let st = Unmanaged<FirstError>.fromOpaque(p).takeUnretainedValue().building, st.context == ctx else { return nil }
            return st
        }

        /// The document's parser context (the SAX user data of its events).
        var context: UnsafeMutableRawPointer?

        func install(_ ctxt: xmlParserCtxtPtr) {
            context = UnsafeMutableRawPointer(ctxt)
            let box = Unmanaged<FirstError>.fromOpaque(ctxt.pointee._private!).takeUnretainedValue()
            box.building = self
            let sax = ctxt.pointee.sax!
            sax.pointee.startElementNs = { ctx, localname, prefix, uri, _, _, nbAttributes, nbDefaulted, attributes in
                guard let st = BuildingSAX.of(ctx), !st.abandoned else { return }
                if st.open.count >= 240 || (prefix != nil && uri == nil) { st.abandon(ctx); return }
                st.flush()
                let c = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
                let line = min(Int(c.pointee.input?.pointee.line ?? 0), 65535)
                let x = XNode(kind: .element, name: st.names.name(localname), namespace: st.namespaces.uri(uri), text: "", line: line)
                let n = Int(nbAttributes - nbDefaulted)
                if n > 0, let attributes {
                    x.attributes.reserveCapacity(n)
                    for i in 0..<n {
                        let a = attributes + 5 * i
                        if a[1] != nil && a[2] == nil { st.abandon(ctx); return }
                        guard let v0 = a[3], let v1 = a[4] else { continue }
                        let value = UnsafeBufferPointer(start: v0, count: v0.distance(to: v1))
                        if value.contains(0x26) { st.abandon(ctx); return }
                        var name = LibXML.string(a[0])
                        if let p = a[1] { name = LibXML.string(p) + ":" + name }
                        x.attributes.append((name, String(decoding: value, as: UTF8.self)))
                    }
                }
                if let parent = st.open.last { parent.children.append(x) } else if st.root == nil { st.root = x }
                st.open.append(x)
            }
            sax.pointee.endElementNs = { ctx, _, _, _ in
                guard let st = BuildingSAX.of(ctx), !st.abandoned else { return }
                st.flush()
                if st.open.popLast() == nil { st.abandon(ctx) }
            }
            let text: charactersSAXFunc = { ctx, ch, len in
                guard let st = BuildingSAX.of(ctx), !st.abandoned, !st.open.isEmpty, let ch, len > 0 else { return }
                st.pending.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
            }
            sax.pointee.characters = text
            sax.pointee.ignorableWhitespace = text
            sax.pointee.comment = { ctx, _ in BuildingSAX.of(ctx)?.flush() }
            sax.pointee.processingInstruction = { ctx, _, _ in BuildingSAX.of(ctx)?.flush() }
            sax.pointee.reference = { ctx, _ in BuildingSAX.of(ctx)?.flush() }
        }
    }

    /// Parses HTML with libxml2's forgiving HTML parser (HTML_PARSE_NONET). `encoding` overrides the page's
    /// own declaration (pass "UTF-8" when the bytes are valid UTF-8).
    static func parseHTML(_ bytes: [UInt8], url: String, encoding: String?) throws -> XNode {
        guard case let .page(root) = try parseHTML(bytes, url: url, encoding: encoding, selecting: [], marker: nil)
        else { fatalError("no marker, so the whole page") }
        return root
    }

    /// What `parseHTML(_:url:encoding:selecting:marker:)` gives: the whole page, or only some of its elements.
    enum HTMLParse {
        case page(XNode)
        /// The page has an element whose id is the marker: the elements whose `id` attribute is one of the
        /// selected ids (the last in document order for an id used twice, as a walk that records every
        /// element would keep), each with its subtree, and the first `title` element in document order.
        case selected(byID: [String: XNode], title: XNode?)
    }

    /// Parses HTML as above; when an element's `id` is `marker`, converts only the elements with the ids in
    /// `selecting` (and the first `title`) to Swift trees instead of the whole page — the ids are found by a
    /// walk over libxml2's tree.
    /// `bySAX: false` always parses into a tree (the reference for the tests).
    static func parseHTML(_ bytes: [UInt8], url: String, encoding: String?, selecting ids: Set<String>,
                          marker: String?, bySAX: Bool = true) throws -> HTMLParse {
        _ = setUp
        guard bytes.count < Int(Int32.max) else { throw IngestError.invalid("HTML larger than 2 GB") }
        // A page holding the marker's text is first read by SAX events, without libxml2's tree; when that
        // cannot stand for the tree (no marker element after all, or a case `SelectingSAX` leaves to the tree),
        // the page is parsed again below.
        if bySAX, let marker, ids.contains(marker), contains(bytes, marker), let selected = selectBySAX(bytes, url: url, encoding: encoding,
                                                                                        ids: ids, marker: marker) {
            return selected
        }
        guard let ctxt = htmlNewParserCtxt() else { throw IngestError.invalid("libxml2: cannot create an HTML parser context") }
        defer { htmlFreeParserCtxt(ctxt) }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        let doc = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { cb in
                htmlCtxtReadMemory(ctxt, cb.baseAddress, Int32(cb.count), url, encoding, options)
            }
        }
        guard let doc else { throw lastError(ctxt) }
        defer { xmlFreeDoc(doc) }
        // The HTML parser recovers from almost everything; when it halts instead (disableSAX set, e.g.
        // "Excessive depth in document: 256"), what was built is a truncated page: refuse it.
        if ctxt.pointee.disableSAX != 0, case let .malformedXML(line, column, message) = lastError(ctxt) {
            throw IngestError.malformedHTML(line: line, column: column, message: message)
        }
        let n = entityCount(doc)
        if n > 0 { throw IngestError.entityDeclarations(count: n) }
        guard let root = xmlDocGetRootElement(doc) else { throw IngestError.invalid("HTML has no root element") }
        if let marker {
            var found: [String: xmlNodePtr] = [:]
            var title: xmlNodePtr?
            var hasMarker = false
            walkElements(root) { n in
                if title == nil, nameIs(n.pointee.name, "title") { title = n }
                guard let id = idAttribute(n) else { return }
                if id == marker { hasMarker = true }
                if ids.contains(id) { found[id] = n }
            }
            if hasMarker {
                return .selected(byID: found.mapValues { convert($0, depth: 0) }, title: title.map { convert($0, depth: 0) })
            }
        }
        return .page(convert(root, depth: 0))
    }

    /// Whether `bytes` holds the UTF-8 of `s` (memchr to each candidate first byte, then memcmp).
    static func contains(_ bytes: [UInt8], _ s: String) -> Bool {
        var s = s
        return s.withUTF8 { needle in
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress, let n = needle.baseAddress, needle.count > 0 else { return needle.isEmpty }
                var i = 0
                let last = b.count - needle.count
                while i <= last {
                    guard let q = memchr(base + i, Int32(n[0]), last - i + 1) else { return false }
                    i = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + i, n, needle.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// The state of `selectBySAX`: the elements open, and the Swift trees being built for the selected
    /// elements (and the first `title`) and everything below them.
    private final class SelectingSAX {
        let ids: Set<String>
        let marker: String
        /// Per open element, the node built for it (nil outside the selected subtrees).
        var open: [XNode?] = []
        /// Text since the last tag, for the innermost built node (libxml2's tree merges adjacent text too).
        var pending: [UInt8] = []
        var found: [String: XNode] = [:]
        var title: XNode?
        var hasMarker = false
        var rootClosed = false
        /// Set when the events cannot stand for the tree: the caller parses into a tree instead.
        var abandoned = false
        /// The selected ids as UTF-8, for `selectedID`.
        let idBytes: [(id: String, bytes: [UInt8])]
        init(ids: Set<String>, marker: String) {
            self.ids = ids; self.marker = marker
            idBytes = ids.map { ($0, Array($0.utf8)) }
        }

        /// The selected id whose UTF-8 is the NUL-terminated `p`, if any (`ids.contains(string(p))`; an id
        /// holding NUL cannot come from the parser, whose strings are NUL-terminated).
        func selectedID(_ p: UnsafePointer<xmlChar>?) -> String? {
            guard let p else { return ids.contains("") ? "" : nil }
            let n = strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
            for (id, b) in idBytes where b.count == n {
                if b.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, n) == 0 }) { return id }
            }
            return nil
        }

        /// The state of the parser context `ctx` (the SAX user data), from its `_private` field.
        static func of(_ ctx: UnsafeMutableRawPointer?) -> SelectingSAX {
            let c = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
            return Unmanaged<SelectingSAX>.fromOpaque(c.pointee._private!).takeUnretainedValue()
        }

        func flush() {
            guard !pending.isEmpty else { return }
            if let x = open.last ?? nil {
                x.children.append(XNode(kind: .text, name: "", namespace: nil, text: String(decoding: pending, as: UTF8.self), line: 0))
            }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// libxml2's list of HTML boolean attributes (`htmlIsBooleanAttr`, HTMLtree.c): given without a value,
    /// the tree builder (xmlSAX2AttributeInternal) stores the attribute's name as its value.
    private static let booleanAttributes: Set<String> = ["checked", "compact", "declare", "defer", "disabled", "ismap",
                                                         "multiple", "nohref", "noresize", "noshade", "nowrap",
                                                         "readonly", "selected"]

    /// `parseHTML(_:url:encoding:selecting:marker:)` for a page with the marker element, from the HTML
    /// parser's SAX events with the element and text callbacks replaced (libxml2's HTML tree is not built):
    /// the same parser, options and events, so the same elements, nesting and text as the tree's. The tree
    /// builder (SAX2) links each element under the element open at its start and merges adjacent text; the
    /// parser itself reads the tree only to call blank text "ignorable" (areBlanks), which with the default
    /// keep-blanks setting changes nothing here (the text is delivered either way, and the implied-paragraph
    /// check it guards acts only with no open element or inside `html`/`head`, where areBlanks answers from
    /// the element name alone). Nil — parse into a tree — when: the marker is not an element's id; the parser
    /// halted or failed; a second top-level element follows the first (the tree builder links it elsewhere);
    /// the nesting comes near libxml2's depth limit (the tree builder halts there); an element name holds a
    /// colon (the tree builder splits it); the document declares entities.
    static func selectBySAX(_ bytes: [UInt8], url: String, encoding: String?, ids: Set<String>,
                                    marker: String) -> HTMLParse? {
        guard let ctxt = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(ctxt) }
        let state = SelectingSAX(ids: ids, marker: marker)
        ctxt.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        let sax = ctxt.pointee.sax!
        // startDocument / internalSubset / endDocument stay libxml2's: the document node and its DTD are made
        // as before (checked for entities below); comments and processing instructions are not kept.
        sax.pointee.startElement = { ctx, name, atts in
            let st = SelectingSAX.of(ctx)
            if st.abandoned { return }
            // a name with a colon: the tree builder keeps only what follows it (xmlSplitQName: Word's `<o:p>`
            // is a "p") and may give it a namespace — left to the tree
            if st.rootClosed || st.open.count >= 240 || (name.map { strchr(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), 0x3A) != nil } ?? false) {
                st.abandoned = true
                xmlStopParser(ctx!.assumingMemoryBound(to: xmlParserCtxt.self))
                return
            }
            st.flush()
            let parent = st.open.last ?? nil
            // the id compared on its bytes with the selected ids (no String for the page's other ids)
            var id: String?
            var i = 0
            if let atts {
                while let a = atts[i] {
                    if LibXML.nameIs(a, "id") { id = st.selectedID(atts[i + 1]); break }
                    i += 2
                }
            }
            let isTitle = st.title == nil && LibXML.nameIs(name, "title")
            if id == st.marker { st.hasMarker = true }
            let selected = id != nil
            guard parent != nil || selected || isTitle else { st.open.append(nil); return }
            let n = LibXML.string(name)
            let x = XNode(kind: .element, name: n, namespace: nil, text: "", line: Int(ctx!.assumingMemoryBound(to: xmlParserCtxt.self).pointee.input.pointee.line))
            if let atts {
                var k = 0
                while let a = atts[k] {
                    let an = LibXML.string(a)
                    let v: String
                    if let p = atts[k + 1] { v = LibXML.string(p) } else { v = LibXML.booleanAttributes.contains(an.lowercased()) ? an : "" }
                    x.attributes.append((an, v))
                    k += 2
                }
            }
            parent?.children.append(x)
            if selected { st.found[id!] = x }
            if isTitle { st.title = x }
            st.open.append(x)
        }
        sax.pointee.endElement = { ctx, _ in
            let st = SelectingSAX.of(ctx)
            if st.abandoned { return }
            st.flush()
            if st.open.popLast() == nil { st.abandoned = true; return }   // unbalanced: never expected
            if st.open.isEmpty { st.rootClosed = true }
        }
        let text: charactersSAXFunc = { ctx, ch, len in
            let st = SelectingSAX.of(ctx)
            guard !st.abandoned, (st.open.last ?? nil) != nil, let ch, len > 0 else { return }
            st.pending.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.pointee.characters = text
        sax.pointee.cdataBlock = text
        sax.pointee.comment = nil
        sax.pointee.processingInstruction = nil
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        let doc = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { cb in
                htmlCtxtReadMemory(ctxt, cb.baseAddress, Int32(cb.count), url, encoding, options)
            }
        }
        defer { if let doc { xmlFreeDoc(doc) } }
        guard let doc, ctxt.pointee.disableSAX == 0, !state.abandoned, state.hasMarker, entityCount(doc) == 0 else { return nil }
        return .selected(byID: state.found, title: state.title)
    }

    /// Calls `body` on `root` and every element below it in document order (depth-first, the elements
    /// `convert` keeps: children of elements only), without recursion.
    private static func walkElements(_ root: xmlNodePtr, _ body: (xmlNodePtr) -> Void) {
        var cur: xmlNodePtr? = root
        while let n = cur {
            if n.pointee.type == XML_ELEMENT_NODE {
                body(n)
                if let c = n.pointee.children { cur = c; continue }
            }
            var m = n
            while m != root, m.pointee.next == nil, let p = m.pointee.parent { m = p }
            cur = m == root ? nil : m.pointee.next
        }
    }

    /// Whether a libxml2 name is exactly the ASCII literal `lit`.
    @inline(__always) private static func nameIs(_ p: UnsafePointer<xmlChar>?, _ lit: StaticString) -> Bool {
        guard let p else { return false }
        return lit.withUTF8Buffer { b in
            for i in 0..<b.count where p[i] != b[i] { return false }
            return p[b.count] == 0
        }
    }

    /// The value of the element's first attribute named `id` without a namespace prefix (`XNode.attr("id")`).
    private static func idAttribute(_ node: xmlNodePtr) -> String? {
        var a = node.pointee.properties
        while let attr = a {
            if attr.pointee.ns?.pointee.prefix == nil, nameIs(attr.pointee.name, "id") {
                var value = ""
                var c = attr.pointee.children
                while let t = c { value += string(t.pointee.content); c = t.pointee.next }
                return value
            }
            a = attr.pointee.next
        }
        return nil
    }

    /// Number of `<!ENTITY` declarations visible in the raw bytes, in ASCII-compatible encodings and in
    /// UTF-16 (either byte order, where every other byte is 0).
    static func countEntityDeclarations(_ bytes: [UInt8]) -> Int {
        let ascii: [UInt8] = Array("<!ENTITY".utf8)
        var wide: [UInt8] = []   // "<\0!\0E…Y": UTF-16LE, and UTF-16BE shifted by one byte
        for b in ascii { wide.append(b); wide.append(0) }
        wide.removeLast()
        var n = 0
        let patterns: [[UInt8]] = [ascii, wide]
        bytes.withUnsafeBufferPointer { b in
            for pat in patterns {
                var i = 0
                let end = b.count - pat.count
                while i <= end {
                    // jump to the next "<" (memchr)
                    guard let q = memchr(b.baseAddress! + i, 0x3C, end - i + 1) else { break }
                    i = b.baseAddress!.distance(to: q.assumingMemoryBound(to: UInt8.self))
                    var k = 1
                    while k < pat.count && b[i + k] == pat[k] { k += 1 }
                    if k == pat.count { n += 1 }
                    i += 1
                }
            }
        }
        return n
    }

    private static func entityCount(_ doc: xmlDocPtr) -> Int {
        var n = 0
        for dtd in [doc.pointee.intSubset, doc.pointee.extSubset] {
            if let dtd, let ents = dtd.pointee.entities { n += Int(xmlHashSize(OpaquePointer(ents))) }
            if let dtd, let pents = dtd.pointee.pentities { n += Int(xmlHashSize(OpaquePointer(pents))) }
        }
        return n
    }

    private final class FirstError {
        var error: IngestError?
        /// The SAX tree builder of this context, if any.
        var building: BuildingSAX?
    }

    private static func lastError(_ ctxt: xmlParserCtxtPtr) -> IngestError {
        guard let e = xmlCtxtGetLastError(UnsafeMutableRawPointer(ctxt)) else {
            return .malformedXML(line: 0, column: 0, message: "unknown parser error")
        }
        return ingestError(e)
    }

    fileprivate static func ingestError(_ e: xmlErrorPtr) -> IngestError {
        let msg = e.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "parse error \(e.pointee.code)"
        return .malformedXML(line: Int(e.pointee.line), column: Int(e.pointee.int2), message: msg)
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    /// All text below `node` (text and CDATA nodes, in document order), walked without recursion.
    private static func flatText(_ node: xmlNodePtr) -> String {
        var out = ""
        var cur = node.pointee.children
        while let n = cur {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE {
                out += string(n.pointee.content)
            } else if n.pointee.type == XML_ELEMENT_NODE, let c = n.pointee.children {
                out += " "
                cur = c
                continue
            }
            // next sibling, or climb until an ancestor (below `node`) has one
            var m: xmlNodePtr? = n
            while let k = m, k != node, k.pointee.next == nil { m = k.pointee.parent }
            if let k = m, k != node { cur = k.pointee.next } else { cur = nil }
        }
        return out
    }

    /// The namespace URI last converted, by its libxml2 pointer: elements of one document share a few
    /// namespace declarations, so most elements reuse the String instead of copying the URI again.
    private struct NamespaceCache {
        var href: UnsafePointer<xmlChar>?
        var uri: String?
        mutating func uri(_ p: UnsafePointer<xmlChar>?) -> String? {
            guard let p else { return nil }
            if p != href { href = p; uri = string(p) }
            return uri
        }
    }

    /// Element names made once per document: libxml2 hands the parser's dictionary strings (one pointer per
    /// name), so a name is looked up by pointer — its bytes compared too — instead of a String made per element.
    private struct NameCache {
        var pointers: [UnsafePointer<xmlChar>] = []
        var strings: [String] = []
        var last = 0
        mutating func name(_ p: UnsafePointer<xmlChar>?) -> String {
            guard let p else { return "" }
            if last < pointers.count && pointers[last] == p && same(last, p) { return strings[last] }
            if pointers.count < 64 {
                for i in pointers.indices where pointers[i] == p && same(i, p) { last = i; return strings[i] }
                if pointers.isEmpty { pointers.reserveCapacity(64); strings.reserveCapacity(64) }
                pointers.append(p); strings.append(string(p)); last = pointers.count - 1
                return strings[last]
            }
            return string(p)
        }
        /// The cached name i has the bytes at p (the pointer alone could be a reused buffer).
        func same(_ i: Int, _ p: UnsafePointer<xmlChar>) -> Bool {
            strings[i].utf8.withContiguousStorageIfAvailable { b in
                strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)) == b.count
                    && (b.isEmpty || memcmp(b.baseAddress!, p, b.count) == 0)
            } ?? false
        }
    }

    private static func convert(_ node: xmlNodePtr, depth: Int) -> XNode {
        var cache = NamespaceCache()
        return convert(node, depth: depth, &cache)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, _ cache: inout NamespaceCache) -> XNode {
        let ns = cache.uri(node.pointee.ns?.pointee.href)
        let x = XNode(kind: .element, name: string(node.pointee.name), namespace: ns, text: "",
                      line: Int(xmlGetLineNo(node)))
        var a = node.pointee.properties
        while let attr = a {
            var value = ""
            var c = attr.pointee.children
            while let t = c { value += string(t.pointee.content); c = t.pointee.next }
            var name = string(attr.pointee.name)
            if let p = attr.pointee.ns?.pointee.prefix { name = string(p) + ":" + name }
            x.attributes.append((name, value))
            a = attr.pointee.next
        }
        guard depth < maxDepth else {
            // Below maxDepth the structure is dropped but the text kept, gathered by an iterative walk.
            x.children.append(XNode(kind: .text, name: "", namespace: nil, text: flatText(node), line: 0))
            return x
        }
        // the number of children kept, so that the array is allocated once
        var kept = 0
        var k = node.pointee.children
        while let child = k {
            let t = child.pointee.type
            if t == XML_ELEMENT_NODE || t == XML_TEXT_NODE || t == XML_CDATA_SECTION_NODE { kept += 1 }
            k = child.pointee.next
        }
        x.children.reserveCapacity(kept)
        var c = node.pointee.children
        while let child = c {
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                x.children.append(convert(child, depth: depth + 1, &cache))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                x.children.append(XNode(kind: .text, name: "", namespace: nil, text: string(child.pointee.content), line: 0))
            default:
                break // comments, processing instructions, entity references (never expanded)
            }
            c = child.pointee.next
        }
        return x
    }
}

import Foundation
