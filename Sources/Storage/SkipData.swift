#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-block skip data of a term's postings (index/README.md §5), written before the blocks when a term
/// has more than one block of 128 documents: in memory one `SkipEntry` per block, on disk a `SkipTable`.
///
/// Each entry holds the block's last doc id, the byte lengths of its doc block and positions block, and
/// the block's impact: the largest term frequency and the smallest field length (as a norm byte, which
/// rounds down) among its documents. BM25's term score `idf·tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl))` grows
/// with tf and shrinks with dl, so `score(maxTf, minLength)` bounds every document of the block for any k1,
/// b, avgdl and idf — the block-max upper bound of Ding & Suel, "Faster Top-k Document Retrieval Using
/// Block-Max Indexes" (SIGIR 2011), stored as Lucene stores impacts (competitive freq/norm pairs) rather
/// than as a float, so that it stays valid when merges change the collection statistics.
public struct SkipEntry: Sendable, Hashable {
    public var lastDoc: UInt32
    public var docBytes: Int
    public var positionBytes: Int
    public var maxFreq: UInt32
    /// Norm byte (`NormEncoding`) of the shortest document in the block; 0 for unnormed fields.
    public var minNorm: UInt8

    public init(lastDoc: UInt32, docBytes: Int, positionBytes: Int, maxFreq: UInt32, minNorm: UInt8) {
        self.lastDoc = lastDoc; self.docBytes = docBytes; self.positionBytes = positionBytes
        self.maxFreq = maxFreq; self.minNorm = minNorm
    }

    /// The BM25 upper bound of any document of the block.
    public func maxScore(idf: Double, k1: Double = 1.2, b: Double = 0.75, averageLength: Double) -> Double {
        BM25.score(tf: Double(maxFreq), length: Double(NormEncoding.decode(minNorm)), idf: idf, k1: k1, b: b,
                   averageLength: averageLength)
    }
}

/// The on-disk skip table of a term with K > 1 blocks (index/README.md §5, format version 2): fixed-width
/// little-endian columns, so that a reader finds block k's entry by arithmetic and reads it in place
/// (unaligned loads from the mapped file) instead of parsing K varint entries into a table per opened list:
///
/// ```
/// K × u32 lastDoc     absolute doc id of block k's last document
/// K × u32 docEnd      end of block k's doc block, in bytes from the first doc block (block k starts at
///                     docEnd[k−1], block 0 at 0; the first doc block is the byte right after the table)
/// K × u64 posEnd      fields with positions: end of block k's positions, in bytes from the term's
///                     positions offset
/// K × u32 maxFreq     fields with frequencies: the block's largest frequency
/// K × u8  minNorm     normed fields: the block's smallest norm byte
/// ```
struct SkipTable {
    /// K, the number of blocks.
    let blocks: Int
    let withPositions: Bool
    let withFreqs: Bool
    let withNorms: Bool

    init(blocks: Int, options: IndexOptions, normed: Bool) {
        self.blocks = blocks
        withPositions = options == .positions
        withFreqs = options != .docs
        withNorms = normed
    }

    /// Byte offsets of the columns from the table's start.
    var lastDocColumn: Int { 0 }
    var docEndColumn: Int { 4 * blocks }
    var posEndColumn: Int { 8 * blocks }
    var maxFreqColumn: Int { posEndColumn + (withPositions ? 8 * blocks : 0) }
    var minNormColumn: Int { maxFreqColumn + (withFreqs ? 4 * blocks : 0) }
    /// The table's size in bytes.
    var byteCount: Int { minNormColumn + (withNorms ? blocks : 0) }

    /// The largest doc-block span a table can address (`docEnd` is a u32): a term whose doc blocks take more
    /// bytes cannot be written in this format.
    static let maxDocBytes = Int(UInt32.max)

    /// Appends the table of `entries` (one per block, `blocks` of them, their doc bytes summing to at most
    /// `maxDocBytes`).
    func write(_ entries: [SkipEntry], into w: inout ByteWriter) {
        precondition(entries.count == blocks)
        for e in entries { w.writeUInt32(e.lastDoc) }
        var docEnd = 0
        for e in entries { docEnd += e.docBytes; w.writeUInt32(UInt32(docEnd)) }
        if withPositions {
            var posEnd = 0
            for e in entries { posEnd += e.positionBytes; w.writeUInt64(UInt64(posEnd)) }
        }
        if withFreqs { for e in entries { w.writeUInt32(e.maxFreq) } }
        if withNorms { for e in entries { w.writeUInt8(e.minNorm) } }
    }
}

/// Okapi BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009).
public enum BM25 {
    public static func score(tf: Double, length: Double, idf: Double, k1: Double = 1.2, b: Double = 0.75,
                             averageLength: Double) -> Double {
        let norm = k1 * (1 - b + b * length / max(averageLength, 1e-9))
        return idf * tf * (k1 + 1) / (tf + norm)
    }

    /// Lucene's idf: log(1 + (N − n + 0.5)/(n + 0.5)).
    public static func idf(docFreq: Int, documents: Int) -> Double {
        let n = Double(docFreq), N = Double(documents)
        return log(1 + (N - n + 0.5) / (n + 0.5))   // log(3), C library
    }
}

