/// The query side's postings cursor (Sources/Search): the same format as `PostingsCursor`
/// (index/README.md §5–6) read into reusable unsafe buffers, with the per-block skip data exposed as
/// flat arrays (last doc, max frequency, min norm byte) for block-max scoring, and positions appended
/// into the caller's buffer — no allocation per document and no dynamic exclusivity checks in the loops.
/// Deleted documents are skipped when the segment has deletions.
public final class SearchPostings {
    /// `doc` once exhausted.
    public static let end = Int.max

    public let info: TermInfo
    private let options: IndexOptions
    private let postings: FileBytes
    private let positionsFile: FileBytes?
    private let encoder: any BlockEncoder
    private let deletions: DeletionBitmap?

    /// Per block: last doc id, largest frequency, smallest norm byte (single-block terms: computed from
    /// the block itself with the `norms` given at creation, 0 without).
    public private(set) var lastDocs: [Int] = []
    public private(set) var maxFreqs: [UInt32] = []
    public private(set) var minNorms: [UInt8] = []
    private var docStarts: [Int] = []
    private var posStarts: [Int] = []

    @exclusivity(unchecked) public private(set) var doc = -1
    @exclusivity(unchecked) private var block = -1
    @exclusivity(unchecked) private var index = -1
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var positionsBlock = -1
    private let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: blockSize)
    private let freqs = UnsafeMutablePointer<UInt32>.allocate(capacity: blockSize)
    @exclusivity(unchecked) private var positionBuffer = UnsafeMutablePointer<UInt32>.allocate(capacity: blockSize)
    @exclusivity(unchecked) private var positionCapacity = blockSize
    private let positionStarts = UnsafeMutablePointer<Int>.allocate(capacity: blockSize + 1)

    init(info: TermInfo, options: IndexOptions, postings: FileBytes, positions: FileBytes?, encoder: any BlockEncoder,
         deletions: DeletionBitmap?, hasNorms: Bool, norms: [UInt8]?) throws {
        self.info = info; self.options = options; self.postings = postings; self.positionsFile = positions
        self.encoder = encoder; self.deletions = deletions
        let blocks = (info.docFreq + blockSize - 1) / blockSize
        if info.postingsOffset < 0 || info.postingsOffset + info.postingsLength > postings.bodyCount || blocks == 0 {
            throw IndexError.corrupt(postings.name, "postings range \(info.postingsOffset)+\(info.postingsLength) past the end")
        }
        var ld: [Int] = [], mf: [UInt32] = [], mn: [UInt8] = [], ds: [Int] = [], ps: [Int] = []
        try postings.decode(from: info.postingsOffset) { r in
            var d = 0, p = info.positionsOffset
            if blocks > 1 {
                ld.reserveCapacity(blocks); mf.reserveCapacity(blocks); mn.reserveCapacity(blocks)
                var last: UInt64 = 0
                var lens: [(Int, Int)] = []
                for _ in 0..<blocks {
                    last += try r.readVarint()
                    if last > UInt64(UInt32.max - 1) { throw Truncated(what: "skip doc id overflow") }
                    ld.append(Int(last))
                    let db = try r.readCount(max: info.postingsLength)
                    let pb = options == .positions ? try r.readCount(max: info.positionsLength) : 0
                    mf.append(options != .docs ? UInt32(truncatingIfNeeded: try r.readVarint() + 1) : 1)
                    mn.append(hasNorms ? try r.readUInt8() : 0)
                    lens.append((db, pb))
                }
                d = r.offset
                for (db, pb) in lens { ds.append(d); ps.append(p); d += db; p += pb }
                if d > info.postingsOffset + info.postingsLength { throw Truncated(what: "skip data block lengths exceed the term's postings") }
            } else {
                ds.append(r.offset); ps.append(p)
            }
        }
        lastDocs = ld; maxFreqs = mf; minNorms = mn; docStarts = ds; posStarts = ps
        if blocks == 1 {
            try load(0)
            var f: UInt32 = 0, m: UInt8 = norms == nil || !hasNorms ? 0 : 255
            for i in 0..<count {
                f = max(f, freqs[i])
                if hasNorms, let norms, Int(docs[i]) < norms.count { m = min(m, norms[Int(docs[i])]) }
            }
            lastDocs = [Int(docs[count - 1])]; maxFreqs = [f]; minNorms = [m]
            index = -1
        }
    }

    deinit {
        docs.deallocate(); freqs.deallocate(); positionBuffer.deallocate(); positionStarts.deallocate()
    }

    public var docFreq: Int { info.docFreq }
    public var blockCount: Int { docStarts.count }

    private func load(_ b: Int) throws {
        let n = b == docStarts.count - 1 ? info.docFreq - b * blockSize : blockSize
        let end = info.postingsOffset + info.postingsLength
        let enc = encoder, withFreqs = options != .docs
        let start = docStarts[b]
        let (dp, fp) = (docs, freqs)
        try postings.withBody { body in
            var r = ByteReader(body, offset: start, end: end)
            try PostingsBlock.decode(&r, count: n, withFreqs: withFreqs, encoder: enc,
                                     gaps: UnsafeMutableBufferPointer(start: dp, count: n),
                                     freqs: UnsafeMutableBufferPointer(start: fp, count: n))
        }
        var d: UInt32 = b == 0 ? 0 : UInt32(lastDocs[b - 1])
        for i in 0..<n {
            if i == 0 && b == 0 { d = dp[0] } else {
                let g = dp[i]
                if g == 0 || UInt64(d) + UInt64(g) >= UInt64(UInt32.max) {
                    throw IndexError.corrupt(postings.name, "doc ids not increasing in a block")
                }
                d += g
            }
            dp[i] = d
        }
        if lastDocs.count == docStarts.count, Int(dp[n - 1]) != lastDocs[b] {
            throw IndexError.corrupt(postings.name, "block's last doc \(dp[n - 1]) differs from skip data \(lastDocs[b])")
        }
        block = b; count = n; index = -1
    }

    /// Moves to the next live document (`end` when exhausted).
    @inline(__always) public func next() throws {
        while true {
            index += 1
            if index >= count {
                if block + 1 >= docStarts.count { doc = Self.end; index = count; return }
                try load(block + 1)
                index = 0
            }
            let d = Int(docs[index])
            if let deletions, deletions.isDeleted(d) { continue }
            doc = d
            return
        }
    }

    /// Moves to the first live document ≥ `target` (whole blocks skipped by their last doc id).
    public func advance(to target: Int) throws {
        if doc >= target { return }
        if block < 0 || target > lastDocs[block] {
            var b = max(block, 0)
            let nb = lastDocs.count
            while b < nb && lastDocs[b] < target { b += 1 }
            if b >= nb { doc = Self.end; index = count; return }
            if b != block { try load(b) }
        }
        // Binary search in the block for the first doc ≥ target after the current index.
        var lo = index + 1, hi = count
        let t = UInt32(clamping: target)
        while lo < hi { let m = (lo + hi) >> 1; if docs[m] < t { lo = m + 1 } else { hi = m } }
        index = lo - 1
        try next()
    }

    /// Frequency in the current document.
    @inline(__always) public var freq: Int { Int(freqs[index]) }

    /// Appends the current document's positions minus `shift` to `out`.
    public func appendPositions(to out: inout [Int], shift: Int) throws {
        guard options == .positions, let positionsFile, index >= 0, index < count else { return }
        if positionsBlock != block {
            var total = 0
            for i in 0..<count { positionStarts[i] = total; total += Int(freqs[i]) }
            positionStarts[count] = total
            if total > positionCapacity {
                positionBuffer.deallocate()
                positionCapacity = max(total, positionCapacity * 2)
                positionBuffer = .allocate(capacity: positionCapacity)
            }
            let enc = encoder, pb = positionBuffer
            let start = posStarts[block], end = info.positionsOffset + info.positionsLength
            try positionsFile.withBody { body in
                var r = ByteReader(body, offset: start, end: end)
                var c = 0
                while c < total {
                    let n = min(blockSize, total - c)
                    try enc.decode(&r, count: n, into: UnsafeMutableBufferPointer(start: pb + c, count: n))
                    c += n
                }
            }
            var k = 0
            for i in 0..<count {
                var p: UInt32 = 0
                for j in 0..<Int(freqs[i]) {
                    if j == 0 { p = pb[k] } else {
                        let (s, o) = p.addingReportingOverflow(pb[k])
                        if o { throw IndexError.corrupt(positionsFile.name, "position overflow") }
                        p = s
                    }
                    pb[k] = p; k += 1
                }
            }
            positionsBlock = block
        }
        let s = positionStarts[index], e = positionStarts[index + 1]
        for k in s..<e { out.append(Int(positionBuffer[k]) - shift) }
    }
}

extension SegmentReader {
    /// A query-side cursor over the term's live postings, or nil if the term is absent. `norms` (the
    /// field's norm bytes) lets a single-block term compute its block's smallest norm.
    public func searchPostings(field: String, term: String, norms: [UInt8]? = nil) throws -> SearchPostings? {
        guard let f = self.field(field), let ti = try terms.lookup(Self.key(f, term)) else { return nil }
        return try SearchPostings(info: ti, options: f.options, postings: postingsFile,
                                  positions: f.options == .positions ? positionsFile : nil, encoder: encoder,
                                  deletions: deletions, hasNorms: f.normSlot != nil, norms: norms)
    }
}
