import ArgumentParser
import Foundation
import Indexing
import Storage

/// `kerko stats [--index DIR] [--json]`: documents, terms, postings, segments, bytes per structure.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the index's size: documents, terms, postings, segments, bytes per structure.")

    @OptionGroup var index: IndexLocation

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let stats: IndexStats
        do {
            stats = try IndexReader.open(directory: index.url).stats()
        } catch let e as IndexError {
            throw CLIFailure(code: .index, message: e.description)
        }
        if json {
            try JSONOutput.print(stats)
            return
        }
        var out = """
        documents  \(stats.documents) (\(stats.deleted) deleted)
        terms      \(stats.terms)
        postings   \(stats.postings)
        positions  \(stats.positions)
        segments   \(stats.segments) (generation \(stats.generation))
        bytes
        """
        for (k, v) in stats.bytes.sorted(by: { $0.key < $1.key }) where k != "total" {
            out += "\n  \(k.padding(toLength: 12, withPad: " ", startingAt: 0)) \(v)"
        }
        out += "\n  total        \(stats.bytes["total"] ?? 0)"
        out += "\nlanguages  " + stats.languages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        out += "\ntypes      " + stats.types.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(out)
    }
}
