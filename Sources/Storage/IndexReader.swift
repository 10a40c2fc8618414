import CCodec
/// A snapshot of the index: the segments of one commit, mapped. Later commits, merges and deletions by a
/// writer do not change it (files are immutable; a deleted file's mapping stays valid until released).
///
/// Global doc ids are `base(segment) + local doc`, bases in manifest order.
public final class IndexReader: @unchecked Sendable {
    // @unchecked: immutable after init.
    public let directory: any Directory
    public let manifest: Manifest
    public let segments: [SegmentReader]
    public let bases: [Int]
    private let idMap: [String: (segment: Int, doc: Int)]
    /// Every document's id by global doc id (deleted ones too) as UTF-8 in one buffer (`idStarts[d] ..<
    /// idStarts[d + 1]`), for hit ids without touching the segments' keys: reading `segments[s].info.keys[d]
    /// .id` retained the segment, its keys and the id per hit (atomic increments on shared objects); a new
    /// string from the bytes is built in place when short (≤ 15 bytes), else one private allocation.
    private let idBytes: [UInt8]
    private let idStarts: [Int]

    /// Opens the latest commit of `dir`. If the writer removes a file of the commit being opened (because a
    /// newer commit replaced it), the open is retried on the newer manifest, as Lucene's `FindSegmentsFile`.
    public init(directory dir: any Directory, verifyChecksums: Bool = true) throws {
        var attempt = 0
        while true {
            let m = try Manifest.read(dir)
            do {
                var segs: [SegmentReader] = []
                for e in m.segments { segs.append(try SegmentReader(e, in: dir, verifyChecksums: verifyChecksums)) }
                directory = dir; manifest = m; segments = segs
                var b: [Int] = [], base = 0
                for s in segs { b.append(base); base += s.maxDoc }
                bases = b
                var ids: [String: (Int, Int)] = [:]
                var bytes: [UInt8] = [], starts: [Int] = [0]
                starts.reserveCapacity(base + 1)
                for (si, s) in segs.enumerated() {
                    for (d, k) in s.info.keys.enumerated() {
                        bytes.append(contentsOf: k.id.utf8)
                        starts.append(bytes.count)
                        if !s.isDeleted(d) { ids[k.id] = (si, d) }
                    }
                }
                idMap = ids
                idBytes = bytes; idStarts = starts
                return
            } catch let e as IndexError where e.kind == .missing && attempt < 10 {
                attempt += 1
                if (try? Manifest.read(dir))?.generation == m.generation { throw e }
            }
        }
    }

    /// Opens the index folder at `path` (memory-mapped).
    public convenience init(path: String, verifyChecksums: Bool = true) throws {
        try self.init(directory: try MMapDirectory(path: path), verifyChecksums: verifyChecksums)
    }

    public var maxDoc: Int { segments.reduce(0) { $0 + $1.maxDoc } }
    public var documentCount: Int { segments.reduce(0) { $0 + $1.liveDocs } }

    /// (segment index, local doc) of a global doc id.
    public func locate(_ doc: Int) -> (segment: Int, doc: Int)? {
        guard doc >= 0 else { return nil }
        var lo = 0, hi = bases.count
        while lo < hi { let m = (lo + hi) / 2; if bases[m] <= doc { lo = m + 1 } else { hi = m } }
        let s = lo - 1
        guard s >= 0, doc - bases[s] < segments[s].maxDoc else { return nil }
        return (s, doc - bases[s])
    }

    /// The global doc id of the live document with this id.
    public func globalDoc(id: String) -> Int? { idMap[id].map { bases[$0.segment] + $0.doc } }

    public func key(_ doc: Int) -> DocumentKey? { locate(doc).map { segments[$0.segment].info.keys[$0.doc] } }

    /// Starts loading the ids of `docs` (their offsets, then their bytes), which `id(_:)` reads next for each:
    /// the hits' ids then wait for memory about once, not once or twice per hit. A hint: no effect on results.
    public func prefetchIDs(_ docs: [Int]) {
        idStarts.withUnsafeBufferPointer { s in
            for d in docs where d >= 0 && d < s.count - 1 { kerko_prefetch(s.baseAddress! + d) }
            idBytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                for d in docs where d >= 0 && d < s.count - 1 && s[d] < b.count { kerko_prefetch(base + s[d]) }
            }
        }
    }

    /// The document id of a global doc id (only the id is copied out, not the whole key).
    public func id(_ doc: Int) -> String? {
        guard doc >= 0 && doc < idStarts.count - 1 else { return nil }
        let a = idStarts[doc], b = idStarts[doc + 1]
        return idBytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }

    /// The stored bytes of the live document with this id.
    public func storedBytes(id: String) throws -> [UInt8]? {
        guard let (s, d) = idMap[id] else { return nil }
        return try segments[s].storedBytes(d)
    }

    /// The stored bytes of a global doc id.
    public func storedBytes(doc: Int) throws -> [UInt8]? {
        guard let (s, d) = locate(doc) else { return nil }
        return try segments[s].storedBytes(d)
    }

    /// All live postings of `term` in `field` across segments, in global doc order.
    public func postings(field: String, term: String) throws -> IndexPostings {
        var parts: [(base: Int, cursor: PostingsCursor)] = []
        for (i, s) in segments.enumerated() {
            if let c = try s.postings(field: field, term: term) { parts.append((bases[i], c)) }
        }
        return IndexPostings(parts: parts)
    }

    /// Document frequency of `term` over live and deleted documents of all segments.
    public func docFreq(field: String, term: String) throws -> Int {
        try segments.reduce(0) { $0 + (try $1.termInfo(field: field, term: term)?.docFreq ?? 0) }
    }

    /// Distinct terms of `field` starting with `prefix`, sorted (merged over segments).
    public func terms(field: String, prefix: String) throws -> [String] {
        var set = Set<String>()
        for s in segments { try s.terms(field: field, prefix: prefix) { t, _ in set.insert(t); return true } }
        return set.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Distinct terms `t` of `field` with `lower ≤ t ≤ upper` in byte order (dates, act numbers).
    public func terms(field: String, from lower: String, through upper: String) throws -> [String] {
        let ub = Array(upper.utf8)
        var set = Set<String>()
        for s in segments {
            try s.terms(field: field, from: lower) { t, _ in
                if ub.lexicographicallyPrecedes(Array(t.utf8)) { return false }
                set.insert(t); return true
            }
        }
        return set.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Average field length of a norm slot over all documents (BM25's avgdl).
    public func averageLength(slot: String) -> Double {
        var sum = 0, n = 0
        for s in segments {
            if let i = s.info.schema.normSlots.firstIndex(of: slot) { sum += s.info.lengthSums[i]; n += s.maxDoc }
        }
        return n == 0 ? 0 : Double(sum) / Double(n)
    }

    /// Counts and sizes for `kerko stats`.
    public func stats() throws -> IndexStats {
        var st = IndexStats()
        st.documents = documentCount
        st.deleted = maxDoc - documentCount
        st.segments = segments.count
        st.generation = manifest.generation
        for s in segments {
            for f in s.info.fieldStats { st.terms += f.terms; st.postings += f.postings; st.positions += f.positions }
            for (k, v) in s.fileSizes { st.bytes[k.structureName, default: 0] += v }
            for (d, k) in s.info.keys.enumerated() where !s.isDeleted(d) {
                st.languages[k.lang, default: 0] += 1
                st.types[k.type, default: 0] += 1
            }
            for (i, f) in s.info.schema.fields.enumerated() {
                st.fields[f.name, default: .init()].terms += s.info.fieldStats[i].terms
                st.fields[f.name, default: .init()].postings += s.info.fieldStats[i].postings
                st.fields[f.name, default: .init()].positions += s.info.fieldStats[i].positions
            }
        }
        st.bytes["manifest"] = (try? directory.fileSize(Manifest.fileName)) ?? 0
        st.bytes["total"] = st.bytes.values.reduce(0, +)
        return st
    }
}

/// `kerko stats`: the fields of the CLI's JSON (`../shared/spec/CLI.md`). `terms` counts each segment's
/// dictionary entries (a term in two segments counts twice until they merge).
public struct IndexStats: Sendable, Hashable, Codable {
    public var documents = 0
    public var deleted = 0
    public var terms = 0
    public var postings = 0
    public var positions = 0
    public var segments = 0
    public var generation = 0
    /// Bytes per structure (`terms`, `postings`, `positions`, `norms`, `documents`, `segment_info`,
    /// `deletions`, `manifest`) and `total`.
    public var bytes: [String: Int] = [:]
    public var languages: [String: Int] = [:]
    public var types: [String: Int] = [:]
    public var fields: [String: FieldCounts] = [:]

    public struct FieldCounts: Sendable, Hashable, Codable {
        public var terms = 0, postings = 0, positions = 0
        public init() {}
    }

    public init() {}
}

/// Postings of one term over all segments of a snapshot, in global doc-id order.
public final class IndexPostings {
    public let parts: [(base: Int, cursor: PostingsCursor)]
    private var current = 0
    /// Current global doc id, or -1 before `next()`, `Int.max` at the end.
    public private(set) var doc = -1

    init(parts: [(base: Int, cursor: PostingsCursor)]) { self.parts = parts }

    public var docFreq: Int { parts.reduce(0) { $0 + $1.cursor.docFreq } }

    /// Advances to the next live document; returns false at the end.
    public func next() throws -> Bool {
        while current < parts.count {
            let d = try parts[current].cursor.next()
            if d != PostingsCursor.terminated { doc = parts[current].base + Int(d); return true }
            current += 1
        }
        doc = Int.max
        return false
    }

    public var freq: Int { Int(parts[current].cursor.freq) }
    public func positions() throws -> [UInt32] { try parts[current].cursor.positions() }
    /// The block-max impact of the current block.
    public func skipEntry() throws -> SkipEntry { try parts[current].cursor.currentSkipEntry() }
}
