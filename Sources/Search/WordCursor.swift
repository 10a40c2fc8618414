import Storage

/// A word's cursor over one segment: the union of its terms' postings in the fields it searches
/// (`title.stem`, `title.exact`, `body.stem`, `body.exact`), scored by BM25F (`WordScorer`'s arithmetic,
/// operation for operation, so scores equal the reference scorer's to the last bit), with block-max
/// bounds from each posting list's skip data (index/README.md §5): for a target doc, each list's block
/// holding it contributes `maxFreq · factor(minNorm)`, and the range ends at the earliest of those blocks'
/// last docs. All per-list state lives in raw buffers: the loops do no retain/release, bounds or
/// exclusivity checks.
final class WordCursor: ScoredCursor {
    let scorer: WordScorer
    let seg: SegmentScoring
    private let list: UnmanagedList<SearchPostings>
    private let terms: [(field: String, term: String)]
    private let n: Int
    private let sourceCount: Int
    private let slots: Int
    private let subField: UnsafeMutablePointer<Int>
    private let subSlot: UnsafeMutablePointer<Int>
    private let subMax: UnsafeMutablePointer<Bool>
    private let subDoc: UnsafeMutablePointer<Int>
    private let shallow: UnsafeMutablePointer<Int>
    /// Per sub, blocks at `blockStart[i] ..< blockStart[i + 1]` of `blockLast` / `blockBound`.
    private let blockStart: UnsafeMutablePointer<Int>
    private let blockLast: UnsafeMutablePointer<Int>
    private let blockBound: UnsafeMutablePointer<Double>
    private let acc: UnsafeMutablePointer<Double>
    private let bounds: UnsafeMutablePointer<Double>
    private let weights: UnsafeMutablePointer<Double>
    private let coefficient: Double
    private let k1: Double
    /// Two lists, the title's in slot 0 and the body's in slot 1, of a one-source word.
    private let plainPair: Bool

    /// nil when none of the word's terms occurs in the segment.
    init?(word: WordClause, mode: SearchRequest.Analysis, seg: SegmentScoring, scoring: Scoring) throws {
        scorer = WordScorer(word)
        self.seg = seg
        // Per list: its field (0 title, 1 body), accumulator slot and combine-by-max flag, in one array.
        var cs: [SearchPostings] = [], sub: [(field: Int, slot: Int, max: Bool)] = [], ts: [(field: String, term: String)] = []
        let known = seg.index < word.termInfos.count ? word.termInfos[seg.index] : []
        var k = 0
        for f in word.fields {
            let fi = f == .title ? 0 : 1
            for (si, s) in word.sources.enumerated() {
                let name = Scoring.fieldName(f, s.kind, mode)
                for t in s.terms {
                    defer { k += 1 }
                    let found: SearchPostings?
                    if k < known.count {
                        guard let ti = known[k] else { continue }
                        found = try seg.segment.searchPostings(field: name, info: ti, norms: seg.norms[fi])
                    } else {
                        found = try seg.segment.searchPostings(field: name, term: t, norms: seg.norms[fi])
                    }
                    guard let c = found else { continue }
                    cs.append(c); sub.append((fi, scorer.slot(field: fi, source: si), s.combineMax))
                    ts.append((name, t))
                }
            }
        }
        if cs.isEmpty { return nil }
        n = cs.count
        list = UnmanagedList(cs)
        terms = ts
        sourceCount = scorer.sourceCount
        slots = scorer.slots
        // Three allocations per cursor (Int columns, Double columns, flags) instead of one per column.
        let totalBlocks = cs.reduce(0) { $0 + $1.blockCount }
        let ints = UnsafeMutablePointer<Int>.allocate(capacity: 5 * n + 1 + max(totalBlocks, 1))
        subField = ints; subSlot = ints + n; subDoc = ints + 2 * n; shallow = ints + 3 * n
        blockStart = ints + 4 * n; blockLast = ints + 5 * n + 1
        let doubles = UnsafeMutablePointer<Double>.allocate(capacity: max(totalBlocks, 1) + 2 * slots + sourceCount)
        blockBound = doubles; acc = doubles + max(totalBlocks, 1); bounds = acc + slots; weights = bounds + slots
        subMax = .allocate(capacity: n)
        for k in 0..<sourceCount { weights[k] = scorer.weights[k] }
        coefficient = scorer.coefficient
        k1 = scoring.params.k1
        // The slots' global bounds, gathered in the block-max scratch (`bounds`, unused until the first query).
        let slotBounds = bounds
        for j in 0..<slots { slotBounds[j] = 0 }
        var b0 = 0
        for i in 0..<n {
            let (fi, si, mi) = sub[i]
            subField[i] = fi; subSlot[i] = si; subMax[i] = mi; subDoc[i] = -1; shallow[i] = 0
            blockStart[i] = b0
            let c = cs[i]
            let tight = try seg.blockMaxima(field: fi, name: ts[i].field, postings: c)
            var m = 0.0
            for b in 0..<c.blockCount {
                let v = tight[b]
                blockLast[b0 + b] = c.lastDoc(b); blockBound[b0 + b] = v
                m = max(m, v)
            }
            b0 += c.blockCount
            if mi { slotBounds[si] = max(slotBounds[si], m) } else { slotBounds[si] += m }
        }
        blockStart[n] = b0
        plainPair = n == 2 && sourceCount == 1 && sub[0].slot == 0 && sub[1].slot == 1
        super.init()
        maxScore = scorer.bound(slotBounds, scoring: scoring)
        cost = cs.reduce(0) { $0 + $1.docFreq }
    }

    deinit {
        list.release()
        subField.deallocate(); blockBound.deallocate(); subMax.deallocate()
    }

    @inline(__always) private func settle() {
        var m = ScoredCursor.end
        for i in 0..<n where subDoc[i] < m { m = subDoc[i] }
        doc = m
    }

    override func next() throws {
        let d = doc
        if n == 2 {
            // A plain word (its title and body lists): both lists without the loops.
            var d0 = subDoc[0], d1 = subDoc[1]
            if d0 == d || d == -1 { d0 = try list.with(0) { c in try c.next(); return c.doc }; subDoc[0] = d0 }
            if d1 == d || d == -1 { d1 = try list.with(1) { c in try c.next(); return c.doc }; subDoc[1] = d1 }
            doc = d0 < d1 ? d0 : d1
            return
        }
        for i in 0..<n where subDoc[i] == d || d == -1 {
            subDoc[i] = try list.with(i) { c in try c.next(); return c.doc }
        }
        settle()
    }

    override func advance(to target: Int) throws {
        if doc >= target { return }
        if n == 2 {
            var d0 = subDoc[0], d1 = subDoc[1]
            if d0 < target { d0 = try list.with(0) { c in try c.advance(to: target); return c.doc }; subDoc[0] = d0 }
            if d1 < target { d1 = try list.with(1) { c in try c.advance(to: target); return c.doc }; subDoc[1] = d1 }
            doc = d0 < d1 ? d0 : d1
            return
        }
        for i in 0..<n where subDoc[i] < target {
            subDoc[i] = try list.with(i) { c in try c.advance(to: target); return c.doc }
        }
        settle()
    }

    override func score() throws -> Double {
        let d = doc
        if plainPair {
            // Title list (slot 0) and body list (slot 1), one term each: the general path's operations
            // (a slot's accumulator is 0 or the list's frequency, max or sum alike).
            let w = weights[0]
            var s = 0.0
            if subDoc[0] == d {
                var fs = 0.0
                fs += w * Double(list.with(0) { $0.freq })
                if fs > 0 { s += seg.titleFactor[Int(seg.titleNorms[d])] * fs }
            }
            if subDoc[1] == d {
                var fs = 0.0
                fs += w * Double(list.with(1) { $0.freq })
                if fs > 0 { s += seg.bodyFactor[Int(seg.bodyNorms[d])] * fs }
            }
            return coefficient * (s * (k1 + 1) / (k1 + s))
        }
        if sourceCount == 1 {
            // One source (plain words; prefix expansions): the two slots in registers, same operations.
            var a0 = 0.0, a1 = 0.0
            for i in 0..<n where subDoc[i] == d {
                let tf = Double(list.with(i) { $0.freq })
                if subSlot[i] == 0 {
                    if subMax[i] { if tf > a0 { a0 = tf } } else { a0 += tf }
                } else {
                    if subMax[i] { if tf > a1 { a1 = tf } } else { a1 += tf }
                }
            }
            let w = weights[0]
            var s = 0.0
            var fs = 0.0
            fs += w * a0
            if fs > 0 { s += seg.titleFactor[Int(seg.titleNorms[d])] * fs }
            fs = 0.0
            fs += w * a1
            if fs > 0 { s += seg.bodyFactor[Int(seg.bodyNorms[d])] * fs }
            return coefficient * (s * (k1 + 1) / (k1 + s))
        }
        for j in 0..<slots { acc[j] = 0 }
        for i in 0..<n where subDoc[i] == d {
            let tf = Double(list.with(i) { $0.freq })
            let s = subSlot[i]
            if subMax[i] { if tf > acc[s] { acc[s] = tf } } else { acc[s] += tf }
        }
        // WordScorer.score, operation for operation.
        var s = 0.0
        var fs = 0.0
        for k in 0..<sourceCount { fs += weights[k] * acc[k] }
        if fs > 0 { s += seg.titleFactor[Int(seg.titleNorms[d])] * fs }
        fs = 0.0
        for k in 0..<sourceCount { fs += weights[k] * acc[sourceCount + k] }
        if fs > 0 { s += seg.bodyFactor[Int(seg.bodyNorms[d])] * fs }
        return coefficient * (s * (k1 + 1) / (k1 + s))
    }

    /// The cursor's own postings of `term` in index field `field`, if it reads them (a phrase verifies its
    /// positions on the postings its words already stand on, instead of opening and advancing a second
    /// cursor per term).
    func postings(field: String, term: String) -> SearchPostings? {
        for i in 0..<n where terms[i].field == field && terms[i].term == term { return list.objects[i] }
        return nil
    }

    /// Matched (index field name, term, frequency) at the current doc, for match info and explanations.
    func matchedTerms() -> [(field: String, term: String, freq: Int)] {
        (0..<n).filter { subDoc[$0] == doc }.map { i in (terms[i].field, terms[i].term, list.with(i) { $0.freq }) }
    }

    /// The last `blockMax` answer: valid for every target in `cachedFrom...cachedEnd` (each list's block is
    /// the same for all of them).
    @exclusivity(unchecked) private var cachedFrom = Int.max
    @exclusivity(unchecked) private var cachedEnd = -1
    @exclusivity(unchecked) private var cachedBound = 0.0

    override func blockMax(at target: Int) -> (bound: Double, end: Int) {
        if target >= cachedFrom && target <= cachedEnd { return (cachedBound, cachedEnd) }
        let r = computeBlockMax(target)
        cachedFrom = target; cachedEnd = r.end; cachedBound = r.bound
        return r
    }

    private func computeBlockMax(_ target: Int) -> (bound: Double, end: Int) {
        for j in 0..<slots { bounds[j] = 0 }
        var end = Cursor.endDoc
        @inline(__always) func add(_ i: Int) {
            let lo = blockStart[i], hi = blockStart[i + 1]
            var b = lo + shallow[i]
            while b > lo && blockLast[b - 1] >= target { b -= 1 }
            while b < hi && blockLast[b] < target { b += 1 }
            shallow[i] = b - lo
            if b >= hi { return }
            let last = blockLast[b]
            if last < end { end = last }
            let v = blockBound[b]
            let s = subSlot[i]
            if subMax[i] { if v > bounds[s] { bounds[s] = v } } else { bounds[s] += v }
        }
        // The lists at or behind `target` bound the range by their blocks. A list already standing past
        // the range's end has no posting in it and adds nothing: a word's title postings are few, and their
        // wide block bound would otherwise cover every body block, so that block-max skipping rarely fired.
        // (Lists are never cut short here: the range is the one the blocks give, as without this.)
        for i in 0..<n where subDoc[i] <= target { add(i) }
        for i in 0..<n where subDoc[i] > target {
            let sd = subDoc[i]
            if sd == ScoredCursor.end || sd > end { continue }
            add(i)
        }
        var s = 0.0
        for f in 0..<2 {
            for k in 0..<sourceCount { s += weights[k] * bounds[f * sourceCount + k] }
        }
        return (coefficient * (s * (k1 + 1) / (k1 + s)) * (1 + 1e-12), end)
    }
}
