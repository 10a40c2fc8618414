import TestSupport
import Foundation
import Indexing
import Ingest
import KerkoCore
import Storage

/// Repository root: three levels up from this file (Tests/IndexingTests/Support.swift).
let repoRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let corpusDir = repoRoot.appendingPathComponent("corpus")

/// A fresh temporary folder; `body` runs with it and it is removed afterwards.
func withTempDir<R>(_ body: (URL) throws -> R) throws -> R {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("kerko-index-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: u) }
    return try body(u)
}


/// A writer whose segments are its commits' (no flush by size, no merge while writing): `docs` are added
/// with a commit after every `every` of them, the last partial batch left uncommitted.
func writeSegments(_ docs: [SourceDocument], every: Int, into dir: URL) throws -> IndexWriter {
    var options = IndexWriter.Options()
    options.flushBytes = 1 << 40
    options.mergePolicy = TieredMergePolicy(segmentsPerTier: 100, mergeFactor: 10)
    let w = try IndexWriter.open(directory: dir, options: options)
    for (i, d) in docs.enumerated() {
        try w.addOrReplace(d)
        if i % every == every - 1 { try w.commit() }
    }
    return w
}

/// Random documents: words drawn Zipf-like from a vocabulary of ASCII and Albanian/Serbian letters, so
/// that frequent terms span several blocks of 128 and rare ones sit in vbyte tails.
func randomCorpus(seed: UInt64, documents: Int, vocabulary: Int = 800, maxWords: Int = 300) -> [SourceDocument] {
    var rng = SeededRandom(seed: seed)
    let letters = Array("abcdefghijklmnopqrstuvwxyzëç")
    let words: [String] = (0..<vocabulary).map { _ in
        String((0..<Int.random(in: 3...9, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }
    let langs: [Language] = [.sq, .en, .sr, .und]
    let types = DocumentType.allCases
    return (0..<documents).map { i in
        let n = Int.random(in: 0...maxWords, using: &rng)
        var paragraphs: [String] = []
        var current: [String] = []
        for _ in 0..<n {
            // Zipf-like: index = vocabulary^u − 1 for uniform u.
            let u = Double.random(in: 0..<1, using: &rng)
            let k = min(vocabulary - 1, Int(pow(Double(vocabulary), u)) - 1)
            current.append(words[k])
            if Int.random(in: 0..<40, using: &rng) == 0 { paragraphs.append(current.joined(separator: " ")); current = [] }
        }
        paragraphs.append(current.joined(separator: " "))
        let text = paragraphs.joined(separator: "\n\n")
        let title = (0..<Int.random(in: 0...6, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
        let year = 2000 + Int.random(in: 0..<25, using: &rng)
        return SourceDocument(id: "doc/\(i).txt", path: "doc/\(i).txt", format: .text, title: title,
                              type: types.randomElement(using: &rng)!, lang: langs.randomElement(using: &rng)!,
                              number: Bool.random(using: &rng) ? "0\(Int.random(in: 1...8, using: &rng))/L-\(Int.random(in: 1...200, using: &rng))" : nil,
                              date: "\(year)-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))",
                              institution: Bool.random(using: &rng) ? "Kuvendi i Kosovës" : nil,
                              text: text, contentHash: "h\(i)-\(seed)", byteCount: text.utf8.count)
    }
}

/// The documents of the bundled corpus/, read with Ingest.
let corpusDocuments: [SourceDocument] = {
    Ingestor().read(paths: [corpusDir.path], root: corpusDir.path).documents
}()

/// One posting as compared: document id (stable across segment order), frequency, positions.
struct RefPosting: Hashable, CustomStringConvertible {
    var id: String
    var freq: Int
    var positions: [UInt32]
    var description: String { "\(id)×\(freq)\(positions)" }
}

/// The reference inverted index: the same field analysis, kept in memory (no codec, no files).
func referenceIndex(_ docs: [SourceDocument]) throws -> [String: [String: [RefPosting]]] {
    let p = PostingsWriter(fields: IndexSchema.schema.fields)
    let analysis = FieldAnalysis()
    var latest: [String: SourceDocument] = [:]
    for d in docs { latest[d.id] = d }
    let ordered = latest.values.sorted { $0.id < $1.id }
    var ids: [String] = []
    for (i, d) in ordered.enumerated() {
        _ = try analysis.index(d, lang: FieldAnalysis.documentLanguage(d), docID: UInt32(i), into: p)
        ids.append(d.id)
    }
    var out: [String: [String: [RefPosting]]] = [:]
    for f in IndexSchema.schema.fields {
        var fieldMap: [String: [RefPosting]] = [:]
        for term in p.terms(field: f.number) {
            let (docs, freqs, pos) = p.postings(field: f.number, term: term)!
            var k = 0
            var list: [RefPosting] = []
            for (j, d) in docs.enumerated() {
                let fr = Int(freqs[j])
                let ps = f.options == .positions ? Array(pos[k..<(k + fr)]) : []
                if f.options == .positions { k += fr }
                list.append(RefPosting(id: ids[Int(d)], freq: f.options == .docs ? 1 : fr, positions: ps))
            }
            fieldMap[term] = list.sorted { $0.id < $1.id }
        }
        out[f.name] = fieldMap
    }
    return out
}

/// Reads every term of the reference back from the index and returns the first differences (empty = equal).
/// Also checks that the index has no term the reference lacks.
func compare(reader: IndexReader, reference: [String: [String: [RefPosting]]], limit: Int = 5) throws -> [String] {
    var diffs: [String] = []
    for (field, terms) in reference {
        for (term, expected) in terms {
            let p = try reader.postings(field: field, term: term)
            var got: [RefPosting] = []
            while try p.next() {
                let opts = IndexSchema.schema.field(named: field)!.options
                got.append(RefPosting(id: reader.key(p.doc)!.id, freq: opts == .docs ? 1 : p.freq,
                                      positions: opts == .positions ? try p.positions() : []))
            }
            got.sort { $0.id < $1.id }
            if got != expected {
                diffs.append("\(field):\(term): expected \(expected.prefix(3))… (\(expected.count)), got \(got.prefix(3))… (\(got.count))")
                if diffs.count >= limit { return diffs }
            }
        }
        // No extra live terms in the index.
        for s in reader.segments {
            try s.terms(field: field) { t, _ in
                if terms[t] == nil, (try? s.postings(field: field, term: t)).flatMap({ c in (try? c.next()).map { $0 != PostingsCursor.terminated } }) == true {
                    diffs.append("\(field):\(t): in the index, not in the reference")
                }
                return diffs.count < limit
            }
        }
    }
    return diffs
}

/// The shared seeded generator (TestSupport), visible to every file of this target.
typealias SeededRandom = TestSupport.SeededRandom
