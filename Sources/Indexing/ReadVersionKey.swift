import Ingest
import Storage

/// A document key's content hash for one read version (`IndexWriter.readVersion`): the file's SHA-256 XOR the
/// SHA-256 of the version, in lowercase hex — a 64-digit hex string like the file's own (stored as 32 raw
/// bytes, index/README.md §3), different for every file and for every version, and computed with a byte XOR
/// per document instead of a digest. A hash that is not 64 lowercase hex digits (a caller's own id) gets the
/// version appended instead. Hex is read and written by `SegmentInfo`'s helpers, as the keys are stored.
struct ReadVersionKey {
    let version: String
    private let mask: [UInt8]

    init(version: String) {
        self.version = version
        mask = SegmentInfo.hexBytes(SHA256.hex(Array(version.utf8)))!
    }

    func key(_ contentHash: String) -> String {
        guard var raw = SegmentInfo.hexBytes(contentHash) else { return contentHash + "\n" + version }
        for i in 0..<32 { raw[i] ^= mask[i] }
        return raw.withUnsafeBytes { SegmentInfo.hexString($0) }
    }
}
