import Codec

/// One block of a term's postings (index/README.md §5): up to 128 doc-id gaps and, for fields with
/// frequencies, their frequencies.
///
/// A full block (128 documents) is two codec blocks: the gaps, then `freq − 1`. A short last block uses
/// Lucene's folding of the frequency into the gap (Lucene50PostingsFormat's vint tail): `gap << 1 | 1` for
/// a frequency of 1, else `gap << 1` followed by the frequency — one byte for the common rare-term posting
/// instead of two. Fields without frequencies write the gaps as one codec block in both cases.
enum PostingsBlock {
    /// Appends the block; returns the bytes spent on doc ids and on frequencies.
    @discardableResult
    static func encode(gaps: UnsafeBufferPointer<UInt32>, freqs: UnsafeBufferPointer<UInt32>?, encoder: any BlockEncoder,
                       into w: inout ByteWriter) -> (docBytes: Int, freqBytes: Int) {
        let start = w.count
        guard let freqs else {
            encoder.encode(gaps, into: &w)
            return (w.count - start, 0)
        }
        if gaps.count == blockSize {
            encoder.encode(gaps, into: &w)
            let mid = w.count
            var f1 = [UInt32](repeating: 0, count: blockSize)
            for i in 0..<blockSize { f1[i] = freqs[i] - 1 }
            f1.withUnsafeBufferPointer { encoder.encode($0, into: &w) }
            return (mid - start, w.count - mid)
        }
        var freqBytes = 0
        for i in 0..<gaps.count {
            let code = UInt64(gaps[i]) << 1
            if freqs[i] == 1 { w.writeVarint(code | 1) } else {
                w.writeVarint(code)
                let before = w.count
                w.writeVarint(UInt64(freqs[i]))
                freqBytes += w.count - before
            }
        }
        return (w.count - start - freqBytes, freqBytes)
    }

    /// Decodes a block of `count` documents written by `encode` into `gaps` and `freqs` (freqs all 1 for
    /// fields without frequencies).
    static func decode(_ r: inout ByteReader, count: Int, withFreqs: Bool, encoder: any BlockEncoder,
                       gaps: UnsafeMutableBufferPointer<UInt32>, freqs: UnsafeMutableBufferPointer<UInt32>) throws {
        if !withFreqs {
            try encoder.decode(&r, count: count, into: gaps)
            for i in 0..<count { freqs[i] = 1 }
            return
        }
        if count == blockSize {
            try encoder.decode(&r, count: count, into: gaps)
            try encoder.decode(&r, count: count, into: freqs)
            // The +1 and its overflow check (a stored `freq − 1` of UInt32.max wraps to 0) in one SIMD pass
            // (Codec.Delta): a max over the block then the +1 in Swift vectorised poorly with SSE2 (no
            // unsigned max) and a fused Swift loop was compiled to a branch per value.
            let wrapped = Delta.incrementReportingWrap(UnsafeMutableBufferPointer(rebasing: freqs[0..<count]))
            if wrapped { throw Truncated(what: "frequency overflow") }
            return
        }
        // Short block. Fast path while 3 bytes remain: a code of one or two bytes and, for frequencies
        // above 1, a one-byte frequency ≥ 2 are read without per-byte bounds checks (gaps below 8192: a
        // short list over tens of thousands of documents). Anything else — longer varints, a frequency
        // that is not a valid one-byte value, the block's last bytes — takes the checked path below, which
        // reports damage as before.
        guard let p = r.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            if count > 0 { throw Truncated(what: "short block past end") }
            return
        }
        if r.offset < 0 { throw Truncated(what: "short block at offset \(r.offset)") }
        var o = r.offset
        // The fast path reads bytes o, o + 1, o + 2 without checks: only while o ≤ end − 3.
        let limit = r.end &- 3
        var i = 0
        while i < count {
            if o <= limit {
                var c = UInt32(p[o])
                var k = 1
                if c >= 0x80 {
                    let c1 = UInt32(p[o &+ 1])
                    if c1 < 0x80 { c = (c & 0x7F) | c1 << 7; k = 2 } else { k = 0 }
                }
                if k > 0 {
                    if c & 1 == 1 {
                        gaps[i] = c >> 1; freqs[i] = 1
                        o &+= k; i &+= 1
                        continue
                    }
                    let f = p[o &+ k]
                    if f < 0x80 && f >= 2 {
                        gaps[i] = c >> 1; freqs[i] = UInt32(f)
                        o &+= k &+ 1; i &+= 1
                        continue
                    }
                }
            }
            r.offset = o
            try decodeShort(&r, gap: &gaps[i], freq: &freqs[i])
            o = r.offset
            i += 1
        }
        r.offset = o
    }

    /// A full block (128 documents with frequencies) of a segment written with `bp128-vertical-v1`, decoded
    /// by the codec directly (no `BlockEncoder` existential, no adapter reader per codec block) and with the
    /// frequencies' +1 folded into their frame of reference — the same values and the same errors as
    /// `decode` with that codec.
    static func decodeFullBP128(_ r: inout ByteReader, gaps: UnsafeMutablePointer<UInt32>,
                                freqs: UnsafeMutablePointer<UInt32>) throws {
        var cr = Codec.ByteReader(UnsafeRawBufferPointer(rebasing: r.bytes[0..<r.end]), readerIndex: r.offset)
        let wrapped: Bool
        do throws(CodecError) {
            _ = try BP128VerticalCodec.decodeFullBlock(from: &cr, adding: 0, into: gaps)
            r.offset = cr.readerIndex
            wrapped = try BP128VerticalCodec.decodeFullBlock(from: &cr, adding: 1, into: freqs)
        } catch {
            throw Truncated(what: "\(BP128VerticalCodec.name) block at byte \(r.offset): \(error)")
        }
        r.offset = cr.readerIndex
        if wrapped { throw Truncated(what: "frequency overflow") }
    }

    /// One document of a short block through the checked reader.
    @inline(never)
    private static func decodeShort(_ r: inout ByteReader, gap: inout UInt32, freq: inout UInt32) throws {
        let code = try r.readVarint()
        if code >> 1 > UInt64(UInt32.max) { throw Truncated(what: "doc gap over 32 bits") }
        gap = UInt32(code >> 1)
        if code & 1 == 1 { freq = 1 } else {
            let f = try r.readVarint()
            if f < 2 || f > UInt64(UInt32.max) { throw Truncated(what: "frequency \(f) in a short block") }
            freq = UInt32(f)
        }
    }
}
