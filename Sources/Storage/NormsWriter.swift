/// Field-length norms (`.nrm`, index/README.md §7): one byte per document and norm slot
/// (`NormEncoding`), slot after slot, so the reader hands out each slot as a slice of the mapping.
enum NormsWriter {
    static func serialize(slots: [String], norms: [[UInt8]], maxDoc: Int) -> [UInt8] {
        var w = FileFormat.begin(.norms, capacity: 64 + slots.count * maxDoc)
        w.writeVarint(slots.count)
        for s in slots { w.writeString(s) }
        w.writeUInt32(UInt32(maxDoc))
        for n in norms {
            precondition(n.count == maxDoc)
            w.writeBytes(n)
        }
        return FileFormat.finish(&w)
    }
}
