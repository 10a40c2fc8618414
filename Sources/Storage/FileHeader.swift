/// The header and footer every index file carries (index/README.md §2).
///
/// ```
/// header (16 bytes): "KRKO" | kind (4 ASCII bytes) | format version u32 | reserved u32 (0)
/// body
/// footer (16 bytes): body length u64 | CRC-32C u32 of every byte before it | "KRKE"
/// ```
/// All integers little-endian. The CRC (RFC 3720 §B.4, `CRC32C`) covers header, body and the length field.
public enum FileKind: String, Sendable, CaseIterable {
    case manifest = "MANI"
    case segmentInfo = "SEGI"
    case terms = "TERM"
    case postings = "POST"
    case positions = "POSI"
    case norms = "NORM"
    case documents = "DOCS"
    case deletions = "DELS"

    /// The file-name extension of this kind (`_3.pst`), as in the format spec.
    public var fileExtension: String {
        switch self {
        case .manifest: return "manifest"
        case .segmentInfo: return "sgi"
        case .terms: return "tdi"
        case .postings: return "pst"
        case .positions: return "pos"
        case .norms: return "nrm"
        case .documents: return "doc"
        case .deletions: return "del"
        }
    }

    /// Name used for bytes-per-structure statistics.
    public var structureName: String {
        switch self {
        case .manifest: return "manifest"
        case .segmentInfo: return "segment_info"
        case .terms: return "terms"
        case .postings: return "postings"
        case .positions: return "positions"
        case .norms: return "norms"
        case .documents: return "documents"
        case .deletions: return "deletions"
        }
    }
}

public enum FileFormat {
    public static let magic: [UInt8] = Array("KRKO".utf8)
    public static let footerMagic: [UInt8] = Array("KRKE".utf8)
    /// The on-disk format version this build writes and the only one it reads (index/README.md, "Version
    /// history"). 2: fixed-width skip tables read in place, term dictionary blocks of 16 with the block
    /// size in the trailer.
    public static let version: UInt32 = 2
    public static let headerSize = 16
    public static let footerSize = 16

    /// Starts a file of `kind`: returns a writer holding its header.
    public static func begin(_ kind: FileKind, capacity: Int = 4096) -> ByteWriter {
        var w = ByteWriter(capacity: capacity)
        w.writeBytes(magic)
        w.writeBytes(Array(kind.rawValue.utf8))
        w.writeUInt32(version)
        w.writeUInt32(0)
        return w
    }

    /// Appends the footer (body length, CRC-32C, end magic) and returns the finished file's bytes.
    public static func finish(_ w: inout ByteWriter) -> [UInt8] {
        w.writeUInt64(UInt64(w.count - headerSize))
        let crc = CRC32C.checksum(w.bytes)
        w.writeUInt32(crc)
        w.writeBytes(footerMagic)
        return w.bytes
    }

    /// Checks magic, kind, version, length and checksum of a whole file; returns the body's range.
    /// - Throws: `IndexError` naming `name` and what is wrong.
    public static func verify(_ bytes: UnsafeRawBufferPointer, name: String, kind: FileKind,
                              checksum: Bool = true) throws -> Range<Int> {
        let n = bytes.count
        if n < headerSize + footerSize {
            throw IndexError.corrupt(name, "\(n) bytes, shorter than header and footer")
        }
        if !zip(magic, bytes[0..<4]).allSatisfy({ $0 == $1 }) {
            throw IndexError.corrupt(name, "bad magic (not a Kërko index file)")
        }
        let k = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[4..<8]), as: UTF8.self)
        if k != kind.rawValue {
            throw IndexError.corrupt(name, "file kind \(k.debugDescription), expected \(kind.rawValue)")
        }
        let r = ByteReader(bytes)
        let version = try r.getUInt32(at: 8)
        if !zip(footerMagic, bytes[(n - 4)..<n]).allSatisfy({ $0 == $1 }) {
            throw IndexError.corrupt(name, "bad footer magic (truncated or overwritten file)")
        }
        let bodyLength = try r.getUInt64(at: n - footerSize)
        if bodyLength != UInt64(n - headerSize - footerSize) {
            throw IndexError.corrupt(name, "length \(bodyLength) in footer, file body is \(n - headerSize - footerSize) bytes")
        }
        if checksum {
            let stored = try r.getUInt32(at: n - 8)
            let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(n - 8)]))
            if stored != actual {
                throw IndexError.corrupt(name, "checksum mismatch (CRC-32C stored \(hex(stored)), computed \(hex(actual)))")
            }
        }
        // The version is checked after the checksum: a flipped version byte is corruption, not a new format.
        if version != FileFormat.version {
            throw IndexError(.unsupported, file: name, reason: unsupportedVersion(version))
        }
        return headerSize..<(n - footerSize)
    }

    /// Why a valid file of another version is refused, and what to do: an index of an older format cannot be
    /// read or updated by this build (nor converted), only rebuilt from its sources — the CLI prints this
    /// after the file name (`../shared/spec/CLI.md`, exit code 3).
    static func unsupportedVersion(_ version: UInt32) -> String {
        if version < FileFormat.version {
            return "format version \(version) is older than this build's version \(FileFormat.version); "
                + "rebuild the index: delete the index folder and run `kerko ingest` again"
        }
        return "format version \(version); this build reads version \(FileFormat.version) (the index was written by a newer kerko)"
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - s.count) + s
    }
}
