#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-block skip data of a term's postings (index/README.md §5), written before the blocks when a term
/// has more than one block of 128 documents.
///
/// Each entry holds the block's last doc id (delta from the previous block's), the byte lengths of its doc
/// block and positions block, and the block's impact: the largest term frequency and the smallest field
/// length (as a norm byte, which rounds down) among its documents. BM25's term score
/// `idf·tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl))` grows with tf and shrinks with dl, so
/// `score(maxTf, minLength)` bounds every document of the block for any k1, b, avgdl and idf — the
/// block-max upper bound of Ding & Suel, "Faster Top-k Document Retrieval Using Block-Max Indexes"
/// (SIGIR 2011), stored as Lucene stores impacts (competitive freq/norm pairs) rather than as a float, so
/// that it stays valid when merges change the collection statistics.
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

