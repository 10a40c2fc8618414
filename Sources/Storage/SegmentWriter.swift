/// The segment being built in memory, and its serialization into immutable files.
///
/// Use: `let doc = builder.nextDoc`, record its terms with `builder.postings.add(field:term:doc:position:)`,
/// then `builder.finishDocument(...)` with its key, stored bytes and field lengths. `write(name:to:)` writes
/// `.tdi .pst .pos .nrm .doc .sgi` (each fsynced); nothing refers to them until a manifest does.
public final class SegmentBuilder {
    public let schema: Schema
    public let postings: PostingsWriter
    private var norms: [[UInt8]]
    private var lengthSums: [Int]
    private var store = DocStoreWriter()
    public private(set) var keys: [DocumentKey] = []
    private var storedBytes = 0

    public init(schema: Schema) {
        self.schema = schema
        postings = PostingsWriter(fields: schema.fields)
        norms = Array(repeating: [], count: schema.normSlots.count)
        lengthSums = Array(repeating: 0, count: schema.normSlots.count)
    }

    /// The doc id the next document gets.
    public var nextDoc: UInt32 { UInt32(keys.count) }
    public var documentCount: Int { keys.count }
    /// Rough memory held.
    public var estimatedBytes: Int { postings.estimatedBytes + storedBytes + keys.count * 128 }

    /// Completes the document whose postings were just added: `lengths[slot]` is its field length per norm slot.
    public func finishDocument(key: DocumentKey, stored: [UInt8], lengths: [Int]) {
        for s in 0..<norms.count {
            let l = s < lengths.count ? lengths[s] : 0
            norms[s].append(NormEncoding.encode(l))
            lengthSums[s] += l
        }
        store.add(stored)
        storedBytes += stored.count / 3
        keys.append(key)
    }

    /// Completes a document copied from another segment (merges): its norm bytes as they are.
    public func finishDocument(key: DocumentKey, stored: [UInt8], normBytes: [UInt8]) {
        for s in 0..<norms.count {
            let b = s < normBytes.count ? normBytes[s] : 0
            norms[s].append(b)
            lengthSums[s] += NormEncoding.decode(b)
        }
        store.add(stored)
        storedBytes += stored.count / 3
        keys.append(key)
    }

    /// Overrides the length sums (a merge knows the exact sums of its sources).
    public func setLengthSums(_ sums: [Int]) { lengthSums = sums }

    /// Writes the segment's files as `name.ext` and returns its info.
    /// - Throws: `IndexError` from the directory, or `.invalidArgument` naming the postings file when a term's
    ///   doc blocks exceed what its skip table can address (`SkipTable.maxDocBytes`) — before any file is
    ///   written, so a failed flush or merge leaves nothing behind.
    public func write(name: String, to dir: any Directory, encoder: any BlockEncoder = BlockEncoders.default) throws -> SegmentInfo {
        try write(name: name, to: dir, encoder: encoder, docBlockLimit: SkipTable.maxDocBytes)
    }

    /// `write(name:to:encoder:)` with a lower limit on a term's doc-block bytes (tests reach the limit with a
    /// few hundred postings instead of 4 GiB of them).
    func write(name: String, to dir: any Directory, encoder: any BlockEncoder, docBlockLimit: Int) throws -> SegmentInfo {
        let maxDoc = keys.count
        var serializer = PostingsSerializer(encoder: encoder, file: name + "." + FileKind.postings.fileExtension,
                                            docBlockLimit: docBlockLimit)
        var dict = TermDictionaryWriter()
        var stats = [SegmentInfo.FieldStats](repeating: .init(terms: 0, postings: 0, positions: 0), count: schema.fields.count)
        // Per-field facts and all norm bytes hoisted out of the term loop (no copies or retains per term).
        let options = schema.fields.map(\.options)
        let normSlots = schema.fields.map(\.normSlot)
        let numbers = schema.fields.map { UInt8($0.number) }
        let allNorms = norms.flatMap { $0 }
        // Terms come in (field number, bytes) order, which is the dictionary's key order (field byte first).
        try allNorms.withUnsafeBufferPointer { nb in
            try postings.forEachSortedTerm { field, term, docs, freqs, positions in
                let o = options[field]
                let n = normSlots[field].map { UnsafeBufferPointer(rebasing: nb[($0 * maxDoc)..<($0 * maxDoc + maxDoc)]) }
                let info = try serializer.write(docs: docs, freqs: freqs, positions: positions, options: o, norms: n)
                dict.add(field: numbers[field], term: term, info)
                stats[field].terms += 1
                stats[field].postings += info.docFreq
                if o == .positions { stats[field].positions += info.totalTermFreq }
            }
        }
        let info = SegmentInfo(codec: encoder.name, maxDoc: maxDoc, schema: schema, lengthSums: lengthSums,
                               fieldStats: stats, keys: keys)
        try dir.write(name + "." + FileKind.terms.fileExtension, dict.finish())
        try dir.write(name + "." + FileKind.postings.fileExtension, FileFormat.finish(&serializer.postings))
        try dir.write(name + "." + FileKind.positions.fileExtension, FileFormat.finish(&serializer.positions))
        try dir.write(name + "." + FileKind.norms.fileExtension,
                      NormsWriter.serialize(slots: schema.normSlots, norms: norms, maxDoc: maxDoc))
        try dir.write(name + "." + FileKind.documents.fileExtension, store.finish())
        try dir.write(name + "." + FileKind.segmentInfo.fileExtension, info.serialize())
        return info
    }

    /// The file kinds a segment consists of (deletions aside).
    public static let fileKinds: [FileKind] = [.segmentInfo, .terms, .postings, .positions, .norms, .documents]
}
