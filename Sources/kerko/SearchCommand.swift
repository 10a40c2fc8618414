import ArgumentParser
import Foundation
import Indexing
import Ingest
import KerkoCore
import Present
import Search
import Storage

/// `kerko search QUERY [--index DIR] [--limit N] [--offset N] [--lang sq|en|sr] [--type T] [--since DATE]
/// [--until DATE] [--expand] [--json] [--explain]`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Ranked search with highlighted snippets.",
        discussion: """
        Query syntax: words (any may match; more matches rank higher), +must, -mustnot, AND OR NOT and
        parentheses, "exact phrase", "phrase"~N, prefix*, word~ / word~2 (fuzzy), title:word, body:word,
        and filters type:draft-law, lang:sq, number:04/L-057, date:2012..2014. Case and Albanian/Serbian
        diacritics are ignored (ceshtje finds çështje) and other inflections match (ligji finds ligjit).
        With no index yet and a corpus/ folder here, the index is first built from corpus/.
        """)

    @Argument(help: "The query.")
    var query: String

    @OptionGroup var index: IndexLocation

    @Option(help: "Hits to show.")
    var limit: Int = 10

    @Option(help: "Hits to skip (paging).")
    var offset: Int = 0

    @Option(help: "Only documents in this language (sq, en or sr); the query is analyzed in it.")
    var lang: String?

    @Option(help: ArgumentHelp("Only documents of this type (law, draft-law, report, …).", valueName: "T"))
    var type: String?

    @Option(help: ArgumentHelp("Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "DATE"))
    var since: String?

    @Option(help: ArgumentHelp("Only documents dated on or before DATE.", valueName: "DATE"))
    var until: String?

    @Flag(help: "Add translations of query terms from the sq↔en civic/legal glossary.")
    var expand = false

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Show each matched term's contribution to each hit's score.")
    var explain = false

    @Flag(help: "Show copies of the same text (e.g. one report as .docx and .pdf) as separate hits.")
    var all = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if offset < 0 { throw ValidationError("--offset must not be negative") }
        if let lang, !["sq", "en", "sr"].contains(lang) { throw ValidationError("--lang must be sq, en or sr, not '\(lang)'") }
        if let type, DocumentType(rawValue: type) == nil {
            let known = DocumentType.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--type '\(type)' is not one of \(known)")
        }
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, SearchDates.normalize(value) == nil {
                throw ValidationError("\(flag) '\(value)' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
        }
        if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the query is empty")
        }
    }

    func run() throws {
        try FirstRun.buildIndexIfNeeded(index)
        let started = ContinuousClock.now
        let reader: IndexReader
        do {
            reader = try IndexReader.open(directory: index.url)
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }
        // Near-duplicates are folded into their best-ranked copy: fetch enough ranked hits from the top to
        // fill this page after folding, then page over the groups.
        let collapse = !all
        let fetch = collapse ? min(max(3 * (offset + limit), offset + limit + 20), 1_000) : limit
        var request = SearchRequest(query: query, limit: fetch, offset: collapse ? 0 : offset, lang: lang.flatMap(Language.init(rawValue:)),
                                    type: type, since: since.flatMap { SearchDates.normalize($0, end: false) },
                                    until: until.flatMap { SearchDates.normalize($0, end: true) },
                                    expand: expand, explain: explain)
        request.facets = true
        let result: SearchResult
        do {
            result = try Searcher(reader: reader).search(request)
        } catch let e as QuerySyntaxError {
            throw CLIFailure(code: .usage, message: e.description)
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }

        var stored: [Int: SourceDocument] = [:]
        func document(_ doc: Int) throws -> SourceDocument? {
            if let d = stored[doc] { return d }
            do {
                let d = try reader.storedDocument(doc: doc)
                stored[doc] = d
                return d
            } catch let e as IndexError {
                throw CLIFailure(code: .index, message: e.description)
            }
        }
        var page: [(hit: Search.Hit, duplicates: [String])] = result.hits.map { ($0, []) }
        var collapsedCopies = 0
        if collapse {
            let nd = NearDuplicates()
            let sketches = try result.hits.map { nd.sketch(try document($0.doc)?.text ?? "") }
            let groups = nd.group(sketches)
            collapsedCopies = result.hits.count - groups.count
            page = groups.dropFirst(offset).prefix(limit).map { g in
                (result.hits[g[0]], g.dropFirst().map { result.hits[$0].id })
            }
        }

        var highlighter = HitHighlighter()
        var hits: [SearchJSON.Hit] = []
        var blocks: [HitBlock] = []
        for (i, (hit, duplicates)) in page.enumerated() {
            let doc = try document(hit.doc)
            let key = reader.key(hit.doc)
            let language = Language(rawValue: key?.lang ?? "") ?? doc?.lang ?? .sq
            let title = doc?.title ?? ""
            let (snippet, titleHighlights) = try highlighter.highlight(hit, clauses: result.clauses, title: title, text: doc?.text ?? "",
                                                                       language: language)
            let type = doc?.type.rawValue ?? key?.type ?? "other"
            hits.append(SearchJSON.Hit(id: hit.id, path: doc?.path ?? hit.id, title: title, type: type,
                                       lang: language.rawValue, date: doc?.date, number: doc?.number, score: hit.score,
                                       snippet: snippet.text, highlights: snippet.highlights.map { [$0.start, $0.end] },
                                       titleHighlights: titleHighlights.map { [$0.start, $0.end] },
                                       explain: explain ? hit.explanation ?? [] : nil,
                                       duplicates: collapse ? duplicates : nil))
            blocks.append(HitBlock(rank: offset + i + 1, title: title, titleHighlights: titleHighlights, type: type,
                                   lang: language.rawValue, date: doc?.date, number: doc?.number, id: hit.id,
                                   path: doc?.path ?? hit.id, snippet: snippet, score: hit.score,
                                   explanation: explain ? Explanation.lines(hit.explanation ?? []) + ["= \(String(format: "%.3f", hit.score))"] : []))
            blocks[blocks.count - 1].duplicates = duplicates
        }
        let tookMs = (ContinuousClock.now - started).seconds * 1000

        if json {
            var facets = result.facets
            for f in ["type", "lang", "year"] where facets[f] == nil { facets[f] = [:] }   // a stable shape
            try JSONOutput.print(SearchJSON(query: query, total: result.total, tookMs: (tookMs * 10).rounded() / 10,
                                            expanded: result.expanded, hits: hits, facets: facets,
                                            notes: result.notes.isEmpty ? nil : result.notes))
            return
        }
        let style = HighlightStyle.forStandardOutput(environment: ProcessInfo.processInfo.environment)
        var out: [String] = []
        let shown = hits.isEmpty ? "" : " — \(offset + 1)–\(offset + hits.count) shown"
        out.append("\(result.total) result\(result.total == 1 ? "" : "s") for \(query)\(shown) (\(String(format: "%.0f", tookMs)) ms)")
        if !result.expanded.isEmpty { out.append("expanded with: " + result.expanded.joined(separator: ", ")) }
        for n in result.notes { out.append("note: \(n)") }
        if collapsedCopies > 0 {
            out.append("note: \(collapsedCopies) cop\(collapsedCopies == 1 ? "y" : "ies") of texts already listed shown under their best-ranked copy (--all lists them)")
        }
        for b in blocks { out.append(""); out.append(HitRendering.render(b, style: style)) }
        if result.total == 0 {
            out.append("No document matches. Try fewer words, a prefix (word*), a fuzzy match (word~)" + (expand ? "." : " or --expand."))
        } else if hits.isEmpty {
            out.append("No hits past --offset \(offset).")
        }
        if !result.facets.isEmpty, result.total > 0 {
            out.append("")
            for facet in ["type", "lang", "year"] {
                guard let f = result.facets[facet], !f.isEmpty else { continue }
                let values = f.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(8)
                out.append("\(facet): " + values.map { "\($0.key) \($0.value)" }.joined(separator: " · "))
            }
        }
        print(out.joined(separator: "\n"))
    }
}

/// `kerko search --json` (../shared/spec/CLI.md). Extensions beyond the contract: `title_highlights`,
/// `explain` (with --explain), `duplicates` (near-duplicate copies folded into a hit) and `notes`.
struct SearchJSON: Encodable {
    struct Hit: Encodable {
        var id: String
        var path: String
        var title: String
        var type: String
        var lang: String
        var date: String?
        var number: String?
        var score: Double
        var snippet: String
        var highlights: [[Int]]
        var titleHighlights: [[Int]]
        var explain: [TermContribution]?
        /// Ids of near-duplicate copies folded into this hit (absent with --all).
        var duplicates: [String]?

        enum CodingKeys: String, CodingKey {
            case id, path, title, type, lang, date, number, score, snippet, highlights
            case titleHighlights = "title_highlights", explain, duplicates
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(path, forKey: .path); try c.encode(title, forKey: .title)
            try c.encode(type, forKey: .type); try c.encode(lang, forKey: .lang)
            try c.encode(date, forKey: .date); try c.encode(number, forKey: .number)   // null when absent
            try c.encode(score, forKey: .score); try c.encode(snippet, forKey: .snippet)
            try c.encode(highlights, forKey: .highlights); try c.encode(titleHighlights, forKey: .titleHighlights)
            try c.encodeIfPresent(explain, forKey: .explain)
            try c.encodeIfPresent(duplicates, forKey: .duplicates)
        }
    }
    var query: String
    var total: Int
    var tookMs: Double
    var expanded: [String]
    var hits: [Hit]
    var facets: [String: [String: Int]]
    var notes: [String]?

    enum CodingKeys: String, CodingKey { case query, total, tookMs = "took_ms", expanded, hits, facets, notes }
}

/// `--since` / `--until` values: a year, year-month or ISO date, as the ISO bound Search filters on.
enum SearchDates {
    static func normalize(_ s: String, end: Bool = false) -> String? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        let y = Int(parts[0])!
        let m = parts.count > 1 ? Int(parts[1])! : (end ? 12 : 1)
        guard (1...12).contains(m), parts.count < 2 || parts[1].count == 2 else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        let d = parts.count > 2 ? Int(parts[2])! : (end ? days : 1)
        guard (1...days).contains(d), parts.count < 3 || parts[2].count == 2 else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}

/// The README's first command in a fresh clone: with no index at the default location and a corpus/
/// folder here, `kerko search` builds the index from corpus/ first (through `kerko ingest`'s code path).
enum FirstRun {
    static func buildIndexIfNeeded(_ index: IndexLocation) throws {
        let env = ProcessInfo.processInfo.environment["KERKO_INDEX"] ?? ""
        guard index.path == nil, env.isEmpty else { return }
        let fm = FileManager.default
        let url = index.url
        guard !fm.fileExists(atPath: url.appendingPathComponent(Manifest.fileName).path) else { return }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: "corpus", isDirectory: &isDir), isDir.boolValue else { return }
        Diagnostics.note("kerko: no index in \(url.lastPathComponent)/ yet: building it from corpus/ (once; later runs use it, `kerko ingest` updates it)")
        let started = ContinuousClock.now
        let (result, _) = try IndexCommit.ingest(["corpus"], to: url)
        for f in result.failed { Diagnostics.error("\(f.path): \(f.error)") }
        Diagnostics.note("kerko: indexed \(result.documents) documents from corpus/ in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
    }
}
