import Foundation
import Indexing
import Search
import Storage

/// `query`: the peers' four classes through Kërko's own `Searcher`, each query written in `kerko search`
/// syntax so the whole product path runs (parse, analyze, plan, score, top-k, id look-up):
///
/// | class | peers' meaning | query |
/// | --- | --- | --- |
/// | term | the word in title or body | `w` |
/// | and | every word, each in title or body | `+a +b` |
/// | or | any word | `a b` |
/// | phrase | the adjacent words inside title or inside body | `"a b"` |
///
/// Timed: query text in → top-k external ids out (`countTotal`, facets, match info off). `count` comes from
/// a separate, untimed `Searcher.count`. Order as LuceneBench: per class, `warmup` untimed passes, then
/// `rounds` timed passes over the class's queries.
enum BenchQuery {
    struct Query { var qid: String; var cls: String; var text: String; var words: [String] }

    static let classes = ["term", "and", "or", "phrase"]

    static func readQueries(_ path: String) throws -> [Query] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure.input("\(path): cannot read the queries") }
        var out: [Query] = []
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.hasSuffix("\r") ? line.dropLast() : line
            if l.trimmingCharacters(in: .whitespaces).isEmpty || l.hasPrefix("#") { continue }
            let f = l.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard f.count == 3 else { throw BenchFailure.input("\(path):\(n + 1): expected qid<TAB>class<TAB>query") }
            out.append(Query(qid: f[0], cls: f[1], text: f[2], words: f[2].split(separator: " ").map(String.init)))
        }
        return out
    }

    /// `and`, `or`, `not` in any case (compared on the bytes: no lowercased copy per word).
    private static func isOperatorWord(_ w: String) -> Bool {
        let u = w.utf8
        guard u.count >= 2 && u.count <= 3 else { return false }
        // The bytes with ASCII letters lower-cased (`| 0x20`: only a letter or its capital becomes a letter).
        var key: UInt32 = 0
        for b in u { key = key << 8 | UInt32(b | 0x20) }
        return key == 0x61_6E64 || key == 0x6F72 || key == 0x6E_6F74   // "and", "or", "not"
    }

    /// Bytes of query syntax (all ASCII): `+-!():^[]"{}~*?\/&|:` (a switch, not a set: no hashing per byte).
    @inline(__always) private static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: ":"), UInt8(ascii: "^"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "?"),
             UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return true
        default: return false
        }
    }

    /// The query in `kerko search` syntax, built in one string (inside the timed path, as the peers build
    /// their query objects inside theirs): the words' bytes appended to one UTF-8 buffer on the stack when
    /// they fit, then one `String` — no intermediate strings per clause.
    static func queryText(_ q: Query) -> String {
        let (prefix, quoted): (UInt8?, Bool)
        switch q.cls {
        case "term", "or": (prefix, quoted) = (nil, false)
        case "and": (prefix, quoted) = (UInt8(ascii: "+"), false)
        case "phrase": (prefix, quoted) = (nil, true)
        default: return q.text
        }
        // Worst case: each byte of each word, two quotes, a prefix and a space per word, the phrase's quotes.
        var capacity = 2
        for w in q.words { capacity += w.utf8.count + 4 }
        return String(unsafeUninitializedCapacity: capacity, initializingUTF8With: { buf in
            var n = 0
            @inline(__always) func put(_ b: UInt8) { buf[n] = b; n += 1 }
            @inline(__always) func putWord(_ w: String, quotesToSpaces: Bool) {
                for b in w.utf8 { put(quotesToSpaces && b == UInt8(ascii: "\"") ? UInt8(ascii: " ") : b) }
            }
            if quoted { put(UInt8(ascii: "\"")) }
            for (i, w) in q.words.enumerated() {
                if i > 0 { put(UInt8(ascii: " ")) }
                if quoted { putWord(w, quotesToSpaces: true); continue }
                if let prefix { put(prefix) }
                if w.utf8.contains(where: isSpecial) || isOperatorWord(w) {
                    put(UInt8(ascii: "\"")); putWord(w, quotesToSpaces: true); put(UInt8(ascii: "\""))
                } else {
                    putWord(w, quotesToSpaces: false)
                }
            }
            if quoted { put(UInt8(ascii: "\"")) }
            return n
        })
    }

    static func request(_ q: Query, k: Int, analysis: SearchRequest.Analysis) -> SearchRequest {
        var r = SearchRequest(query: queryText(q), limit: k, analysis: analysis)
        r.countTotal = false
        r.facets = false
        r.matchInfo = false
        r.explain = false
        return r
    }

    static func run(_ args: BenchArguments) throws -> String {
        let queries = try readQueries(args.queries)
        let analysis: SearchRequest.Analysis = args.analyzer == .plain ? .plain : .full
        let t0 = ContinuousClock.now
        let reader = try IndexReader.open(directory: URL(fileURLWithPath: args.indexDir))
        let searcher = try Searcher(reader: reader)
        let openSeconds = (ContinuousClock.now - t0).seconds

        _ = FileManager.default.createFile(atPath: args.results, contents: nil)
        guard let out = FileHandle(forWritingAtPath: args.results) else {
            throw BenchFailure.input("\(args.results): cannot write the results")
        }
        defer { try? out.close() }
        var unsupported: [String] = []
        var failures = 0
        for cls in Set(queries.map(\.cls)).subtracting(classes).sorted() { unsupported.append(cls) }
        for cls in classes {
            let cq = queries.filter { $0.cls == cls }
            if cq.isEmpty { continue }
            for _ in 0..<args.warmup { for q in cq { _ = try? topK(searcher, q, k: args.k, analysis: analysis) } }
            var lat = [[Double]](repeating: [], count: cq.count)
            var tops = [[String]](repeating: [], count: cq.count)
            var errors = [String?](repeating: nil, count: cq.count)
            for _ in 0..<args.rounds {
                for (i, q) in cq.enumerated() {
                    let s = ContinuousClock.now
                    let ids: [String]
                    do { ids = try topK(searcher, q, k: args.k, analysis: analysis) } catch {
                        errors[i] = "\(error)"; ids = []
                    }
                    lat[i].append((ContinuousClock.now - s).seconds * 1e6)
                    tops[i] = ids
                }
            }
            var lines = ""
            for (i, q) in cq.enumerated() {
                var count = 0
                if errors[i] == nil {
                    do { count = try searcher.count(request(q, k: args.k, analysis: analysis)) } catch { errors[i] = "\(error)" }
                }
                if let e = errors[i] {
                    failures += 1
                    FileHandle.standardError.write(Data("kerko-bench: \(q.qid) \(queryText(q)): \(e)\n".utf8))
                }
                var fields: [(String, JSONLine)] = [
                    ("qid", .string(q.qid)), ("class", .string(cls)), ("query", .string(q.text)),
                    ("topk", .array(tops[i].map { .string($0) })), ("count", .int(count)),
                    ("lat_us", .array(lat[i].map { .number($0, digits: 2) })),
                ]
                if let e = errors[i] { fields.append(("error", .string(e))) }
                lines += JSONLine.object(fields) + "\n"
            }
            out.write(Data(lines.utf8))
        }
        return JSONLine.object([
            ("version", .string(BenchVersion.string(args.analyzer))),
            ("open_s", .number(openSeconds, digits: 4)),
            ("unsupported", .array(unsupported.map { .string($0) })),
            ("segments", .int(reader.segments.count)),
            ("failed_queries", .int(failures)),
        ])
    }

    /// The timed path: query text → top-k external ids.
    @inline(never)
    static func topK(_ searcher: Searcher, _ q: Query, k: Int, analysis: SearchRequest.Analysis) throws -> [String] {
        try searcher.search(request(q, k: k, analysis: analysis)).hits.map(\.id)
    }
}
