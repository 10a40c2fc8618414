#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `.tdi` term dictionary: exact, prefix and range look-ups. The sparse index (one entry per block
/// of `termsPerBlock` terms, as the trailer says) is decoded into memory at open; a look-up binary-searches
/// it and scans one block.
public final class TermDictionaryReader: @unchecked Sendable {
    // @unchecked: immutable after init. (Constants, so a look-up reads the arrays without retaining them.)
    public let file: FileBytes
    public let termCount: Int
    /// Terms per block, from the trailer (1…`maxTermsPerBlock`).
    public let termsPerBlock: Int
    private let firstTerms: [[UInt8]]
    private let firstBytes: [UInt8]
    private let firstStarts: [Int]
    /// Each block's first term's first 8 bytes, big-endian, zero-padded: the binary search compares these
    /// integers and calls `memcmp` only when they are equal (`prefix64`).
    private let firstPrefixes: [UInt64]
    private let blockOffsets: [Int]
    private let blockPostings: [Int]
    private let blockPositions: [Int]
    private let indexOffset: Int
    /// Largest postings or positions offset or length accepted from disk (256 TiB): a block's start plus
    /// its (at most 4096) lengths, and a term's offset plus length, stay far below `Int.max`, so a damaged or
    /// crafted file is reported as corrupt instead of trapping on `+`.
    static let maxOffset = 1 << 48
    /// Largest block size accepted from a trailer.
    public static let maxTermsPerBlock = 4096
    /// Trailer bytes: u64 index offset, u64 term count, u32 terms per block.
    static let trailerSize = 20

    public init(file: FileBytes) throws {
        self.file = file
        let n = file.bodyCount
        let trailer = Self.trailerSize
        var (io, tc, bt) = (0, 0, 0)
        try file.decode { r in
            if n < trailer { throw Truncated(what: "term dictionary shorter than its trailer") }
            // `Int(exactly:)`: a damaged or crafted u64 past `Int.max` is corruption, not a conversion trap.
            guard let o = Int(exactly: try r.getUInt64(at: n - trailer)), let c = Int(exactly: try r.getUInt64(at: n - trailer + 8)) else {
                throw Truncated(what: "term dictionary trailer past Int.max")
            }
            io = o; tc = c
            bt = Int(try r.getUInt32(at: n - 4))
            if bt < 1 || bt > Self.maxTermsPerBlock {
                throw Truncated(what: "\(bt) terms per block, not 1…\(Self.maxTermsPerBlock)")
            }
        }
        indexOffset = io
        termCount = tc
        termsPerBlock = bt
        var ft: [[UInt8]] = [], bo: [Int] = [], bp: [Int] = [], bq: [Int] = []
        try file.decode(from: io) { r in
            if io > n - trailer { throw Truncated(what: "index offset \(io) past the end") }
            let blocks = try r.readCount(max: n)
            ft.reserveCapacity(blocks)
            for _ in 0..<blocks {
                let len = try r.readCount(max: r.remaining)
                ft.append(Array(try r.readBytes(len)))
                bo.append(try r.readCount(max: io))
                bp.append(try r.readCount(max: Self.maxOffset))
                bq.append(try r.readCount(max: Self.maxOffset))
            }
            // Blocks are full but the last, which holds 1…bt terms: blocks = ⌈tc / bt⌉ (0 for no terms).
            // (blocks ≤ n and bt ≤ 4096: no overflow.)
            if tc > blocks * bt || tc <= (blocks - 1) * bt && blocks > 0 {
                throw Truncated(what: "term count \(tc) does not match \(blocks) blocks of \(bt)")
            }
        }
        // The counts alone do not pin T and the term count down: 100 terms in blocks of 16 are 7 blocks, and so
        // are blocks of 15 or a count of 97 — read with those, a look-up would miss every 16th term (or the
        // last three) and a scan would give terms another block's offsets, without an error. The last block
        // decides: from its offset to the index it holds term count − (B − 1)·T entries, a different number
        // for any other T (B ≥ 2) or count. Counting them reads one block (at most T entries) at open.
        if let last = bo.last {
            let expected = tc - (bo.count - 1) * bt
            try file.decode(from: last) { r in
                var entries = 0
                while r.offset < io && entries < expected {
                    _ = try r.readVarint()                                  // shared
                    _ = try r.readBytes(try r.readCount(max: r.remaining))  // suffix
                    for _ in 0..<4 { _ = try r.readVarint() }               // docFreq, ttf − docFreq, lengths
                    entries += 1
                }
                if entries != expected || r.offset != io {
                    throw Truncated(what: "last term block: \(entries) entries ending at \(r.offset), not \(expected) (\(tc) terms in blocks of \(bt)) ending at the index at \(io)")
                }
            }
        }
        firstTerms = ft; blockOffsets = bo; blockPostings = bp; blockPositions = bq
        // The blocks' first terms again, contiguous, for the exact look-up's binary search.
        var flat: [UInt8] = [], starts: [Int] = [0]
        for t in ft { flat += t; starts.append(flat.count) }
        firstBytes = flat; firstStarts = starts
        firstPrefixes = ft.map { t in t.withUnsafeBytes { Self.prefix64($0) } }
    }

    /// The last block whose first term is ≤ `term`, or nil when `term` sorts before every term.
    private func block(for term: [UInt8]) -> Int? {
        var lo = 0, hi = firstTerms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if term.lexicographicallyPrecedes(firstTerms[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// Calls `body` for each term of block `b` and the following blocks in order until it returns false.
    /// - Complexity: O(terms visited).
    private func scan(fromBlock b: Int, _ body: ([UInt8], TermInfo) -> Bool) throws {
        guard b < firstTerms.count else { return }
        let total = termCount
        try file.decode(from: blockOffsets[b]) { r in
            var term: [UInt8] = []
            let bt = termsPerBlock
            var ordinal = b * bt
            var postings = 0, positions = 0
            while ordinal < total {
                if ordinal % bt == 0 {
                    let blk = ordinal / bt
                    postings = blockPostings[blk]; positions = blockPositions[blk]
                }
                let shared = try r.readCount(max: term.count)
                let suffix = try r.readCount(max: r.remaining)
                term.removeSubrange(shared...)
                term.append(contentsOf: try r.readBytes(suffix))
                let df = try r.readCount()
                let ttf = df + (try r.readCount(max: Int(Int64.max / 2)))
                let pl = try r.readCount(max: Self.maxOffset)
                let ql = try r.readCount(max: Self.maxOffset)
                let info = TermInfo(docFreq: df, totalTermFreq: ttf, postingsOffset: postings, postingsLength: pl,
                                    positionsOffset: positions, positionsLength: ql)
                postings += pl; positions += ql
                ordinal += 1
                if r.offset > indexOffset { throw Truncated(what: "term block runs into the index") }
                if !body(term, info) { return }
            }
        }
    }

    /// Exact look-up.
    /// - Complexity: O(log(blocks) + termsPerBlock).
    public func lookup(_ term: [UInt8]) throws -> TermInfo? {
        try term.withUnsafeBufferPointer { try lookup(UnsafeRawBufferPointer($0)) }
    }

    /// Exact look-up of `prefix` byte + `term`'s UTF-8 (a field number and a term) without building the key
    /// on the heap (`withKey`).
    public func lookup(prefix: UInt8, _ term: String) throws -> TermInfo? {
        try withKey(prefix, term) { try lookup($0) }
    }

    /// `lookup(prefix:_:)` when `prefetch(prefix:_:)` already found the block (`block`, its result).
    public func lookup(prefix: UInt8, _ term: String, block: Int) throws -> TermInfo? {
        guard block >= 0 && block < blockOffsets.count else { return nil }
        return try withKey(prefix, term) { try scan(block: block, for: $0) }
    }

    /// Starts loading the block an exact look-up of `prefix` byte + `term` scans (`FileBytes.prefetch`), so
    /// that the look-ups of a query's terms, made after all their prefetches, wait for memory about once
    /// rather than once per term. Returns the block for `lookup(prefix:_:block:)` (−1: the key sorts before
    /// every term). Reads only the in-memory sparse index.
    public func prefetch(prefix: UInt8, _ term: String) -> Int {
        withKey(prefix, term) { key in
            guard let b = blockIndex(key) else { return -1 }
            let start = blockOffsets[b]
            let end = b + 1 < blockOffsets.count ? blockOffsets[b + 1] : indexOffset
            file.prefetch(start, length: end - start, maxLines: 6)
            return b
        }
    }

    /// Calls `body` with the key `prefix` byte + `term`'s UTF-8: up to 32 bytes (nearly all) in a stack
    /// buffer, longer ones in a temporary allocation; the term's bytes are borrowed in place (no copy of the
    /// string).
    @inline(__always) private func withKey<R>(_ prefix: UInt8, _ term: String,
                                              _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let borrowed = try term.utf8.withContiguousStorageIfAvailable { try withKey(prefix, UnsafeRawBufferPointer($0), body) }
        if let r = borrowed { return r }
        var t = term
        return try t.withUTF8 { try withKey(prefix, UnsafeRawBufferPointer($0), body) }
    }

    @inline(__always) private func withKey<R>(_ prefix: UInt8, _ u: UnsafeRawBufferPointer,
                                              _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        @inline(__always) func fill(_ key: UnsafeMutableRawBufferPointer) {
            key[0] = prefix
            if u.count > 0 { (key.baseAddress! + 1).copyMemory(from: u.baseAddress!, byteCount: u.count) }
        }
        if u.count < 32 {
            var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            return try withUnsafeMutableBytes(of: &buffer) { key in
                fill(key)
                return try body(UnsafeRawBufferPointer(rebasing: key[0..<u.count + 1]))
            }
        }
        return try withUnsafeTemporaryAllocation(byteCount: u.count + 1, alignment: 1) { key in
            fill(key)
            return try body(UnsafeRawBufferPointer(key))
        }
    }

    /// The first 8 bytes of `k` as a big-endian integer, zero-padded. For two keys whose values differ, the
    /// integers' order is the keys' byte order (a shorter key pads with zeros, and sorts first as a prefix
    /// does); equal values say nothing (a real zero byte and padding look alike), so those are compared in
    /// full.
    @inline(__always) static func prefix64(_ k: UnsafeRawBufferPointer) -> UInt64 {
        var v: UInt64 = 0
        let n = min(k.count, 8)
        for i in 0..<8 { v = v << 8 | (i < n ? UInt64(k[i]) : 0) }
        return v
    }

    /// Byte order of `a` and `b`: negative, zero or positive (memcmp, then length).
    @inline(__always) private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    /// `q` sorts before block `b`'s first term (the binary search's comparison when their 8-byte prefixes
    /// are equal).
    @inline(never) private func precedesFirstTerm(_ q: UnsafeRawBufferPointer, of b: Int) -> Bool {
        firstBytes.withUnsafeBytes { fb in
            Self.compare(q, UnsafeRawBufferPointer(rebasing: fb[firstStarts[b]..<firstStarts[b + 1]])) < 0
        }
    }

    /// The exact look-up's scan, on raw bytes: the block is found by binary search over the block's first
    /// terms, then its entries are walked tracking only the length of the prefix the current term shares
    /// with `q` (a front-coded entry that keeps fewer bytes than that prefix sorts after `q`; one that keeps
    /// more sorts before, like the previous term) — no term is rebuilt.
    private func lookup(_ q: UnsafeRawBufferPointer) throws -> TermInfo? {
        guard let b = blockIndex(q) else { return nil }
        return try scan(block: b, for: q)
    }

    /// Block `b`'s entry for `q`, if it holds one.
    private func scan(block b: Int, for q: UnsafeRawBufferPointer) throws -> TermInfo? {
        let first = b * termsPerBlock
        let last = min(termCount, first + termsPerBlock)
        return try file.withBody { body in
            guard let base = body.baseAddress else { return nil }
            return try Self.scanBlock(base.assumingMemoryBound(to: UInt8.self), end: body.count, limit: indexOffset,
                                      from: blockOffsets[b], entries: last - first, q: q,
                                      postings: blockPostings[b], positions: blockPositions[b])
        }
    }

    /// The block an exact look-up of `q` scans (the last whose first term is ≤ `q`), by binary search over
    /// the blocks' first terms; nil when `q` sorts before every term.
    @inline(__always) private func blockIndex(_ q: UnsafeRawBufferPointer) -> Int? {
        var lo = 0, hi = firstPrefixes.count
        let qp = Self.prefix64(q)
        while lo < hi {
            let mid = (lo + hi) / 2
            let p = firstPrefixes[mid]
            let less = qp != p ? qp < p : precedesFirstTerm(q, of: mid)
            if less { hi = mid } else { lo = mid + 1 }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// Walks up to `entries` front-coded entries from `start` for `q` (see `lookup(_:)`). Raw reads: every
    /// byte read is checked against the body's `end` (`Truncated`, reported as corruption), the checks of
    /// `ByteReader` on fewer instructions; while a part of an entry fits before `limit` (the sparse index,
    /// which starts before the body's end) even at its worst case (10 bytes per varint), it is read without
    /// per-byte checks — the same values and the same errors, as none of the skipped checks can fire. The
    /// frequencies of the terms passed over are skipped, not decoded (only the match's are read, with their
    /// limits): a damaged frequency of another term of the block is not noticed here (the file's checksum,
    /// verified at open, covers it; offsets and lengths, which locate the match's postings, are still
    /// checked).
    private static func scanBlock(_ base: UnsafePointer<UInt8>, end: Int, limit: Int, from start: Int, entries: Int,
                                  q: UnsafeRawBufferPointer, postings p0: Int, positions q0: Int) throws -> TermInfo? {
        var r = EntryReader(base: base, end: end, o: start)
        var postings = p0, positions = q0
        var matched = 0      // bytes the current term shares with q
        var termLength = 0
        for _ in 0..<entries {
            // Shared and suffix lengths. (Suffix's limit is the bytes left after the shared length, as read.)
            let shared: Int, suffix: Int
            if limit &- r.o >= 20 {
                shared = try r.rawVarint(max: termLength)
                suffix = try r.rawVarint(max: end &- r.o)
            } else {
                shared = try r.varint(max: termLength)
                suffix = try r.varint(max: end - r.o)
            }
            if suffix > end &- r.o { throw Truncated(what: "read of \(suffix) bytes at \(r.o) past end \(end)") }
            let bytes = base + r.o
            r.o &+= suffix
            let freqs = r.o
            // Frequencies (skipped), postings and positions lengths: after these, the entry ends within the
            // block area (before the index).
            let pl: Int, ql: Int
            if limit &- r.o >= 40 {
                try r.rawSkip(); try r.rawSkip()
                pl = try r.rawVarint(max: Self.maxOffset)
                ql = try r.rawVarint(max: Self.maxOffset)
            } else {
                try r.skip(); try r.skip()
                pl = try r.varint(max: Self.maxOffset)
                ql = try r.varint(max: Self.maxOffset)
                if r.o > limit { throw Truncated(what: "term block runs into the index") }
            }
            termLength = shared &+ suffix
            if shared < matched { return nil }   // diverges earlier than the previous term, upwards
            if shared == matched {
                // Compare the suffix with q from `matched` on.
                var m = matched, i = 0
                while i < suffix && m < q.count && bytes[i] == q[m] { i += 1; m += 1 }
                if i == suffix && m == q.count {
                    var f = ByteReader(UnsafeRawBufferPointer(start: base, count: end), offset: freqs)
                    let df = try f.readCount()
                    let ttf = df + (try f.readCount(max: Int(Int64.max / 2)))
                    return TermInfo(docFreq: df, totalTermFreq: ttf, postingsOffset: postings, postingsLength: pl,
                                    positionsOffset: positions, positionsLength: ql)
                }
                if i < suffix && (m == q.count || bytes[i] > q[m]) { return nil }   // sorts after q
                matched = m
            }
            // At most 4096 lengths of at most 2⁴⁸ each after a start of at most 2⁴⁸: no overflow.
            postings &+= pl; positions &+= ql
        }
        return nil
    }

    /// Terms `t` with `lower ≤ t` in byte order, ascending, while `body` returns true (range and prefix
    /// look-ups stop the walk themselves).
    public func terms(from lower: [UInt8], _ body: ([UInt8], TermInfo) -> Bool) throws {
        let b = block(for: lower) ?? 0
        try scan(fromBlock: b) { t, info in
            if t.lexicographicallyPrecedes(lower) { return true }
            return body(t, info)
        }
    }

    /// Terms starting with `prefix`, ascending.
    public func terms(prefix: [UInt8], _ body: ([UInt8], TermInfo) -> Bool) throws {
        try terms(from: prefix) { t, info in
            guard t.starts(with: prefix) else { return false }
            return body(t, info)
        }
    }

    /// Every term, ascending.
    public func allTerms(_ body: ([UInt8], TermInfo) -> Bool) throws { try scan(fromBlock: 0, body) }
}

/// The exact look-up's reads of one term block (`TermDictionaryReader.scanBlock`): a struct, not local
/// functions capturing the offset, so the offset stays in a register (a captured variable was spilled after
/// every read and checked for exclusive access dynamically).
private struct EntryReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var o: Int

    /// A varint at most `limit`, bounds-checked byte by byte.
    @inline(__always) mutating func varint(max limit: Int) throws -> Int {
        if o < end {
            let b0 = base[o]
            if b0 < 0x80 {
                o += 1
                if Int(b0) > limit { throw Truncated(what: "count \(b0) over \(limit)") }
                return Int(b0)
            }
        }
        var r = ByteReader(UnsafeRawBufferPointer(start: base, count: end), offset: o)
        defer { o = r.offset }
        return try r.readCount(max: limit)
    }

    /// Passes over a varint, bounds-checked byte by byte.
    @inline(__always) mutating func skip() throws {
        var n = 0
        while true {
            if o >= end { throw Truncated(what: "varint past end") }
            let b = base[o]
            o += 1
            if b < 0x80 { return }
            n += 1
            if n >= 10 { throw Truncated(what: "varint longer than 10 bytes") }
        }
    }

    /// `varint(max:)` where the caller has checked that 10 bytes remain.
    @inline(__always) mutating func rawVarint(max limit: Int) throws -> Int {
        var b = UInt64(base[o]); o &+= 1
        var v = b
        if b >= 0x80 {
            v &= 0x7F
            var shift: UInt64 = 7
            while true {
                b = UInt64(base[o]); o &+= 1
                v |= (b & 0x7F) &<< shift
                if b < 0x80 { break }
                shift &+= 7
                if shift > 63 { throw Truncated(what: "varint longer than 10 bytes") }
            }
        }
        if v > UInt64(limit) { throw Truncated(what: "count \(v) over \(limit)") }
        return Int(v)
    }

    /// `skip()` where the caller has checked that 10 bytes remain.
    @inline(__always) mutating func rawSkip() throws {
        var n = 0
        while base[o] >= 0x80 {
            o &+= 1; n &+= 1
            if n >= 10 { throw Truncated(what: "varint longer than 10 bytes") }
        }
        o &+= 1
    }
}
