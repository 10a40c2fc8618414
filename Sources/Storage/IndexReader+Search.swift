import Codec

/// The query side's postings cursor (Sources/Search): the same format as `PostingsCursor`
/// (index/README.md §5–6) read into reusable unsafe buffers, with the blocks' last doc ids from the skip
/// data in a flat array, and positions appended into the caller's buffer — no allocation per document and no dynamic exclusivity checks in the loops.
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
    @usableFromInline let hasDeletions: Bool
    /// The segment's codec is `bp128-vertical-v1`: full blocks are decoded by it directly
    /// (`SegmentReader.packedBP128`).
    private let packedBP128: Bool
    /// Positions indexed and their file given.
    private let hasPositions: Bool

    /// Number of blocks of 128 documents.
    public let blockCount: Int
    /// Per block, in one allocation of `3 · blockCount` words: last doc id (a single block's: read from the
    /// block, loaded at creation), then the block's byte offsets in the postings and positions bodies. Raw
    /// memory, read without exclusivity or bounds checks in `advance`. (The skip entries' impacts — largest
    /// frequency, smallest norm — are read past, not kept: the query side's block-max bounds come from
    /// `SegmentScoring.blockTable`, which computes each block's own largest score.)
    private let table: UnsafeMutablePointer<Int>
    @inline(__always) public func lastDoc(_ b: Int) -> Int { table[b] }
    @inline(__always) private func docStart(_ b: Int) -> Int { table[blockCount + b] }
    @inline(__always) private func posStart(_ b: Int) -> Int { table[2 * blockCount + b] }

    /// Cursor state (doc, block, index in the block, documents in the block, the inlined steps' limit) in
    /// raw memory: computed properties over it have no storage, so no access is ever checked dynamically —
    /// `@exclusivity(unchecked)` stored properties still got `swift_beginAccess` calls once inlined into Search.
    @usableFromInline let state: UnsafeMutablePointer<Int>
    public private(set) var doc: Int { @inlinable @inline(__always) get { state[0] } @inline(__always) set { state[0] = newValue } }
    private var block: Int { @inline(__always) get { state[1] } @inline(__always) set { state[1] = newValue } }
    private var index: Int { @inline(__always) get { state[2] } @inline(__always) set { state[2] = newValue } }
    /// Setting `count` also sets `state[4]`, the inlined steps' limit: `count`, or 0 with deletions (every
    /// step then takes the slow path, which skips deleted documents) — one compare instead of two.
    private var count: Int {
        @inline(__always) get { state[3] }
        @inline(__always) set { state[3] = newValue; state[4] = hasDeletions ? 0 : newValue }
    }
    /// Doc ids (absolute) then frequencies of the current block: one allocation of 2 · 128.
    @usableFromInline let docs: UnsafeMutablePointer<UInt32>
    @usableFromInline var freqs: UnsafeMutablePointer<UInt32> { @inline(__always) get { docs + blockSize } }
    /// Positions: allocated on first use (most cursors never read positions). The current block's position
    /// deltas are decoded lazily, one codec block of 128 at a time, only as far as the documents asked for
    /// (a phrase candidate early in a block does not pay for the whole block's positions).
    @exclusivity(unchecked) private var positionsBlock = -1
    @exclusivity(unchecked) private var positionsDecoded = 0
    @exclusivity(unchecked) private var positionsTotal = 0
    @exclusivity(unchecked) private var positionsOffset = 0
    /// The block's document whose first position's index in the block's positions is known (`positionStart`):
    /// the cursor only moves forward, so the next start sums the frequencies from there.
    @exclusivity(unchecked) private var positionStartIndex = 0
    @exclusivity(unchecked) private var positionStart = 0
    @exclusivity(unchecked) private var positionBuffer: UnsafeMutablePointer<UInt32>? = nil
    @exclusivity(unchecked) private var positionCapacity = 0

    init(info: TermInfo, options: IndexOptions, postings: FileBytes, positions: FileBytes?, encoder: any BlockEncoder,
         packedBP128: Bool, deletions: DeletionBitmap?, hasNorms: Bool, maxDoc: Int) throws {
        self.info = info; self.options = options; self.postings = postings; self.positionsFile = positions
        self.encoder = encoder; self.deletions = deletions; hasDeletions = deletions != nil
        self.packedBP128 = packedBP128
        hasPositions = options == .positions && positions != nil
        let blocks = (info.docFreq + blockSize - 1) / blockSize
        if info.postingsOffset < 0 || info.postingsOffset + info.postingsLength > postings.bodyCount || blocks == 0 {
            throw IndexError.corrupt(postings.name, "postings range \(info.postingsOffset)+\(info.postingsLength) past the end")
        }
        blockCount = blocks
        // Two allocations per cursor: state (5 Ints) with the skip table (3 Ints per block), and the block's
        // doc and frequency buffers (2 × 128 UInt32s = 1 KB). Kept apart, each stays within the sizes glibc's
        // per-thread cache serves (requests up to 1032 bytes): one block of 1 KB plus the table missed it,
        // and its malloc and free cost ~10× a cached one.
        state = .allocate(capacity: 5 + 3 * blocks)
        let t = state + 5
        table = t
        docs = .allocate(capacity: 2 * blockSize)
        state[0] = -1; state[1] = -1; state[2] = -1; state[3] = 0; state[4] = 0
        // Every stored property is set: a throw from here on runs `deinit`, which frees `state` and `docs`
        // (freeing them here too would be a double free).
        do {
            try postings.decode(from: info.postingsOffset) { r in
                if blocks > 1 {
                    var last: UInt64 = 0
                    // Byte lengths go to the offset columns first, turned into offsets below. While a whole
                    // entry's worst case (four 10-byte varints and a byte) remains, the entry is read without
                    // per-byte bounds checks; the checks on the values are the same either way.
                    let withPositions = options == .positions, withFreqs = options != .docs
                    let bp = r.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
                    let postingsLimit = UInt64(max(info.postingsLength, 0))
                    let positionsLimit = UInt64(max(info.positionsLength, 0))
                    for b in 0..<blocks {
                        // The impacts (largest frequency, smallest norm byte) are read past, not kept.
                        var dl: UInt64, db: UInt64, pb: UInt64 = 0
                        if let bp, r.offset >= 0, r.end &- r.offset >= 41 {
                            var o = r.offset
                            dl = try Self.varint(bp, &o)
                            db = try Self.varint(bp, &o)
                            if withPositions { pb = try Self.varint(bp, &o) }
                            if withFreqs { _ = try Self.varint(bp, &o) }
                            if hasNorms { o &+= 1 }
                            r.offset = o
                        } else {
                            dl = try r.readVarint()
                            db = try r.readVarint()
                            if withPositions { pb = try r.readVarint() }
                            if withFreqs { _ = try r.readVarint() }
                            if hasNorms { _ = try r.readUInt8() }
                        }
                        let (sum, overflow) = last.addingReportingOverflow(dl)
                        if overflow || sum > UInt64(UInt32.max - 1) { throw Truncated(what: "skip doc id overflow") }
                        last = sum
                        t[b] = Int(last)
                        if db > postingsLimit { throw Truncated(what: "count \(db) over \(postingsLimit)") }
                        if pb > positionsLimit { throw Truncated(what: "count \(pb) over \(positionsLimit)") }
                        t[blocks + b] = Int(db)
                        t[2 * blocks + b] = Int(pb)
                    }
                    // Every doc id ≤ the last block's last (blocks are checked against their skip entry and
                    // strictly increasing when loaded): the search loops index norms by doc id unchecked.
                    if last >= UInt64(maxDoc) { throw Truncated(what: "doc id \(last) past the segment's \(maxDoc) documents") }
                    var d = r.offset, p = info.positionsOffset
                    for b in 0..<blocks {
                        let db = t[blocks + b], pb = t[2 * blocks + b]
                        t[blocks + b] = d; t[2 * blocks + b] = p
                        d += db; p += pb
                    }
                    if d > info.postingsOffset + info.postingsLength { throw Truncated(what: "skip data block lengths exceed the term's postings") }
                } else {
                    t[1] = r.offset; t[2] = info.positionsOffset
                }
            }
        }
        if blocks == 1 {
            try load(0, checkLast: false)
            if Int(docs[count - 1]) >= maxDoc {
                throw IndexError.corrupt(postings.name, "doc id \(docs[count - 1]) past the segment's \(maxDoc) documents")
            }
            t[0] = Int(docs[count - 1])
            index = -1
        }
    }

    /// A LEB128 varint of at most 10 bytes (as `ByteReader.readVarint`) at `o`, which the caller has
    /// checked is at least 10 bytes before the end.
    @inline(__always) private static func varint(_ p: UnsafePointer<UInt8>, _ o: inout Int) throws -> UInt64 {
        var b = UInt64(p[o]); o &+= 1
        if b < 0x80 { return b }
        var result = b & 0x7F
        var shift: UInt64 = 7
        while true {
            b = UInt64(p[o]); o &+= 1
            result |= (b & 0x7F) &<< shift
            if b < 0x80 { return result }
            shift &+= 7
            if shift > 63 { throw Truncated(what: "varint longer than 10 bytes") }
        }
    }

    deinit {
        state.deallocate(); docs.deallocate()
        positionBuffer?.deallocate()
    }

    public var docFreq: Int { info.docFreq }

    private func load(_ b: Int, checkLast: Bool = true) throws {
        let n = b == blockCount - 1 ? info.docFreq - b * blockSize : blockSize
        let end = info.postingsOffset + info.postingsLength
        let enc = encoder, withFreqs = options != .docs
        let start = docStart(b)
        let (dp, fp) = (docs, freqs)
        try postings.withBody { body in
            var r = ByteReader(body, offset: start, end: end)
            if n == blockSize && withFreqs && packedBP128 {
                try PostingsBlock.decodeFullBP128(&r, gaps: dp, freqs: fp)
                return
            }
            try PostingsBlock.decode(&r, count: n, withFreqs: withFreqs, encoder: enc,
                                     gaps: UnsafeMutableBufferPointer(start: dp, count: n),
                                     freqs: UnsafeMutableBufferPointer(start: fp, count: n))
        }
        // Gaps to doc ids: the SIMD prefix sum (Codec.Delta, mod 2³²) checking in the same pass that the ids
        // strictly increase — the same as "every gap after the term's first doc ≥ 1 and no sum reaches 2³²"
        // (a wrapped sum falls below its predecessor; the first doc of a later block must pass the previous
        // block's last) — then that the last stays below `UInt32.max` (`terminated`).
        let prev: UInt32 = b > 0 ? UInt32(truncatingIfNeeded: lastDoc(b - 1)) : 0
        let (last, increasing) = Delta.decodeIncreasing(UnsafeMutableBufferPointer(start: dp, count: n), base: prev,
                                                        firstAboveBase: b > 0)
        let bad = !increasing || ((b > 0 || n > 1) && last == UInt32.max)
        if bad { throw IndexError.corrupt(postings.name, "doc ids not increasing in a block") }
        if checkLast, Int(dp[n - 1]) != lastDoc(b) {
            throw IndexError.corrupt(postings.name, "block's last doc \(dp[n - 1]) differs from skip data \(lastDoc(b))")
        }
        block = b; count = n; index = -1
    }

    /// Moves to the next live document (`end` when exhausted).
    @inlinable @inline(__always) public func next() throws {
        // Inside the block, without deletions: inlined into the callers' loops.
        let i = state[2] &+ 1
        if i < state[4] { state[2] = i; state[0] = Int(docs[i]); return }
        try nextSlow()
    }

    @usableFromInline func nextSlow() throws {
        while true {
            index += 1
            if index >= count {
                if block + 1 >= blockCount { doc = Self.end; index = count; return }
                try load(block + 1)
                index = 0
            }
            let d = Int(docs[index])
            if let deletions, deletions.isDeleted(d) { continue }
            doc = d
            return
        }
    }

    /// Moves to the first live document ≥ `target` (whole blocks skipped by their last doc id, galloping
    /// then binary search over the skip data, as PISA's and Lucene's skip lists jump).
    @inlinable @inline(__always) public func advance(to target: Int) throws {
        if state[0] >= target { return }
        // The next posting of the block already reaches the target (dense lists): inlined.
        let i = state[2] &+ 1
        if i < state[4] && Int(docs[i]) >= target { state[2] = i; state[0] = Int(docs[i]); return }
        try advanceSlow(to: target)
    }

    @usableFromInline func advanceSlow(to target: Int) throws {
        if doc >= target { return }
        if block < 0 || target > lastDoc(block) {
            var b = max(block, 0)
            let nb = blockCount
            if lastDoc(nb - 1) < target { doc = Self.end; index = count; return }
            // Gallop (exponential search: Bentley & Yao, "An almost optimal algorithm for unbounded
            // searching", IPL 1976): find a step where lastDoc ≥ target, then binary search the last gap.
            var step = 1
            var lo = b
            while b < nb && lastDoc(b) < target { lo = b + 1; b += step; step <<= 1 }
            var hi = min(b, nb - 1)
            while lo < hi { let m = (lo + hi) >> 1; if lastDoc(m) < target { lo = m + 1 } else { hi = m } }
            b = lo
            if b != block { try load(b) }
        }
        // The first doc ≥ target after the current index: targets are usually near (conjunctions of dense
        // lists step a few documents at a time), so probe forward, then gallop, then binary search.
        let t = UInt32(clamping: target)
        let n = count
        var lo = index + 1
        let dp = docs
        var probe = 0
        while probe < 4 && lo < n && dp[lo] < t { lo += 1; probe += 1 }
        if probe == 4 && lo < n && dp[lo] < t {
            var step = 8
            var hi = lo + step
            while hi < n && dp[hi] < t { lo = hi + 1; step <<= 1; hi = lo + step }
            hi = min(hi, n)
            while lo < hi { let m = (lo + hi) >> 1; if dp[m] < t { lo = m + 1 } else { hi = m } }
        }
        index = lo - 1
        try next()
    }

    /// Frequency in the current document.
    @inlinable public var freq: Int { @inline(__always) get { Int(docs[blockSize + state[2]]) } }

    /// Appends the current document's positions minus `shift` to `out`. The per-candidate path touches no
    /// class reference (file, encoder): decoding more of the term's positions is out of line.
    public func appendPositions(to out: inout [Int], shift: Int) throws {
        guard hasPositions, index >= 0, index < count else { return }
        let (s, e) = try positionRange()
        // Positions are deltas within a document, the first absolute: summed in 64 bits, where they only
        // grow, so one check after the loop says whether a 32-bit sum would have overflowed (the appended
        // values are then garbage, and the error says so). Most documents have a position or two: no
        // reserveCapacity (a second uniqueness check) for those.
        let pb = positionBuffer!
        var p: UInt64 = 0
        if e &- s > 8 { out.reserveCapacity(out.count + e - s) }
        for k in s..<e {
            p &+= UInt64(pb[k])
            out.append(Int(truncatingIfNeeded: p) - shift)
        }
        if p > UInt64(UInt32.max) { throw positionOverflow() }
    }

    /// The current document's positions as stored, read in place (no array per document): its
    /// frequency's worth of `UInt32`s, the first absolute, the others gaps to the previous one. The
    /// buffer is the cursor's own: valid until this cursor moves or reads positions again. A running sum
    /// above `UInt32.max` is corruption: report it with `positionOverflowError()` (as `appendPositions`
    /// does). Empty without positions or off a document.
    @inline(__always)
    public func positionDeltas() throws -> UnsafeBufferPointer<UInt32> {
        guard hasPositions, index >= 0, index < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let (s, e) = try positionRange()
        return UnsafeBufferPointer(start: positionBuffer! + s, count: e - s)
    }

    /// The error for a document whose position gaps sum past `UInt32.max`.
    public func positionOverflowError() -> Error { positionOverflow() }

    /// The current document's range in the block's position buffer, decoded at least that far.
    @inline(__always)
    private func positionRange() throws -> (start: Int, end: Int) {
        if positionsBlock != block { startPositions() }
        // The frequencies from the last known start up to the current document: one sum (no stored
        // prefix per document), which the compiler vectorises.
        let fr = freqs
        var s = positionStart
        let i = index
        var k = positionStartIndex
        if k > i { k = 0; s = 0 }   // never: a cursor moves forward in its block (a new block resets both)
        if k < i {
            var sum: UInt64 = 0
            while k < i { sum &+= UInt64(fr[k]); k += 1 }
            s += Int(sum)
            positionStartIndex = i; positionStart = s
        }
        let e = s + Int(fr[i])
        if e > positionsDecoded { try decodePositions(upTo: e) }
        return (s, e)
    }

    private func startPositions() {
        if positionBuffer == nil {
            positionCapacity = 4 * blockSize
            positionBuffer = .allocate(capacity: positionCapacity)
        }
        positionStartIndex = 0
        positionStart = 0
        positionsTotal = -1
        positionsDecoded = 0
        positionsOffset = posStart(block)
        positionsBlock = block
    }

    /// Decodes the current block's positions at least up to `need` (whole codec blocks).
    @inline(never)
    private func decodePositions(upTo need: Int) throws {
        guard let positionsFile else { return }
        if positionsTotal < 0 {
            // One vectorisable sum (128 frequencies of 32 bits cannot overflow 64).
            let fr = freqs
            var sum: UInt64 = 0
            var i = positionStartIndex
            let n = count
            while i < n { sum &+= UInt64(fr[i]); i += 1 }
            let total = positionStart + Int(sum)
            // Every codec block of positions takes at least a byte: frequencies claiming more positions than
            // the term's remaining bytes could hold are corruption (not a buffer sized by them).
            let bytes = min(info.positionsOffset + info.positionsLength, positionsFile.bodyCount) - positionsOffset
            if total > blockSize * max(bytes, 0) {
                throw IndexError.corrupt(positionsFile.name, "\(total) positions in a block, \(bytes) bytes left")
            }
            positionsTotal = total
        }
        let target = min(positionsTotal, ((need + blockSize - 1) / blockSize) * blockSize)
        if target > positionCapacity {
            let nb = UnsafeMutablePointer<UInt32>.allocate(capacity: max(positionsTotal, 2 * positionCapacity))
            nb.update(from: positionBuffer!, count: positionsDecoded)
            positionBuffer!.deallocate()
            positionBuffer = nb
            positionCapacity = max(positionsTotal, 2 * positionCapacity)
        }
        let enc = encoder, pb = positionBuffer!
        let end = info.positionsOffset + info.positionsLength
        var c = positionsDecoded
        let off = positionsOffset
        let total = positionsTotal
        positionsOffset = try positionsFile.withBody { body in
            var r = ByteReader(body, offset: off, end: end)
            while c < target {
                let n = min(blockSize, total - c)
                try enc.decode(&r, count: n, into: UnsafeMutableBufferPointer(start: pb + c, count: n))
                c += n
            }
            return r.offset
        }
        positionsDecoded = c
    }

    @inline(never)
    private func positionOverflow() -> Error { IndexError.corrupt(positionsFile?.name ?? postings.name, "position overflow") }
}

extension SegmentReader {
    /// A query-side cursor over the term's live postings, or nil if the term is absent.
    public func searchPostings(field: String, term: String) throws -> SearchPostings? {
        guard let f = fieldKey(field), let ti = try terms.lookup(prefix: f.number, term) else { return nil }
        return try searchPostings(f, ti)
    }

    /// A query-side cursor for a term already looked up in this segment (`termInfo(field:term:)`).
    public func searchPostings(field: String, info ti: TermInfo) throws -> SearchPostings? {
        guard let f = fieldKey(field) else { return nil }
        return try searchPostings(f, ti)
    }

    private func searchPostings(_ f: FieldKey, _ ti: TermInfo) throws -> SearchPostings {
        try SearchPostings(info: ti, options: f.options, postings: postingsFile,
                           positions: f.options == .positions ? positionsFile : nil, encoder: encoder,
                           packedBP128: packedBP128, deletions: deletions, hasNorms: f.normed, maxDoc: maxDoc)
    }
}
