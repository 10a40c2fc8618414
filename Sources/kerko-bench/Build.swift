import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage

/// `build`: the JSONL corpus (`{"id","title","body","lang"}`) → one committed, merged segment.
/// `build_s` runs from "documents parsed in memory" to "committed and merged to one segment", as the peers
/// measure it (FTS5 optimize, Lucene forceMerge(1), ...). Like the peers, only the id (and title) is
/// stored, not the text (`IndexWriter.Options.storeText = false`).
enum BenchBuild {
    struct Line: Decodable {
        var id: String
        var title: String?
        var body: String?
        var lang: String?

        enum CodingKeys: String, CodingKey { case id, title, body, lang }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let s = try? c.decode(String.self, forKey: .id) { id = s } else { id = String(try c.decode(Int.self, forKey: .id)) }
            title = try c.decodeIfPresent(String.self, forKey: .title)
            body = try c.decodeIfPresent(String.self, forKey: .body)
            lang = try c.decodeIfPresent(String.self, forKey: .lang)
        }
    }

    /// Parses the corpus; a malformed line is an error naming its line number.
    static func read(_ path: String) throws -> [SourceDocument] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchFailure.input("\(path): cannot read the corpus")
        }
        let decoder = JSONDecoder()
        var docs: [SourceDocument] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let l: Line
            do { l = try decoder.decode(Line.self, from: Data(line)) } catch {
                throw BenchFailure.input("\(path):\(lineNumber): not a JSON object with a string \"id\": \(error)")
            }
            let body = l.body ?? ""
            docs.append(SourceDocument(id: l.id, path: l.id, format: .text, title: l.title ?? "",
                                       lang: l.lang.flatMap(Language.init(rawValue:)) ?? .und, text: body,
                                       contentHash: "", byteCount: body.utf8.count))
        }
        return docs
    }

    /// User + system CPU time of this process so far (getrusage).
    static func cpuSeconds() -> Double {
        var u = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    static func run(_ args: BenchArguments) throws -> String {
        let docs = try read(args.corpus!)
        var options = IndexWriter.Options()
        options.analysis = args.analyzer
        options.storeText = false
        let t0 = ContinuousClock.now
        let cpu0 = Self.cpuSeconds()
        let writer = try IndexWriter.open(directory: URL(fileURLWithPath: args.indexDir), options: options)
        for d in docs { try writer.addOrReplace(d) }
        let first = try writer.commit()
        try writer.forceMerge(maxSegments: 1)
        writer.close()
        let seconds = (ContinuousClock.now - t0).seconds
        let cpu = Self.cpuSeconds() - cpu0
        // The parsed documents stay alive until the clock has stopped: freeing the input is not indexing
        // (the peers' adapters keep their document list too). The writer's teardown is timed, as the
        // Tantivy adapter's (its writer is dropped when its build function returns, inside the clock).
        withExtendedLifetime(docs) {}
        let reader = try IndexReader.open(directory: URL(fileURLWithPath: args.indexDir))
        let stats = try reader.stats()
        return JSONLine.object([
            ("build_s", .number(seconds, digits: 4)),
            // CPU time (user + system) of the same interval: steadier than build_s on a shared machine.
            ("build_cpu_s", .number(cpu, digits: 4)),
            ("docs", .int(reader.documentCount)),
            ("version", .string(BenchVersion.string(args.analyzer))),
            ("segments_before_merge", .int(first.segments)),
            ("segments", .int(reader.segments.count)),
            ("index_bytes_reported", .int(stats.bytes["total"] ?? 0)),
            ("bytes", .object(stats.bytes.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ])
    }
}

enum BenchVersion {
    static func string(_ mode: FieldAnalysis.Mode) -> String { "kerko 0.1.0 (\(mode.rawValue) analysis)" }
}

enum BenchFailure: Error, CustomStringConvertible {
    case input(String)
    var description: String { switch self { case .input(let s): return s } }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// A tiny JSON writer: keys in the order given (the protocol's lines are read by Python).
indirect enum JSONLine {
    case string(String)
    case int(Int)
    case number(Double, digits: Int)
    case array([JSONLine])
    case object([(String, JSONLine)])

    static func object(_ pairs: [(String, JSONLine)]) -> String { JSONLine.object(pairs).text }

    var text: String {
        switch self {
        case .string(let s): return Self.quote(s)
        case .int(let i): return String(i)
        case .number(let d, let digits): return d.isFinite ? String(format: "%.\(digits)f", d) : "null"
        case .array(let a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { Self.quote($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
