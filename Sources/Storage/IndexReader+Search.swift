import Codec

/// The query side's postings cursor (Sources/Search): the same format as `PostingsCursor`
/// (index/README.md §5–6) read into reusable unsafe buffers, with the skip table read in place from the
/// mapped file, and positions appended into the caller's buffer — no allocation per document and no
/// dynamic exclusivity checks in the loops. Deleted documents are skipped when the segment has deletions.
///
/// Validation happens where a value is used, so that opening a list costs a few loads whatever its length:
/// `init` checks the table's extent and its last entry; `load(b)` checks block b's byte range and that its
/// ids increase from `lastDoc(b − 1)` and end at `lastDoc(b)` (below `maxDoc`); positions check their
/// block's byte range when read. A damaged or crafted table that passes the CRC is reported as corruption
/// of the postings file, never read out of bounds.
///
/// A crafted table whose lastDoc column is not increasing cannot make `advance(to:)` go back, loop or read
/// out of bounds. It only moves to a later block: the gallop starts at the current block, which is passed
/// over only when its own lastDoc is below the target, so the first step leaves it. The binary search keeps
/// `lastDoc(hi) ≥ target` (hi starts where the gallop stopped, or at the last block, checked ≥ target), so
/// the block loaded has `lastDoc(b) ≥ target`, and `load` checks that the block ends at `lastDoc(b)`: it
/// holds a document ≥ the target. Its ids are checked to increase from `lastDoc(b − 1)`, and every later
/// block's from its predecessor's lastDoc, which its predecessor was checked to end at. So the documents
/// returned strictly increase and every call ends (block and index only grow, both bounded). What such a
/// table can do is pass over a block it never loads — as any file that passes its CRC may hold wrong
/// postings; a walk with `next()` loads every block and reports the table as corrupt
/// (`SegmentScoring.blockTable` walks each list a word cursor scores).
public final class SearchPostings {
    /// `doc` once exhausted.
    public static let end = Int.max

    public let info: TermInfo
    public let options: IndexOptions
    /// Kept for the cursor's lifetime: the skip table is read in place from its mapping (`bodyBase`).
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
    /// The segment's document count: a loaded doc id at or past it is corruption.
    private let maxDoc: Int

    /// Number of blocks of 128 documents.
    public let blockCount: Int
    /// The term's skip table (`SkipTable`: columns lastDoc u32, docEnd u32, posEnd u64, …), read with
    /// unaligned little-endian loads: in the mapped postings for a term of several blocks; for a single
    /// block, a table of one entry in `state` (its last doc read from the block at creation, its ends the
    /// term's), so that `lastDoc(_:)` is the same one load in both cases.
    private let table: UnsafeRawPointer
    /// Byte offsets of the docEnd and posEnd columns in `table` (`SkipTable`).
    private let docEndColumn: Int
    private let posEndColumn: Int
    /// Body offset of the first doc block (right after the table), and the bytes of doc blocks after it.
    private let docBase: Int
    private let docBytes: Int

    /// Block b's last doc id: one load, no branch (called in the query side's loops).
    @inline(__always) public func lastDoc(_ b: Int) -> Int {
        Int(table.loadUnaligned(fromByteOffset: b &<< 2, as: UInt32.self).littleEndian)
    }
    /// Block b's doc bytes, relative to `docBase`, as stored (checked by `load`).
    @inline(__always) private func docEnd(_ b: Int) -> Int {
        Int(table.loadUnaligned(fromByteOffset: docEndColumn &+ b &<< 2, as: UInt32.self).littleEndian)
    }
    @inline(__always) private func docStart(_ b: Int) -> Int { b == 0 ? 0 : docEnd(b - 1) }
    /// Block b's positions bytes, relative to the term's positions offset, as stored (checked when read).
    @inline(__always) private func posEnd(_ b: Int) -> UInt64 {
        table.loadUnaligned(fromByteOffset: posEndColumn &+ b &<< 3, as: UInt64.self).littleEndian
    }
    @inline(__always) private func posStart(_ b: Int) -> UInt64 { b == 0 ? 0 : posEnd(b - 1) }

    /// Cursor state (doc, block, index in the block, documents in the block, the inlined steps' limit) in
    /// raw memory: computed properties over it have no storage, so no access is ever checked dynamically —
    /// `@exclusivity(unchecked)` stored properties still got `swift_beginAccess` calls once inlined into Search.
    /// Words 5 and 6 are a single-block term's skip table (`table`).
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
    /// End (body offset) of the current block's positions.
    @exclusivity(unchecked) private var positionsEnd = 0
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
        self.packedBP128 = packedBP128; self.maxDoc = maxDoc
        hasPositions = options == .positions && positions != nil
        let blocks = (info.docFreq + blockSize - 1) / blockSize
        if info.postingsOffset < 0 || info.postingsOffset + info.postingsLength > postings.bodyCount || blocks == 0 {
            throw IndexError.corrupt(postings.name, "postings range \(info.postingsOffset)+\(info.postingsLength) past the end")
        }
        blockCount = blocks
        // Two allocations per cursor, as before the skip table moved to the file: state (7 Ints), and the
        // block's doc and frequency buffers (2 × 128 UInt32s = 1 KB). Kept apart, each stays within the sizes
        // glibc's per-thread cache serves (requests up to 1032 bytes): one block of 1 KB plus the state
        // would miss it, and its malloc and free cost ~10× a cached one.
        let st = UnsafeMutablePointer<Int>.allocate(capacity: 7)
        st.initialize(repeating: 0, count: 7)
        st[0] = -1; st[1] = -1; st[2] = -1
        state = st
        docs = .allocate(capacity: 2 * blockSize)
        let skip = SkipTable(blocks: blocks, options: options, normed: hasNorms)
        if blocks > 1 {
            // Table sizes are small multiples of docFreq (< 2³¹): no overflow.
            table = postings.bodyBase + info.postingsOffset
            docEndColumn = skip.docEndColumn; posEndColumn = skip.posEndColumn
            docBase = info.postingsOffset + skip.byteCount
            docBytes = info.postingsLength - skip.byteCount
        } else {
            // One entry: lastDoc (set below, from the block), docEnd = the term's postings, posEnd = its
            // positions (a single block's postings are far below 4 GiB: clamped, never reached).
            table = UnsafeRawPointer(st + 5)
            docEndColumn = 4; posEndColumn = 8
            docBase = info.postingsOffset
            docBytes = info.postingsLength
        }
        // Every stored property is set: a throw from here on runs `deinit`, which frees `state` and `docs`
        // (freeing them here too would be a double free).
        if blocks > 1 {
            // The table's extent and its last entry; the other entries are checked as their blocks load.
            if skip.byteCount > info.postingsLength {
                throw IndexError.corrupt(postings.name, "skip table of \(blocks) blocks (\(skip.byteCount) bytes) larger than the term's \(info.postingsLength) bytes of postings")
            }
            // Every doc id loaded is ≤ its block's lastDoc, checked < maxDoc as the block loads; the last
            // block's, checked here, bounds what `advance` can be asked to reach.
            if lastDoc(blocks - 1) >= maxDoc {
                throw IndexError.corrupt(postings.name, "skip table's last doc \(lastDoc(blocks - 1)) past the segment's \(maxDoc) documents")
            }
            if docEnd(blocks - 1) > docBytes {
                throw IndexError.corrupt(postings.name, "skip table's doc blocks end at \(docEnd(blocks - 1)), past the term's \(docBytes) bytes")
            }
            if options == .positions && posEnd(blocks - 1) > UInt64(max(info.positionsLength, 0)) {
                throw IndexError.corrupt(postings.name, "skip table's positions end at \(posEnd(blocks - 1)), past the term's \(info.positionsLength) bytes")
            }
        } else {
            let docEnd = UInt32(clamping: info.postingsLength), posEnd = UInt64(max(info.positionsLength, 0))
            setSingleEntry(lastDoc: 0, docEnd: docEnd, posEnd: posEnd)
            try load(0, checkLast: false)
            setSingleEntry(lastDoc: docs[count - 1], docEnd: docEnd, posEnd: posEnd)
        }
    }

    /// A single block's skip table entry, in `state[5...6]` as the file would hold it: lastDoc in bytes 0–3,
    /// docEnd in 4–7, posEnd in 8–15, little-endian.
    private func setSingleEntry(lastDoc: UInt32, docEnd: UInt32, posEnd: UInt64) {
        state[5] = Int(truncatingIfNeeded: (UInt64(docEnd) << 32 | UInt64(lastDoc)).littleEndian)
        state[6] = Int(truncatingIfNeeded: posEnd.littleEndian)
    }

    deinit {
        state.deallocate(); docs.deallocate()
        positionBuffer?.deallocate()
    }

    public var docFreq: Int { info.docFreq }

    /// Decodes block b into `docs` and `freqs`, checking its byte range against the term's, that its ids
    /// increase from `lastDoc(b − 1)` (`checkLast`: and end at `lastDoc(b)`), and that they are below `maxDoc`.
    private func load(_ b: Int, checkLast: Bool = true) throws {
        let n = b == blockCount - 1 ? info.docFreq - b * blockSize : blockSize
        let enc = encoder, withFreqs = options != .docs
        let s = docStart(b), e = docEnd(b)
        if s > e || e > docBytes {
            throw IndexError.corrupt(postings.name, "doc block \(b) at bytes \(s)..<\(e) outside the term's \(docBytes)")
        }
        let (start, end) = (docBase + s, docBase + e)
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
        // Increasing: the last bounds them all (the search loops index norms by doc id unchecked).
        if Int(dp[n - 1]) >= maxDoc {
            throw IndexError.corrupt(postings.name, "doc id \(dp[n - 1]) past the segment's \(maxDoc) documents")
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
        if positionsBlock != block { try startPositions() }
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

    /// Starts reading the current block's positions: its byte range from the skip table, checked against
    /// the term's.
    private func startPositions() throws {
        let s = posStart(block), e = posEnd(block)
        if s > e || e > UInt64(max(info.positionsLength, 0)) {
            throw IndexError.corrupt(postings.name, "positions of block \(block) at bytes \(s)..<\(e) outside the term's \(info.positionsLength)")
        }
        if positionBuffer == nil {
            // Two codec blocks (1 KB): within the sizes glibc's per-thread cache serves (up to 1032 bytes),
            // where 2 KB went through the general allocator per list and query; longer blocks grow it.
            positionCapacity = 2 * blockSize
            positionBuffer = .allocate(capacity: positionCapacity)
        }
        positionStartIndex = 0
        positionStart = 0
        positionsTotal = -1
        positionsDecoded = 0
        positionsOffset = info.positionsOffset + Int(s)
        positionsEnd = info.positionsOffset + Int(e)
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
            let bytes = min(positionsEnd, positionsFile.bodyCount) - positionsOffset
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
        let end = positionsEnd
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
