import Ingest

/// A document key's content hash for one read version (`IndexWriter.readVersion`): the file's SHA-256 XOR the
/// SHA-256 of the version, in lowercase hex — a 64-digit hex string like the file's own (stored as 32 raw
/// bytes, index/README.md §3), different for every file and for every version, and computed with a byte XOR
/// per document instead of a digest. A hash that is not 64 lowercase hex digits (a caller's own id) gets the
/// version appended instead.
struct ReadVersionKey {
    let version: String
    private let mask: [UInt8]

    init(version: String) {
        self.version = version
        mask = Self.bytes(SHA256.hex(Array(version.utf8)))!
    }

    func key(_ contentHash: String) -> String {
        guard let raw = Self.bytes(contentHash) else { return contentHash + "\n" + version }
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { out in
            for i in 0..<32 {
                let b = raw[i] ^ mask[i]
                out[2 * i] = digits[Int(b >> 4)]; out[2 * i + 1] = digits[Int(b & 15)]
            }
            return 64
        }
    }

    /// The 32 bytes of a 64-digit lowercase hex string, else nil.
    static func bytes(_ hex: String) -> [UInt8]? {
        var s = hex
        return s.withUTF8 { u -> [UInt8]? in
            guard u.count == 64 else { return nil }
            @inline(__always) func nibble(_ c: UInt8) -> UInt8? {
                switch c {
                case 0x30...0x39: return c - 0x30
                case 0x61...0x66: return c - 0x61 + 10
                default: return nil
                }
            }
            var out = [UInt8](repeating: 0, count: 32)
            for i in 0..<32 {
                guard let hi = nibble(u[2 * i]), let lo = nibble(u[2 * i + 1]) else { return nil }
                out[i] = hi << 4 | lo
            }
            return out
        }
    }
}
