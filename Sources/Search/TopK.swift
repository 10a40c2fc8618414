/// The k best (score, global doc) pairs seen so far: a binary min-heap on (score, then larger doc id
/// first), so ties are broken by the smaller doc id winning, whatever the order documents arrive in.
/// `threshold` is the score a new document must beat once the heap is full (−∞ before).
struct TopK {
    let k: Int
    private(set) var heap: [(score: Double, doc: Int)] = []

    init(k: Int) { self.k = max(k, 0); heap.reserveCapacity(self.k) }

    /// Worse-than: the root of the min-heap is the worst entry.
    @inline(__always) private static func worse(_ a: (score: Double, doc: Int), _ b: (score: Double, doc: Int)) -> Bool {
        a.score < b.score || (a.score == b.score && a.doc > b.doc)
    }

    var isFull: Bool { heap.count >= k }
    /// Scores must be strictly above this to enter (ties with a larger doc id cannot enter either, and
    /// documents arrive in increasing doc id).
    var threshold: Double { isFull && k > 0 ? heap[0].score : -Double.infinity }

    /// Would a document with this score and doc id enter?
    @inline(__always) func admits(_ score: Double, _ doc: Int) -> Bool {
        if k == 0 { return false }
        return !isFull || Self.worse(heap[0], (score, doc))
    }

    mutating func insert(_ score: Double, _ doc: Int) {
        guard admits(score, doc) else { return }
        if !isFull {
            heap.append((score, doc))
            heap.withUnsafeMutableBufferPointer { h in
                // Sift up (the root is the worst entry): parents better than the new entry move down a level,
                // a hole moving instead of swaps.
                var i = h.count - 1
                let e = h[i]
                while i > 0 {
                    let p = (i - 1) / 2
                    if Self.worse(e, h[p]) { h[i] = h[p]; i = p } else { break }
                }
                h[i] = e
            }
        } else {
            heap.withUnsafeMutableBufferPointer { h in
                // Replace the root, then sift down (holes moved instead of swaps).
                let e = (score: score, doc: doc)
                let n = h.count
                var i = 0
                while true {
                    let l = 2 * i + 1
                    if l >= n { break }
                    var m = l
                    if l + 1 < n && Self.worse(h[l + 1], h[l]) { m = l + 1 }
                    if Self.worse(h[m], e) { h[i] = h[m]; i = m } else { break }
                }
                h[i] = e
            }
        }
    }

    /// Best first.
    func sorted() -> [(score: Double, doc: Int)] {
        heap.sorted { Self.worse($1, $0) }
    }
}
