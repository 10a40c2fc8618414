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
        let raw = Self.encodeKeys(keys)
        let packed = LZ4Block.compress(raw)
        w.writeVarint(raw.count)
        w.writeVarint(packed.count)
        w.writeBytes(packed)
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
            let rawCount = try r.readCount(max: 1 << 31)
            let packedCount = try r.readCount(max: r.remaining)
            let raw = try LZ4Block.decompress(try r.readBytes(packedCount), rawCount: rawCount)
            keys = try Self.decodeKeys(raw, count: maxDoc)
            if r.remaining != 0 { throw Truncated(what: "\(r.remaining) unexpected bytes at the end") }
        }
        self.init(codec: codec, maxDoc: maxDoc, schema: Schema(fields: fields, normSlots: slots), lengthSums: sums,
                  fieldStats: stats, keys: keys)
    }

    /// The keys section before compression: string tables of languages and types, then per document the
    /// id prefix-coded against the previous id, the content hash (32 raw bytes when it is lowercase hex
    /// SHA-256, else a string) and the table indexes of its language and type.
    static func encodeKeys(_ keys: [DocumentKey]) -> [UInt8] {
        var w = ByteWriter(capacity: keys.count * 48)
        let langs = Array(Set(keys.map(\.lang))).sorted(), types = Array(Set(keys.map(\.type))).sorted()
        let li = Dictionary(uniqueKeysWithValues: langs.enumerated().map { ($1, $0) })
        let ti = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1, $0) })
        w.writeVarint(langs.count); for l in langs { w.writeString(l) }
        w.writeVarint(types.count); for t in types { w.writeString(t) }
        var previous: [UInt8] = []
        for k in keys {
            let id = Array(k.id.utf8)
            var shared = 0
            while shared < min(id.count, previous.count) && id[shared] == previous[shared] { shared += 1 }
            w.writeVarint(shared); w.writeVarint(id.count - shared); w.writeBytes(id[shared...])
            previous = id
            if let raw = hexBytes(k.contentHash) { w.writeUInt8(1); w.writeBytes(raw) } else {
                w.writeUInt8(0); w.writeString(k.contentHash)
            }
            w.writeVarint(li[k.lang]!); w.writeVarint(ti[k.type]!)
        }
        return w.bytes
    }

    static func decodeKeys(_ raw: [UInt8], count: Int) throws -> [DocumentKey] {
        try raw.withUnsafeBytes { b in
            var r = ByteReader(b)
            var langs: [String] = [], types: [String] = []
            for _ in 0..<(try r.readCount(max: 1 << 16)) { langs.append(try r.readString()) }
            for _ in 0..<(try r.readCount(max: 1 << 16)) { types.append(try r.readString()) }
            var keys: [DocumentKey] = []
            keys.reserveCapacity(count)
            var previous: [UInt8] = []
            for _ in 0..<count {
                let shared = try r.readCount(max: previous.count)
                let n = try r.readCount(max: r.remaining)
                let id = Array(previous[0..<shared]) + Array(try r.readBytes(n))
                previous = id
                let hash: String
                switch try r.readUInt8() {
                case 1: hash = hexString(try r.readBytes(32))
                case 0: hash = try r.readString()
                case let t: throw Truncated(what: "content hash tag \(t)")
                }
                let l = try r.readCount(max: langs.count - 1), t = try r.readCount(max: types.count - 1)
                keys.append(DocumentKey(id: String(decoding: id, as: UTF8.self), contentHash: hash, lang: langs[l], type: types[t]))
            }
            if r.remaining != 0 { throw Truncated(what: "\(r.remaining) bytes after the document keys") }
            return keys
        }
    }

    /// The 32 bytes of a 64-digit lowercase hex string, else nil (how a key's content hash is stored; also
    /// `Indexing.ReadVersionKey`).
    public static func hexBytes(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<64 {
            let c = u[i]
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            default: return nil
            }
            out[i / 2] |= i % 2 == 0 ? v << 4 : v
        }
        return out
    }

    /// Lowercase hex of `b`.
    public static func hexString(_ b: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for x in b { out.append(digits[Int(x >> 4)]); out.append(digits[Int(x & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
