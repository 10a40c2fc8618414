import KerkoCore

/// One element of `kerko ingest --dry-run --json`'s `"read"` list (CLI.md): `articles` is a count,
/// `citations` the normalised cited act numbers, `date` ISO. Optional fields encode as JSON null.
public struct ReadSummary: Sendable, Codable, Hashable {
    public var path: String
    public var id: String
    public var title: String
    public var type: DocumentType
    public var lang: Language
    public var number: String?
    public var date: String?
    public var institution: String?
    public var gazette: String?
    public var articles: Int
    public var citations: [String]

    public init(_ d: SourceDocument) {
        path = d.path; id = d.id; title = d.title; type = d.type; lang = d.lang; number = d.number
        date = d.date; institution = d.institution; gazette = d.gazette; articles = d.articles.count
        citations = d.citedNumbers
    }

    private enum CodingKeys: String, CodingKey { case path, id, title, type, lang, number, date, institution, gazette, articles, citations }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path); try c.encode(id, forKey: .id); try c.encode(title, forKey: .title)
        try c.encode(type, forKey: .type); try c.encode(lang, forKey: .lang)
        try c.encode(number, forKey: .number); try c.encode(date, forKey: .date)
        try c.encode(institution, forKey: .institution); try c.encode(gazette, forKey: .gazette)
        try c.encode(articles, forKey: .articles); try c.encode(citations, forKey: .citations)
    }
}

extension SourceDocument {
    /// The CLI's `read` entry for this document.
    public var readSummary: ReadSummary { ReadSummary(self) }
}
