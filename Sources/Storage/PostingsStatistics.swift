/// Where the bits of a segment's postings go: bytes of doc-id blocks, frequency blocks, skip data and
/// positions, per posting / position (benchmarks and `kerko stats`). Doc and frequency bytes are measured
/// by re-encoding each term's decoded blocks with the segment's codec, exactly as the writer did.
public struct PostingsStatistics: Sendable, Hashable, Codable {
    public var postings = 0
    public var positions = 0
    public var docBytes = 0
    public var freqBytes = 0
    public var skipBytes = 0
    public var positionBytes = 0
    public var termDictionaryBytes = 0

    public init() {}

    public var bitsPerDocID: Double { postings == 0 ? 0 : Double(8 * docBytes) / Double(postings) }
    public var bitsPerFrequency: Double { postings == 0 ? 0 : Double(8 * freqBytes) / Double(postings) }
    public var bitsPerPosition: Double { positions == 0 ? 0 : Double(8 * positionBytes) / Double(positions) }
    public var bitsPerSkipPosting: Double { postings == 0 ? 0 : Double(8 * skipBytes) / Double(postings) }

    public static func + (a: Self, b: Self) -> Self {
        var r = a
        r.postings += b.postings; r.positions += b.positions; r.docBytes += b.docBytes; r.freqBytes += b.freqBytes
        r.skipBytes += b.skipBytes; r.positionBytes += b.positionBytes; r.termDictionaryBytes += b.termDictionaryBytes
        return r
    }
}

extension SegmentReader {
    /// Measures every term's postings (deleted documents included, as stored).
    /// - Complexity: O(postings + positions) decoding and re-encoding.
    public func postingsStatistics() throws -> PostingsStatistics {
        var st = PostingsStatistics()
        st.positionBytes = positionsFile.bodyCount
        st.termDictionaryBytes = terms.file.count
        var total = 0
        try allTerms { field, _, info in
            let c = try cursor(field: field, info: info, includeDeleted: true)
            var docs: [UInt32] = [], freqs: [UInt32] = []
            while try c.next() != PostingsCursor.terminated { docs.append(c.doc); freqs.append(c.freq) }
            var prev: UInt32 = 0
            var w = ByteWriter()
            var b = 0
            while b < docs.count {
                let e = min(docs.count, b + blockSize)
                var gaps = [UInt32]()
                for k in b..<e { gaps.append(k == 0 ? docs[k] : docs[k] - prev); prev = docs[k] }
                let (db, fb) = gaps.withUnsafeBufferPointer { g in
                    freqs[b..<e].withUnsafeBufferPointer { f in
                        PostingsBlock.encode(gaps: g, freqs: field.options == .docs ? nil : f, encoder: encoder, into: &w)
                    }
                }
                st.docBytes += db
                st.freqBytes += fb
                b = e
            }
            st.postings += docs.count
            if field.options == .positions { st.positions += info.totalTermFreq }
            total += info.postingsLength
        }
        st.skipBytes = total - st.docBytes - st.freqBytes
        return st
    }
}
