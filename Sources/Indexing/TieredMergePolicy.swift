#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chooses merges so that the segment count stays logarithmic in the index size: Lucene's
/// `TieredMergePolicy` (M. McCandless, LUCENE-854 / Lucene 3.2), simplified to what a single-writer index
/// needs.
///
/// Segments smaller than `floorBytes` count as `floorBytes`. The allowed segment count is computed tier by
/// tier: `segmentsPerTier` segments of the floor size, then `segmentsPerTier` of `mergeFactor`× that, and so
/// on. While there are more segments than allowed, the policy picks, among runs of up to `mergeFactor`
/// segments adjacent in size order, the run with the lowest score `skew · total^0.05 · liveRatio²`
/// (skew = largest/total: merging equal sizes is cheapest per byte; deletions make a merge more worthwhile),
/// never producing a segment over `maxMergedBytes`. A segment with more than `deletesPercentAllowed` %
/// deleted documents is rewritten on its own.
public struct TieredMergePolicy: Sendable {
    public var segmentsPerTier = 10
    public var mergeFactor = 10
    public var floorBytes = 2 << 20
    public var maxMergedBytes = 5 << 30
    public var deletesPercentAllowed = 33

    public init(segmentsPerTier: Int = 10, mergeFactor: Int = 10, floorBytes: Int = 2 << 20) {
        self.segmentsPerTier = segmentsPerTier; self.mergeFactor = mergeFactor; self.floorBytes = floorBytes
    }

    public struct Candidate: Sendable, Hashable {
        public var name: String
        public var bytes: Int
        public var maxDoc: Int
        public var deleted: Int
        public init(name: String, bytes: Int, maxDoc: Int, deleted: Int) {
            self.name = name; self.bytes = bytes; self.maxDoc = maxDoc; self.deleted = deleted
        }
        /// Bytes scaled by the live fraction.
        var liveBytes: Int { maxDoc == 0 ? 0 : Int(Double(bytes) * Double(maxDoc - deleted) / Double(maxDoc)) }
    }

    /// The merges to do now (each a list of segment names), possibly none.
    public func findMerges(_ segments: [Candidate]) -> [[String]] {
        var merges: [[String]] = []
        var eligible = segments.filter { $0.maxDoc > $0.deleted }.sorted { $0.liveBytes > $1.liveBytes }
        // Fully deleted segments are dropped by rewriting nothing: merge them alone (the merger drops them).
        for s in segments where s.maxDoc == s.deleted { merges.append([s.name]) }
        let floored = { (c: Candidate) in max(c.liveBytes, floorBytes) }
        while true {
            let total = eligible.reduce(0) { $0 + floored($1) }
            var allowed = 0.0, level = Double(floorBytes), remaining = Double(total)
            while true {
                let count = remaining / level
                if count < Double(segmentsPerTier) { allowed += count.rounded(.up); break }
                allowed += Double(segmentsPerTier)
                remaining -= Double(segmentsPerTier) * level
                level *= Double(mergeFactor)
            }
            if Double(eligible.count) <= max(allowed, 1) { break }
            var best: (score: Double, range: [Int])? = nil
            for start in 0..<eligible.count {
                var run: [Int] = [], bytes = 0
                for i in start..<eligible.count where run.count < mergeFactor {
                    if bytes + eligible[i].liveBytes > maxMergedBytes { continue }
                    run.append(i); bytes += eligible[i].liveBytes
                }
                if run.count < 2 { continue }
                let flooredTotal = run.reduce(0) { $0 + floored(eligible[$1]) }
                let skew = Double(floored(eligible[run[0]])) / Double(flooredTotal)
                let docs = run.reduce(0) { $0 + eligible[$1].maxDoc }, live = run.reduce(0) { $0 + eligible[$1].maxDoc - eligible[$1].deleted }
                let liveRatio = docs == 0 ? 1 : Double(live) / Double(docs)
                let score = skew * pow(Double(max(bytes, 1)), 0.05) * liveRatio * liveRatio
                if best == nil || score < best!.score { best = (score, run) }
            }
            guard let chosen = best else { break }
            merges.append(chosen.range.map { eligible[$0].name })
            let set = Set(chosen.range)
            eligible = eligible.enumerated().filter { !set.contains($0.offset) }.map(\.element)
        }
        // Reclaim deletions: a segment with too many deleted documents, not already being merged.
        let merging = Set(merges.flatMap { $0 })
        for s in segments where !merging.contains(s.name) && s.maxDoc > s.deleted && s.deleted * 100 > s.maxDoc * deletesPercentAllowed {
            merges.append([s.name])
        }
        return merges
    }
}
