/// Reads `.nrm`: the slot names and each slot's bytes.
public struct NormsReader: Sendable {
    public let slots: [String]
    /// norms[slot][doc]
    public let norms: [[UInt8]]

    init(file: FileBytes, maxDoc: Int) throws {
        var s: [String] = [], n: [[UInt8]] = []
        try file.decode { r in
            let count = try r.readCount(max: 64)
            for _ in 0..<count { s.append(try r.readString()) }
            let md = Int(try r.readUInt32())
            if md != maxDoc { throw Truncated(what: "norms for \(md) documents, segment has \(maxDoc)") }
            for _ in 0..<count { n.append(Array(try r.readBytes(md))) }
            if r.remaining != 0 { throw Truncated(what: "\(r.remaining) bytes after the norms") }
        }
        slots = s; norms = n
    }

    public func norms(slot: String) -> [UInt8]? { slots.firstIndex(of: slot).map { norms[$0] } }
}
