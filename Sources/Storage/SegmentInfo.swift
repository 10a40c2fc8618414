/// A segment's self-description (`_N.sgi`, index/README.md §3): codec, document count, schema, per-slot
/// length sums (for BM25's average length), per-field statistics and each document's key (id, content
/// hash, language, type) in doc-id order.
public struct SegmentInfo: Sendable {
    public var codec: String
    public var maxDoc: Int
    public var schema: Schema
    /// Sum of field lengths per norm slot (positions counted), for average lengths.
    public var lengthSums: [Int]
    public var fieldStats: [FieldStats]
    public var keys: [DocumentKey]

    public struct FieldStats: Sendable, Hashable {
        public var terms: Int
        public var postings: Int
        public var positions: Int
        public init(terms: Int, postings: Int, positions: Int) {
            self.terms = terms; self.postings = postings; self.positions = positions
        }
    }

    func serialize() -> [UInt8] {
        var w = FileFormat.begin(.segmentInfo, capacity: 256 + keys.count * 96)
        w.writeString(codec)
        w.writeUInt32(UInt32(maxDoc))
        w.writeVarint(schema.normSlots.count)
        for (i, s) in schema.normSlots.enumerated() { w.writeString(s); w.writeVarint(lengthSums[i]) }
        w.writeVarint(schema.fields.count)
        for (i, f) in schema.fields.enumerated() {
            w.writeVarint(f.number)
            w.writeString(f.name)
            w.writeUInt8(f.options.rawValue)
            w.writeVarint(f.normSlot.map { $0 + 1 } ?? 0)
            w.writeVarint(fieldStats[i].terms)
            w.writeVarint(fieldStats[i].postings)
            w.writeVarint(fieldStats[i].positions)
        }
        for k in keys {
            w.writeString(k.id); w.writeString(k.contentHash); w.writeString(k.lang); w.writeString(k.type)
        }
        return FileFormat.finish(&w)
    }

    init(codec: String, maxDoc: Int, schema: Schema, lengthSums: [Int], fieldStats: [FieldStats], keys: [DocumentKey]) {
        self.codec = codec; self.maxDoc = maxDoc; self.schema = schema; self.lengthSums = lengthSums
        self.fieldStats = fieldStats; self.keys = keys
    }

    init(file: FileBytes) throws {
        var codec = "", maxDoc = 0, slots: [String] = [], sums: [Int] = [], fields: [FieldInfo] = []
        var stats: [FieldStats] = [], keys: [DocumentKey] = []
        try file.decode { r in
            codec = try r.readString()
            maxDoc = Int(try r.readUInt32())
            let ns = try r.readCount(max: 64)
            for _ in 0..<ns { slots.append(try r.readString()); sums.append(try r.readCount(max: Int.max)) }
            let nf = try r.readCount(max: 255)
            for i in 0..<nf {
                let number = try r.readCount(max: 255)
                if number != i { throw Truncated(what: "field #\(i) numbered \(number)") }
                let name = try r.readString()
                guard let opts = IndexOptions(rawValue: try r.readUInt8()) else { throw Truncated(what: "unknown index options") }
                let slot = try r.readCount(max: ns)
                fields.append(FieldInfo(number: number, name: name, options: opts, normSlot: slot == 0 ? nil : slot - 1))
                stats.append(FieldStats(terms: try r.readCount(max: Int.max), postings: try r.readCount(max: Int.max),
                                        positions: try r.readCount(max: Int.max)))
            }
            keys.reserveCapacity(maxDoc)
            for _ in 0..<maxDoc {
                keys.append(DocumentKey(id: try r.readString(), contentHash: try r.readString(),
                                        lang: try r.readString(), type: try r.readString()))
            }
            if r.remaining != 0 { throw Truncated(what: "\(r.remaining) unexpected bytes at the end") }
        }
        self.init(codec: codec, maxDoc: maxDoc, schema: Schema(fields: fields, normSlots: slots), lengthSums: sums,
                  fieldStats: stats, keys: keys)
    }
}
