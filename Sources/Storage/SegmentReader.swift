import Codec

/// One segment of a snapshot: its files mapped and verified, the term dictionary's sparse index, norms,
/// document-store index and deletions in memory. Immutable; shared by every cursor over it.
public final class SegmentReader: @unchecked Sendable {
    // @unchecked: immutable after init (the doc store guards its own cache).
    public let entry: Manifest.Entry
    public let info: SegmentInfo
    public let terms: TermDictionaryReader
    let postingsFile: FileBytes
    let positionsFile: FileBytes
    public let norms: NormsReader
    public let store: DocStoreReader
    public let deletions: DeletionBitmap?
    public let encoder: any BlockEncoder
    /// Bytes per file kind.
    public let fileSizes: [FileKind: Int]
    /// The codec is `bp128-vertical-v1` (its full blocks are decoded by it directly): decided once here, by
    /// the adapter's type, rather than per opened list.
    let packedBP128: Bool
    /// Each schema field's name and what term look-ups and cursors need of it, in schema order (`fieldKey`).
    private let fieldKeys: [FieldKey]

    /// A field as the term look-ups and cursors use it: no name, so finding one copies no string.
    struct FieldKey {
        let name: String
        /// `name.utf8.count`: names of another length are passed over without a string comparison.
        let nameLength: Int
        let number: UInt8
        let options: IndexOptions
        let normed: Bool
    }

    public init(_ entry: Manifest.Entry, in dir: any Directory, verifyChecksums: Bool = true,
                deletions override: DeletionBitmap? = nil) throws {
        self.entry = entry
        func open(_ k: FileKind) throws -> FileBytes {
            try dir.open(entry.name + "." + k.fileExtension, kind: k, checksum: verifyChecksums)
        }
        let sgi = try open(.segmentInfo)
        info = try SegmentInfo(file: sgi)
        guard let enc = BlockEncoders.named(info.codec) else {
            throw IndexError(.unsupported, file: sgi.name, reason: "codec \(info.codec.debugDescription) is not one this build reads")
        }
        if info.maxDoc != entry.maxDoc {
            throw IndexError.corrupt(sgi.name, "\(info.maxDoc) documents, the manifest says \(entry.maxDoc)")
        }
        encoder = enc
        packedBP128 = ObjectIdentifier(type(of: enc)) == ObjectIdentifier(CodecBlockEncoder<BP128VerticalCodec>.self)
        fieldKeys = info.schema.fields.map {
            FieldKey(name: $0.name, nameLength: $0.name.utf8.count, number: UInt8($0.number), options: $0.options,
                     normed: $0.normSlot != nil)
        }
        let tdi = try open(.terms), pst = try open(.postings), pos = try open(.positions)
        let nrm = try open(.norms), doc = try open(.documents)
        terms = try TermDictionaryReader(file: tdi)
        postingsFile = pst
        positionsFile = pos
        norms = try NormsReader(file: nrm, maxDoc: info.maxDoc)
        if norms.slots != info.schema.normSlots {
            throw IndexError.corrupt(nrm.name, "norm slots \(norms.slots) differ from the segment info's")
        }
        store = try DocStoreReader(file: doc, maxDoc: info.maxDoc)
        var sizes: [FileKind: Int] = [.segmentInfo: sgi.count, .terms: tdi.count, .postings: pst.count,
                                      .positions: pos.count, .norms: nrm.count, .documents: doc.count]
        if let override {
            deletions = override
        } else if let del = entry.deletionFile {
            let d = try DeletionBitmap.read(del, from: dir, maxDoc: info.maxDoc, checksum: verifyChecksums)
            if d.count != entry.deleted { throw IndexError.corrupt(del, "\(d.count) deletions, the manifest says \(entry.deleted)") }
            deletions = d
            sizes[.deletions] = try dir.fileSize(del)
        } else {
            deletions = nil
        }
        fileSizes = sizes
    }

    public var maxDoc: Int { info.maxDoc }
    public var liveDocs: Int { info.maxDoc - (deletions?.count ?? 0) }

    public func isDeleted(_ doc: Int) -> Bool { deletions?.isDeleted(doc) ?? false }

    public func field(_ name: String) -> FieldInfo? { info.schema.field(named: name) }

    /// The first field named `name` (as `field(_:)`), for the term look-ups and cursors.
    @inline(__always) func fieldKey(_ name: String) -> FieldKey? {
        let n = name.utf8.count
        for k in fieldKeys where k.nameLength == n && k.name == name { return k }
        return nil
    }

    static func key(_ f: FieldInfo, _ term: String) -> [UInt8] { [UInt8(f.number)] + Array(term.utf8) }

    /// The term's statistics in this segment (deleted documents included, as in Lucene).
    public func termInfo(field: String, term: String) throws -> TermInfo? {
        guard let f = fieldKey(field) else { return nil }
        return try terms.lookup(prefix: f.number, term)
    }

    /// Starts loading what a look-up of the term will read (its dictionary block: a hint, with no effect on
    /// results) and returns that block for `termInfo(field:term:block:)` (−1: nothing to read).
    public func prefetchTerm(field: String, term: String) -> Int {
        guard let f = fieldKey(field) else { return -1 }
        return terms.prefetch(prefix: f.number, term)
    }

    /// `termInfo(field:term:)` in the block `prefetchTerm(field:term:)` returned for it.
    public func termInfo(field: String, term: String, block: Int) throws -> TermInfo? {
        guard let f = fieldKey(field) else { return nil }
        return try terms.lookup(prefix: f.number, term, block: block)
    }

    /// Starts loading the head of the term's postings (its skip table or first block), which opening a
    /// cursor reads first: a hint, with no effect on results.
    public func prefetchPostings(_ info: TermInfo) {
        postingsFile.prefetch(info.postingsOffset, length: info.postingsLength, maxLines: 4)
    }

    /// A cursor over the term's postings (deleted documents skipped unless `includeDeleted`).
    public func postings(field: String, term: String, includeDeleted: Bool = false) throws -> PostingsCursor? {
        guard let f = self.field(field), let ti = try terms.lookup(prefix: UInt8(f.number), term) else { return nil }
        return try cursor(f, ti, includeDeleted: includeDeleted)
    }

    func cursor(_ f: FieldInfo, _ ti: TermInfo, includeDeleted: Bool) throws -> PostingsCursor {
        try PostingsCursor(info: ti, options: f.options, postings: postingsFile,
                           positions: f.options == .positions ? positionsFile : nil, encoder: encoder,
                           deletions: includeDeleted ? nil : deletions, norms: f.normSlot.map { norms.slot($0) },
                           maxDoc: maxDoc)
    }

    /// Terms of `field` in byte order with their info, starting at `lower`, while `body` returns true.
    public func terms(field: String, from lower: String = "", _ body: (String, TermInfo) -> Bool) throws {
        guard let f = self.field(field) else { return }
        let fb = UInt8(f.number)
        try terms.terms(from: Self.key(f, lower)) { t, info in
            guard t.first == fb else { return false }
            return body(String(decoding: t.dropFirst(), as: UTF8.self), info)
        }
    }

    /// Terms of `field` starting with `prefix`.
    public func terms(field: String, prefix: String, _ body: (String, TermInfo) -> Bool) throws {
        guard let f = self.field(field) else { return }
        try terms.terms(prefix: Self.key(f, prefix)) { t, info in
            body(String(decoding: t.dropFirst(), as: UTF8.self), info)
        }
    }

    /// Every (field, term, info) of the segment in dictionary order (merges, statistics, tests).
    public func allTerms(_ body: (FieldInfo, String, TermInfo) throws -> Void) throws {
        let fields = info.schema.fields
        var failure: Error? = nil
        try terms.allTerms { t, ti in
            guard let n = t.first, Int(n) < fields.count else { failure = IndexError.corrupt(terms.file.name, "term of unknown field"); return false }
            do { try body(fields[Int(n)], String(decoding: t.dropFirst(), as: UTF8.self), ti) } catch { failure = error; return false }
            return true
        }
        if let failure { throw failure }
    }

    public func cursor(field: FieldInfo, info ti: TermInfo, includeDeleted: Bool = false) throws -> PostingsCursor {
        try cursor(field, ti, includeDeleted: includeDeleted)
    }

    /// Field length of `doc` in a norm slot, as quantised (rounded down).
    public func fieldLength(slot: Int, doc: Int) -> Int { NormEncoding.decode(norms.norm(slot: slot, doc: doc)) }
    public func storedBytes(_ doc: Int) throws -> [UInt8] { try store.document(doc) }
}
