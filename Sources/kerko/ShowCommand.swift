import ArgumentParser
import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage

/// `kerko show ID [--index DIR] [--json]`: the stored document — metadata, full text (original
/// characters), articles and citations.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a stored document: metadata, full text, articles and citations.",
        discussion: """
        ID is a document id as `kerko search` prints it (the path relative to the ingested folder). A unique
        ending of an id (e.g. the file name) is accepted too.
        """)

    @Argument(help: "The document id.")
    var id: String

    @OptionGroup var index: IndexLocation

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let reader: IndexReader
        do {
            reader = try IndexReader.open(directory: index.url)
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }
        let doc: SourceDocument
        let language: String
        do {
            let global = try resolve(reader)
            guard let d = try reader.storedDocument(doc: global) else {
                throw CLIFailure(code: .partialFailure, message: "\(id): no such document in the index")
            }
            doc = d
            language = reader.key(global)?.lang ?? d.lang.rawValue
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }
        if json {
            try JSONOutput.print(ShowJSON(doc, lang: language))
        } else {
            print(ShowText.render(doc, lang: language))
        }
    }

    /// The global doc id of `id`: exact, else the one live document whose id ends with `/ID` or `ID`.
    private func resolve(_ reader: IndexReader) throws -> Int {
        if let d = reader.globalDoc(id: id) { return d }
        var candidates: [(Int, String)] = []
        for d in 0..<reader.maxDoc {
            guard let k = reader.key(d), reader.globalDoc(id: k.id) == d else { continue }
            if k.id.hasSuffix("/" + id) || (id.count >= 4 && k.id.hasSuffix(id)) { candidates.append((d, k.id)) }
        }
        if candidates.count == 1 { return candidates[0].0 }
        if candidates.isEmpty {
            throw CLIFailure(code: .partialFailure, message: "\(id): no such document in the index (ids are listed by kerko search)")
        }
        let names = candidates.prefix(5).map(\.1).joined(separator: ", ")
        throw CLIFailure(code: .usage, message: "\(id): ambiguous, \(candidates.count) documents match: \(names)\(candidates.count > 5 ? ", …" : "")")
    }
}

/// `kerko show --json`.
struct ShowJSON: Encodable {
    struct Span: Encodable { var start: Int; var end: Int }
    struct ArticleJSON: Encodable { var number: String; var heading: String?; var start: Int; var end: Int }
    struct CitationJSON: Encodable { var raw: String; var number: String; var type: String?; var start: Int; var end: Int }
    struct Related: Encodable { var title: String; var number: String?; var date: String?; var label: String }

    var id: String
    var path: String
    var format: String
    var title: String
    var type: String
    var lang: String
    var number: String?
    var date: String?
    var institution: String?
    var gazette: String?
    var uri: String?
    var contentHash: String
    var bytes: Int
    var text: String
    var articles: [ArticleJSON]
    var citations: [CitationJSON]
    var amends: [Related]
    var repeals: [Related]
    var amendedBy: [Related]
    var repealedBy: [Related]
    var related: [Related]

    enum CodingKeys: String, CodingKey {
        case id, path, format, title, type, lang, number, date, institution, gazette, uri
        case contentHash = "content_hash", bytes, text, articles, citations, amends, repeals
        case amendedBy = "amended_by", repealedBy = "repealed_by", related
    }

    /// Absent metadata is `null`, as in `kerko search --json`.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(path, forKey: .path); try c.encode(format, forKey: .format)
        try c.encode(title, forKey: .title); try c.encode(type, forKey: .type); try c.encode(lang, forKey: .lang)
        try c.encode(number, forKey: .number); try c.encode(date, forKey: .date)
        try c.encode(institution, forKey: .institution); try c.encode(gazette, forKey: .gazette); try c.encode(uri, forKey: .uri)
        try c.encode(contentHash, forKey: .contentHash); try c.encode(bytes, forKey: .bytes); try c.encode(text, forKey: .text)
        try c.encode(articles, forKey: .articles); try c.encode(citations, forKey: .citations)
        try c.encode(amends, forKey: .amends); try c.encode(repeals, forKey: .repeals)
        try c.encode(amendedBy, forKey: .amendedBy); try c.encode(repealedBy, forKey: .repealedBy)
        try c.encode(related, forKey: .related)
    }

    init(_ d: SourceDocument, lang: String) {
        id = d.id; path = d.path; format = d.format.rawValue; title = d.title; type = d.type.rawValue
        self.lang = lang; number = d.number; date = d.date; institution = d.institution; gazette = d.gazette
        uri = d.uri; contentHash = d.contentHash; bytes = d.byteCount; text = d.text
        articles = d.articles.map { ArticleJSON(number: $0.number, heading: $0.heading, start: $0.span.start, end: $0.span.end) }
        citations = d.citations.map { CitationJSON(raw: $0.raw, number: $0.number, type: $0.type?.rawValue, start: $0.span.start, end: $0.span.end) }
        func r(_ a: [RelatedAct]) -> [Related] { a.map { Related(title: $0.title, number: $0.number, date: $0.date, label: $0.label) } }
        amends = r(d.amends); repeals = r(d.repeals); amendedBy = r(d.amendedBy); repealedBy = r(d.repealedBy); related = r(d.related)
    }
}

/// `kerko show` for people: metadata, articles, citations and related acts, then the full text.
enum ShowText {
    static func render(_ d: SourceDocument, lang: String) -> String {
        var out: [String] = []
        out.append(d.title.isEmpty ? d.id : d.title)
        out.append([d.type.rawValue, lang, d.date, d.number].compactMap { $0 }.joined(separator: " · "))
        out.append("id      \(d.id)" + (d.path != d.id ? "  (\(d.path))" : ""))
        out.append("format  \(d.format.rawValue), \(d.byteCount) bytes, \(d.text.unicodeScalars.count) characters")
        if let i = d.institution { out.append("institution  \(i)") }
        if let g = d.gazette { out.append("gazette      \(g)") }
        if !d.articles.isEmpty {
            let list = d.articles.prefix(40).map { a in a.heading.map { "\(a.number) (\($0))" } ?? a.number }
            out.append("articles (\(d.articles.count))  " + list.joined(separator: "; ") + (d.articles.count > 40 ? "; …" : ""))
        }
        if !d.citations.isEmpty {
            var seen = Set<String>()
            let list = d.citations.filter { seen.insert($0.number).inserted }.map { "\($0.raw) [\($0.number)]" }
            out.append("citations (\(list.count))  " + list.joined(separator: "; "))
        }
        for (label, acts) in [("amends", d.amends), ("repeals", d.repeals), ("amended by", d.amendedBy),
                              ("repealed by", d.repealedBy), ("related", d.related)] where !acts.isEmpty {
            out.append("\(label)  " + acts.map { a in [a.number, a.title].compactMap { $0 }.joined(separator: " ") }.joined(separator: "; "))
        }
        out.append(String(repeating: "─", count: 60))
        out.append(d.text)
        return out.joined(separator: "\n")
    }
}
