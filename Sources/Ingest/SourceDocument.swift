import KerkoCore

/// The file formats Ingest reads.
public enum DocumentFormat: String, Sendable, Codable, Hashable, CaseIterable {
    case text, markdown, akomaNtoso = "akoma-ntoso", uslm, xml, html, docx, odt, pdf
}

/// A span of `SourceDocument.text`, in Unicode scalar offsets (as everywhere in the CLI contract).
public struct TextSpan: Sendable, Codable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
}

/// A heading found in the document (from markup, or a short heading-like line in plain text).
public struct Heading: Sendable, Codable, Hashable {
    public var level: Int
    public var text: String
    public var span: TextSpan
    public init(level: Int, text: String, span: TextSpan) { self.level = level; self.text = text; self.span = span }
}

/// An article (Neni / Član / Article / Section): its number as printed, its heading if any, and the span of
/// its text (from the article label to the start of the next article or the end of the enclosing body).
public struct Article: Sendable, Codable, Hashable {
    public var number: String
    public var heading: String?
    public var span: TextSpan
    public init(number: String, heading: String?, span: TextSpan) {
        self.number = number; self.heading = heading; self.span = span
    }
}

/// A reference to another act found in the text, e.g. "Ligjit Nr. 04/L-057" → number `04/L-057`.
public struct Citation: Sendable, Codable, Hashable {
    /// The text as printed.
    public var raw: String
    /// The normalised act number (the key that links documents).
    public var number: String
    /// The kind of act named before the number, when recognised.
    public var type: DocumentType?
    public var span: TextSpan
    public init(raw: String, number: String, type: DocumentType?, span: TextSpan) {
        self.raw = raw; self.number = number; self.type = type; self.span = span
    }
}

/// An act linked to this one on an Official Gazette page (amends, is amended by, repeals, is repealed by…).
public struct RelatedAct: Sendable, Codable, Hashable {
    public var title: String
    /// Normalised act number taken from the title, when there is one.
    public var number: String?
    /// ISO publication date, when given.
    public var date: String?
    /// The relation as labelled on the page (e.g. "Ndryshohet/Plotësohet nga", "Ukida").
    public var label: String
    public init(title: String, number: String?, date: String?, label: String) {
        self.title = title; self.number = number; self.date = date; self.label = label
    }
}

/// One document read from one file: full plain text plus the metadata the index and `kerko ingest --dry-run`
/// need. Field names follow the CLI's `read` JSON where they overlap.
public struct SourceDocument: Sendable, Codable, Hashable {
    /// Stable id: the path relative to the ingest root, with `/` separators.
    public var id: String
    /// The path as found (root-relative if the root was given as relative).
    public var path: String
    public var format: DocumentFormat
    public var title: String
    public var type: DocumentType
    /// Declared language (from metadata or the act's own wording); `.und` when nothing declares it.
    public var lang: Language
    /// Normalised act number as printed (e.g. `04/L-057`, `06/2018`, `2003/10`), if any.
    public var number: String?
    /// ISO `YYYY-MM-DD`: publication date for Gazette pages, FRBR work date for Akoma Ntoso, else the
    /// first full date in the document's opening.
    public var date: String?
    public var institution: String?
    /// Official Gazette issue, e.g. `90/2010`.
    public var gazette: String?
    /// FRBR work URI (Akoma Ntoso) or the document's own identifier (USLM `dc:identifier`).
    public var uri: String?
    /// Full plain text (NFC), paragraphs separated by a blank line.
    public var text: String
    /// Paragraph spans in `text`.
    public var paragraphs: [TextSpan]
    public var headings: [Heading]
    public var articles: [Article]
    public var citations: [Citation]
    /// Acts this one amends or supplements (Gazette "Ndryshon/Plotëson", "Izmenjuje/Dopunjuje").
    public var amends: [RelatedAct]
    /// Acts this one repeals, wholly or partly (Gazette "Shfuqizon", "Ukida").
    public var repeals: [RelatedAct]
    /// Acts that amend or supplement this one ("Ndryshohet/Plotësohet nga", "Izmenjen/Dopunjen od").
    public var amendedBy: [RelatedAct]
    /// Acts that repeal this one, wholly or partly ("Shfuqizuar nga", "Ukinut od").
    public var repealedBy: [RelatedAct]
    /// Other links on a Gazette page (annexes, "Ndërlidhur me", "vezan sa").
    public var related: [RelatedAct]
    /// Lowercase hex SHA-256 of the file's bytes.
    public var contentHash: String
    /// Size of the file in bytes.
    public var byteCount: Int
    /// Notes about the reading (e.g. "decoded as windows-1250", "repaired 12 hyphenated line ends").
    public var notes: [String]

    public init(id: String, path: String, format: DocumentFormat, title: String = "", type: DocumentType = .other,
                lang: Language = .und, number: String? = nil, date: String? = nil, institution: String? = nil,
                gazette: String? = nil, uri: String? = nil, text: String = "", paragraphs: [TextSpan] = [],
                headings: [Heading] = [], articles: [Article] = [], citations: [Citation] = [],
                amends: [RelatedAct] = [], repeals: [RelatedAct] = [], amendedBy: [RelatedAct] = [],
                repealedBy: [RelatedAct] = [], related: [RelatedAct] = [], contentHash: String = "",
                byteCount: Int = 0, notes: [String] = []) {
        self.id = id; self.path = path; self.format = format; self.title = title; self.type = type
        self.lang = lang; self.number = number; self.date = date; self.institution = institution
        self.gazette = gazette; self.uri = uri; self.text = text; self.paragraphs = paragraphs
        self.headings = headings; self.articles = articles; self.citations = citations; self.amends = amends
        self.repeals = repeals; self.amendedBy = amendedBy; self.repealedBy = repealedBy; self.related = related
        self.contentHash = contentHash; self.byteCount = byteCount; self.notes = notes
    }

    /// The normalised act numbers cited in the text, deduplicated, in order of first appearance
    /// (the CLI's `citations` field).
    public var citedNumbers: [String] {
        var seen = Set<String>()
        return citations.compactMap { seen.insert($0.number).inserted ? $0.number : nil }
    }
}
