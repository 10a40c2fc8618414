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

    private func decodeStored(_ bytes: [UInt8], doc: Int) throws -> SourceDocument {
        do { return try JSONDecoder().decode(SourceDocument.self, from: Data(bytes)) } catch {
            let file = locate(doc).map { segments[$0.segment].entry.name + ".doc" } ?? "document store"
            throw IndexError.corrupt(file, "stored document \(doc) does not decode: \(error)")
        }
    }
}
