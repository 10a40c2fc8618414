/// A cursor over one term's postings in one segment (PISA's cursor contract: `doc`, `next()`,
/// `advance(to:)` = next_geq, block-max data), decoding one block of 128 at a time from the mapped file.
/// Deleted documents are skipped when a deletion bitmap is given.
public final class PostingsCursor {
    /// `doc` after the last posting.
    public static let terminated = UInt32.max

    public let info: TermInfo
    public let options: IndexOptions
    private let postings: FileBytes
    private let positionsFile: FileBytes?
    private let encoder: any BlockEncoder
    private let deletions: DeletionBitmap?
    private let norms: NormSlot?
    /// The segment's document count: a doc id at or past it is corruption (callers index per-document
    /// tables by doc id).
    private let maxDoc: Int

    /// Skip entries (computed from the block itself for single-block terms once it is decoded).
    public private(set) var skipEntries: [SkipEntry] = []
    /// Per block, the body byte ranges of its doc block and its positions.
    private var docStarts: [Int] = []
    private var docEnds: [Int] = []
    private var posStarts: [Int] = []
    private var posEnds: [Int] = []

    private var block = -1
    private var docs = [UInt32](repeating: 0, count: blockSize)
    private var freqs = [UInt32](repeating: 1, count: blockSize)
    private var inBlock = 0
    private var index = -1
    private var positionsBlock = -1
    private var blockPositions: [UInt32] = []
    private var positionStarts: [Int] = []

    /// The current document, `-1`-like `UInt32.max - 1`… before the first `next()`: use `next()` first.
    public private(set) var doc: UInt32 = 0
    public private(set) var started = false

    init(info: TermInfo, options: IndexOptions, postings: FileBytes, positions: FileBytes?,
         encoder: any BlockEncoder, deletions: DeletionBitmap?, norms: NormSlot?, maxDoc: Int) throws {
        self.info = info; self.options = options; self.postings = postings; self.positionsFile = positions
        self.encoder = encoder; self.deletions = deletions; self.norms = norms; self.maxDoc = maxDoc
        let blocks = (info.docFreq + blockSize - 1) / blockSize
        if info.postingsOffset < 0 || info.postingsOffset + info.postingsLength > postings.bodyCount {
            throw IndexError.corrupt(postings.name, "postings range \(info.postingsOffset)+\(info.postingsLength) past the end")
        }
        var entries: [SkipEntry] = [], ds: [Int] = [], de: [Int] = [], ps: [Int] = [], pe: [Int] = []
        if blocks > 1 {
            // The whole table is materialised, so every entry is checked here: ids increasing and below
            // maxDoc, doc and positions ends non-decreasing within the term's bytes (`SearchPostings` checks
            // the same lazily, block by block).
            let table = SkipTable(blocks: blocks, options: options, normed: norms != nil)
            if table.byteCount > info.postingsLength {
                throw IndexError.corrupt(postings.name, "skip table of \(blocks) blocks (\(table.byteCount) bytes) larger than the term's \(info.postingsLength) bytes of postings")
            }
            let docLimit = info.postingsLength - table.byteCount
            try postings.decode(from: info.postingsOffset) { r in
                let o = info.postingsOffset
                var prevLast: Int64 = -1, prevDoc = 0, prevPos = 0
                for b in 0..<blocks {
                    let last = try r.getUInt32(at: o + table.lastDocColumn + 4 * b)
                    let docEnd = Int(try r.getUInt32(at: o + table.docEndColumn + 4 * b))
                    let posEnd = table.withPositions ? try r.getUInt64(at: o + table.posEndColumn + 8 * b) : 0
                    let mf = table.withFreqs ? try r.getUInt32(at: o + table.maxFreqColumn + 4 * b) : 1
                    let mn = table.withNorms ? try r.getUInt8(at: o + table.minNormColumn + b) : 0
                    if Int64(last) <= prevLast || Int(last) >= maxDoc {
                        throw Truncated(what: "skip table's last doc \(last) of block \(b) not increasing below \(maxDoc)")
                    }
                    if docEnd < prevDoc || docEnd > docLimit {
                        throw Truncated(what: "skip table's doc block \(b) ends at \(docEnd), outside \(prevDoc)...\(docLimit)")
                    }
                    if posEnd < UInt64(prevPos) || posEnd > UInt64(max(info.positionsLength, 0)) {
                        throw Truncated(what: "skip table's positions of block \(b) end at \(posEnd), outside \(prevPos)...\(info.positionsLength)")
                    }
                    entries.append(SkipEntry(lastDoc: last, docBytes: docEnd - prevDoc, positionBytes: Int(posEnd) - prevPos,
                                             maxFreq: mf, minNorm: mn))
                    ds.append(o + table.byteCount + prevDoc); de.append(o + table.byteCount + docEnd)
                    ps.append(info.positionsOffset + prevPos); pe.append(info.positionsOffset + Int(posEnd))
                    prevLast = Int64(last); prevDoc = docEnd; prevPos = Int(posEnd)
                }
            }
        } else if blocks == 1 {
            ds = [info.postingsOffset]; de = [info.postingsOffset + info.postingsLength]
            ps = [info.positionsOffset]; pe = [info.positionsOffset + info.positionsLength]
        }
        skipEntries = entries; docStarts = ds; docEnds = de; posStarts = ps; posEnds = pe
    }

    public var docFreq: Int { info.docFreq }
    public var blockCount: Int { docStarts.count }
    public var currentBlock: Int { block }

    /// Frequency of the term in the current document.
    public var freq: UInt32 { freqs[index] }

    private func load(_ b: Int) throws {
        guard b >= 0 && b < blockCount && info.docFreq > 0 else {
            throw IndexError.corrupt(postings.name, "block \(b) of a term with \(info.docFreq) documents")
        }
        let count = b == blockCount - 1 ? info.docFreq - b * blockSize : blockSize
        let base: UInt32 = b == 0 ? 0 : skipEntries[b - 1].lastDoc
        let enc = encoder, opts = options
        let first = b == 0
        let start = docStarts[b], end = docEnds[b]
        var monotone = true
        try postings.withBody { body in
            var r = ByteReader(body, offset: start, end: end)
            try docs.withUnsafeMutableBufferPointer { d in
                try freqs.withUnsafeMutableBufferPointer { f in
                    try PostingsBlock.decode(&r, count: count, withFreqs: opts != .docs, encoder: enc, gaps: d, freqs: f)
                }
                // Prefix sum of the gaps; every gap after the term's first doc must be ≥ 1 and the sum
                // must stay below `terminated`.
                var sum = UInt64(base)
                for i in 0..<count {
                    let g = UInt64(d[i])
                    if i == 0 && first { sum = g } else {
                        if g == 0 { monotone = false }
                        sum += g
                    }
                    if sum >= UInt64(UInt32.max) { monotone = false; break }
                    d[i] = UInt32(truncatingIfNeeded: sum)
                }
            }
        }
        if !monotone { throw IndexError.corrupt(postings.name, "doc ids not increasing in a block") }
        // Increasing within the block: its last doc bounds them all.
        if Int(docs[count - 1]) >= maxDoc {
            throw IndexError.corrupt(postings.name, "doc id \(docs[count - 1]) past the segment's \(maxDoc) documents")
        }
        block = b; inBlock = count
        if blockCount == 1 && skipEntries.isEmpty {
            var mf: UInt32 = 0, mn: UInt8 = norms == nil ? 0 : 255
            for i in 0..<count {
                mf = max(mf, freqs[i])
                if let norms, Int(docs[i]) < norms.count { mn = min(mn, norms[Int(docs[i])]) }
            }
            skipEntries = [SkipEntry(lastDoc: docs[count - 1], docBytes: 0, positionBytes: info.positionsLength,
                                     maxFreq: mf, minNorm: mn)]
        } else if docs[count - 1] != skipEntries[b].lastDoc {
            throw IndexError.corrupt(postings.name, "block's last doc \(docs[count - 1]) differs from skip data \(skipEntries[b].lastDoc)")
        }
    }

    /// Moves to the next (live) document and returns it, or `terminated`.
    @discardableResult
    public func next() throws -> UInt32 {
        started = true
        while true {
            index += 1
            if block < 0 || index >= inBlock {
                let nb = block + 1
                if nb >= blockCount { doc = Self.terminated; index = inBlock - 1; return doc }
                try load(nb)
                index = 0
            }
            doc = docs[index]
            if let deletions, deletions.isDeleted(Int(doc)) { continue }
            return doc
        }
    }

    /// Moves to the first live document ≥ `target` (skipping whole blocks by their last doc id).
    @discardableResult
    public func advance(to target: UInt32) throws -> UInt32 {
        if started && doc != Self.terminated && doc >= target { return doc }
        if doc == Self.terminated && started { return doc }
        if skipEntries.count == blockCount && blockCount > 1 {
            var b = max(block, 0)
            while b < blockCount && skipEntries[b].lastDoc < target { b += 1 }
            if b >= blockCount { started = true; doc = Self.terminated; return doc }
            if b != block { try load(b); index = -1 }
        }
        while true {
            let d = try next()
            if d == Self.terminated || d >= target { return d }
        }
    }

    /// The block-max impact of the block holding the current document (or the first block before `next()`).
    public func currentSkipEntry() throws -> SkipEntry {
        if blockCount == 0 || info.docFreq == 0 { return SkipEntry(lastDoc: Self.terminated, docBytes: 0, positionBytes: 0, maxFreq: 0, minNorm: 0) }
        if block < 0 { try load(0); index = -1 }
        return skipEntries[block]
    }

    /// Positions of the term in the current document, ascending.
    public func positions() throws -> [UInt32] {
        guard options == .positions, let positionsFile, block >= 0, index >= 0, index < inBlock else { return [] }
        if positionsBlock != block {
            var total = 0
            positionStarts = []
            for i in 0..<inBlock { positionStarts.append(total); total += Int(freqs[i]) }
            // Every codec block takes at least one byte: more positions than the block's bytes in the file
            // could hold is a damaged count (or a damaged positions length), refused before allocating — the
            // bound is what the file holds, not the term's claimed length.
            let enc = encoder
            let start = posStarts[block], end = posEnds[block]
            let bytes = max(min(end, positionsFile.bodyCount) - start, 0)
            if total > bytes * blockSize {
                throw IndexError.corrupt(positionsFile.name, "\(total) positions in a block of \(bytes) bytes")
            }
            var gaps = [UInt32](repeating: 0, count: total)
            try positionsFile.withBody { body in
                var r = ByteReader(body, offset: start, end: end)
                var c = 0
                try gaps.withUnsafeMutableBufferPointer { g in
                    while c < total {
                        let n = min(blockSize, total - c)
                        try enc.decode(&r, count: n, into: UnsafeMutableBufferPointer(rebasing: g[c..<(c + n)]))
                        c += n
                    }
                }
            }
            var k = 0
            for i in 0..<inBlock {
                var p: UInt32 = 0
                for j in 0..<Int(freqs[i]) {
                    let (s, o) = j == 0 ? (gaps[k], false) : p.addingReportingOverflow(gaps[k])
                    if o { throw IndexError.corrupt(positionsFile.name, "position overflow") }
                    p = s; gaps[k] = p; k += 1
                }
            }
            blockPositions = gaps
            positionsBlock = block
        }
        let s = positionStarts[index]
        return Array(blockPositions[s..<(s + Int(freqs[index]))])
    }
}
