import Foundation
import Testing
@testable import Ingest

@Test func dumpCorpus() throws {
    let r = Ingestor().read(paths: [corpusDir.path])
    var lines: [String] = []
    for e in r.entries {
        switch e.outcome {
        case let .document(d):
            lines.append("\(d.id)\t\(d.format)\t\(d.type.rawValue)\t\(d.lang.rawValue)\t\(d.number ?? "-")\t\(d.date ?? "-")\t\(d.institution ?? "-")\t\(d.gazette ?? "-")\tart=\(d.articles.count)\tcit=\(d.citedNumbers.prefix(6))\tam=\(d.amends.count)/\(d.amendedBy.count)/\(d.repeals.count)/\(d.repealedBy.count)\t\(d.title.prefix(90))\t\(d.notes)")
        case let .failed(err): lines.append("FAILED \(e.path): \(err)")
        case let .skipped(s): lines.append("SKIPPED \(e.path): \(s)")
        }
    }
    try lines.joined(separator: "\n").write(toFile: "/tmp/ingest-dump.txt", atomically: true, encoding: .utf8)
    let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    try enc.encode(r.documents).write(to: URL(fileURLWithPath: "/tmp/ingest-dump.json"))
}
