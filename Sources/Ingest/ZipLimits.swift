import Foundation
import ZIPFoundation

/// Reads named parts of a zip container (DOCX/ODT) without trusting its headers: inflated bytes are
/// counted while inflating, and extraction stops as soon as the total passes `maxZipUncompressedBytes` or
/// `maxZipExpansionRatio` × the container's size. Only the parts asked for are ever inflated.
struct ZipContainer {
    private let archive: Archive
    private let containerSize: Int
    private let options: IngestOptions
    private var inflated = 0

    private struct LimitExceeded: Error { let reason: String }

    init(bytes: [UInt8], options: IngestOptions) throws {
        guard bytes.starts(with: [0x50, 0x4B]) else { throw IngestError.invalidContainer("not a zip archive (no PK signature)") }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw IngestError.invalidContainer("unreadable zip archive: \(error)")
        }
        containerSize = max(bytes.count, 1)
        self.options = options
        var n = 0
        for _ in archive { n += 1; if n > options.maxZipEntries { throw IngestError.zipBomb("more than \(options.maxZipEntries) entries") } }
    }

    /// The inflated bytes of entry `path`, or nil if there is no such entry.
    mutating func part(_ path: String) throws -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        let byteLimit = options.maxZipUncompressedBytes
        let ratioLimit = options.maxZipExpansionRatio
        let size = containerSize
        var total = inflated
        var out: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                total += chunk.count
                if total > byteLimit {
                    throw LimitExceeded(reason: "inflating \(path) passed \(byteLimit) bytes in total")
                }
                if total / size >= ratioLimit {
                    throw LimitExceeded(reason: "inflating \(path) passed \(ratioLimit)× the \(size)-byte container")
                }
                out.append(contentsOf: chunk)
            }
        } catch let e as LimitExceeded {
            throw IngestError.zipBomb(e.reason)
        } catch {
            throw IngestError.invalidContainer("cannot inflate \(path): \(error)")
        }
        inflated = total
        return out
    }
}
