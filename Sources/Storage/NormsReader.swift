/// Reads `.nrm`: the slot names, and each slot's bytes straight from the mapping (no copy).
public struct NormsReader: Sendable {
    public let slots: [String]
    let file: FileBytes
    /// Body offset of slot 0's first byte.
    let base: Int
    let maxDoc: Int

    init(file: FileBytes, maxDoc: Int) throws {
        var s: [String] = [], b = 0
        try file.decode { r in
            let count = try r.readCount(max: 64)
            for _ in 0..<count { s.append(try r.readString()) }
            let md = Int(try r.readUInt32())
            if md != maxDoc { throw Truncated(what: "norms for \(md) documents, segment has \(maxDoc)") }
            b = r.offset
            if r.remaining != count * md { throw Truncated(what: "\(r.remaining) norm bytes, expected \(count * md)") }
        }
        slots = s; self.file = file; base = b; self.maxDoc = maxDoc
    }

    /// The norm byte of `doc` in `slot`.
    @inline(__always) public func norm(slot: Int, doc: Int) -> UInt8 {
        precondition(slot >= 0 && slot < slots.count && doc >= 0 && doc < maxDoc)
        let o = file.body.lowerBound + base + slot * maxDoc + doc
        return file.withUnsafeBytes { $0[o] }
    }

    /// A copy of the bytes of the slot named `name` (for scorers that want a plain array), or nil.
    public func norms(slot name: String) -> [UInt8]? {
        guard let s = slots.firstIndex(of: name) else { return nil }
        let start = file.body.lowerBound + base + s * maxDoc
        return file.withUnsafeBytes { Array($0[start..<(start + maxDoc)]) }
    }

    /// One slot as a view.
    public func slot(_ s: Int) -> NormSlot { NormSlot(reader: self, slot: s) }
}

/// The norm bytes of one slot, read from the mapping.
public struct NormSlot: Sendable {
    let reader: NormsReader
    let slot: Int
    public subscript(doc: Int) -> UInt8 { reader.norm(slot: slot, doc: doc) }
    public var count: Int { reader.maxDoc }
}
