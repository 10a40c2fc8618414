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
    private var docStarts: [Int] = []
    private var posStarts: [Int] = []

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
        var entries: [SkipEntry] = [], ds: [Int] = [], ps: [Int] = []
        try postings.decode(from: info.postingsOffset) { r in
            if blocks > 1 {
                var last: UInt32 = 0
                for _ in 0..<blocks {
                    let d = try r.readVarint()
                    if UInt64(last) + d > UInt64(UInt32.max - 1) { throw Truncated(what: "skip doc id overflow") }
                    last += UInt32(d)
                    let db = try r.readCount(max: info.postingsLength)
                    let pb = options == .positions ? try r.readCount(max: info.positionsLength) : 0
                    let mf = options != .docs ? UInt32(truncatingIfNeeded: try r.readVarint() + 1) : 1
                    let mn = norms != nil ? try r.readUInt8() : 0
                    entries.append(SkipEntry(lastDoc: last, docBytes: db, positionBytes: pb, maxFreq: mf, minNorm: mn))
                }
            }
            var d = r.offset, p = info.positionsOffset
            for e in entries { ds.append(d); ps.append(p); d += e.docBytes; p += e.positionBytes }
            if blocks == 1 { ds.append(d); ps.append(p) }
            if d > info.postingsOffset + info.postingsLength && blocks > 1 {
                throw Truncated(what: "skip data block lengths exceed the term's postings")
            }
        }
        skipEntries = entries; docStarts = ds; posStarts = ps
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
        let end = info.postingsOffset + info.postingsLength
        let enc = encoder, opts = options
        let first = b == 0
        let start = docStarts[b]
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
            // Every codec block takes at least one byte: more positions than that is a damaged count,
            // refused before allocating.
            if total > (info.positionsLength + 1) * blockSize {
                throw IndexError.corrupt(positionsFile.name, "\(total) positions in a block of \(info.positionsLength) bytes")
            }
            var gaps = [UInt32](repeating: 0, count: total)
            let enc = encoder
            let start = posStarts[block], end = info.positionsOffset + info.positionsLength
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
