import Foundation
import Ingest
import Storage

extension IndexReader {
    /// Opens the latest commit of the index folder at `url` (memory-mapped, checksums verified).
    /// - Throws: `IndexError` — `.missing` without a manifest, `.corrupt`/`.unsupported` naming the file.
    public static func open(directory url: URL, verifyChecksums: Bool = true) throws -> IndexReader {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw IndexError(.missing, file: url.path, reason: "no such folder (run kerko ingest first)")
        }
        return try IndexReader(path: url.path, verifyChecksums: verifyChecksums)
    }

    /// The stored document with this id (metadata and original text), or nil.
    public func storedDocument(id: String) throws -> SourceDocument? {
        guard let bytes = try storedBytes(id: id) else { return nil }
        return try decodeStored(bytes, doc: globalDoc(id: id) ?? -1)
    }

    /// The stored document of a global doc id, or nil.
    public func storedDocument(doc: Int) throws -> SourceDocument? {
        guard let bytes = try storedBytes(doc: doc) else { return nil }
        return try decodeStored(bytes, doc: doc)
    }

    /// A stored record is a tag byte — 1: the JSON of the `SourceDocument`; 0: nothing stored (an index
    /// built with `storeText: false`; the id comes from the segment's keys) — then the payload.
    private func decodeStored(_ bytes: [UInt8], doc: Int) throws -> SourceDocument {
        let file = locate(doc).map { segments[$0.segment].entry.name + ".doc" } ?? "document store"
        switch bytes.first {
        case 1:
            do { return try JSONDecoder().decode(SourceDocument.self, from: Data(bytes.dropFirst())) } catch {
                throw IndexError.corrupt(file, "stored document \(doc) does not decode: \(error)")
            }
        case 0:
            let id = key(doc)?.id ?? ""
            return SourceDocument(id: id, path: id, format: .text)
        default:
            throw IndexError.corrupt(file, "stored document \(doc) has unknown tag \(bytes.first.map(String.init) ?? "none")")
        }
    }
}
