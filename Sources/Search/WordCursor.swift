import Storage

/// A word's cursor over one segment: the union of its terms' postings in the fields it searches
/// (`title.stem`, `title.exact`, `body.stem`, `body.exact`), scored by BM25F (`WordScorer`'s arithmetic,
/// operation for operation, so scores equal the reference scorer's to the last bit), with block-max
/// bounds (Ding & Suel 2011) from each posting list's `BlockTable` (`SegmentScoring.blockTable`: per block,
/// its last doc and its largest `tf · factor(norm)`): for a target doc, each list's block holding it
/// contributes its bound, and the range ends at the earliest of those blocks' last docs. All per-list state
/// lives in raw buffers: the loops do no retain/release, bounds or exclusivity checks.
final class WordCursor: ScoredCursor {
    let scorer: WordScorer
    let seg: SegmentScoring
    /// The lists, retained by the cursor (released in `deinit`): read without retain/release in the loops.
    private let list: UnsafeMutablePointer<Unmanaged<SearchPostings>>
    private let n: Int
    private let sourceCount: Int
    private let slots: Int
    /// Per list: its field (0 title, 1 body), accumulator slot, current doc, shallow block cursor, block
    /// count, index of its term in the word's (field, source, term) order, combine-by-max flag, and its
    /// `BlockTable`'s columns (owned by `seg`). One allocation with the accumulators and weights.
    private let subField: UnsafeMutablePointer<Int>
    private let subSlot: UnsafeMutablePointer<Int>
    private let subDoc: UnsafeMutablePointer<Int>
    private let shallow: UnsafeMutablePointer<Int>
    private let subBlocks: UnsafeMutablePointer<Int>
    private let subTerm: UnsafeMutablePointer<Int>
    private let subMax: UnsafeMutablePointer<Bool>
    private let blockLast: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
    private let blockBound: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    private let acc: UnsafeMutablePointer<Double>
    private let bounds: UnsafeMutablePointer<Double>
    private let weights: UnsafeMutablePointer<Double>
    private let coefficient: Double
    private let k1: Double
    private let mode: SearchRequest.Analysis
    /// Two lists, the title's in slot 0 and the body's in slot 1, of a one-source word.
    private let plainPair: Bool
    /// One list of a one-source word (the word occurs in only one of the fields in this segment).
    private let singlePlain: Bool

    /// nil when none of the word's terms occurs in the segment.
    init?(word: WordClause, mode: SearchRequest.Analysis, seg: SegmentScoring, scoring: Scoring) throws {
        scorer = WordScorer(word)
        self.seg = seg
        self.mode = mode
        sourceCount = scorer.sourceCount
        slots = scorer.slots
        // This segment's infos from `Scoring.prepare` (none when the word was not prepared).
        let infos = word.termInfos, known = word.termsPerSegment
        let knownBase = seg.index * known
        let prepared = knownBase + known <= infos.count
        var total = 0
        for s in word.sources { total += s.terms.count }
        total *= word.fields.count
        // One allocation of 8-byte words: seven Int columns (flags as bytes in the last), two pointer
        // columns, the list references, then the Double scratch (accumulators, bounds, weights).
        let cap = max(total, 1)
        let words = 7 * cap + 3 * cap + 2 * slots + sourceCount
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 8 * words, alignment: 8)
        let ints = raw.bindMemory(to: Int.self, capacity: 6 * cap)
        subField = ints; subSlot = ints + cap; subDoc = ints + 2 * cap; shallow = ints + 3 * cap
        subBlocks = ints + 4 * cap; subTerm = ints + 5 * cap
        subMax = (raw + 8 * 6 * cap).bindMemory(to: Bool.self, capacity: cap)
        blockLast = (raw + 8 * 7 * cap).bindMemory(to: UnsafeMutablePointer<Int>.self, capacity: cap)
        blockBound = (raw + 8 * 8 * cap).bindMemory(to: UnsafeMutablePointer<Double>.self, capacity: cap)
        list = (raw + 8 * 9 * cap).bindMemory(to: Unmanaged<SearchPostings>.self, capacity: cap)
        let doubles = (raw + 8 * 10 * cap).bindMemory(to: Double.self, capacity: 2 * slots + sourceCount)
        acc = doubles; bounds = doubles + slots; weights = bounds + slots
        for k in 0..<sourceCount { weights[k] = scorer.sources[k].weight }
        coefficient = scorer.coefficient
        k1 = scoring.params.k1
        // The slots' global bounds, gathered in the block-max scratch (`bounds`, unused until the first query).
        let slotBounds = bounds
        for j in 0..<slots { slotBounds[j] = 0 }
        var count = 0, docs = 0
        var k = 0
        // Sources by index, the segment and the arrays read once: no per-term copies of a source (and the
        // retains of its arrays); a term's text is read only when it was not looked up by `Scoring.prepare`.
        let segment = seg.segment
        let sources = word.sources, fields = word.fields
        do {
            for f in fields {
                let fi = f == .title ? 0 : 1
                for si in 0..<sources.count {
                    let combineMax = sources[si].combineMax
                    let name = Scoring.fieldName(f, sources[si].kind, mode)
                    for j in 0..<sources[si].terms.count {
                        defer { k += 1 }
                        let found: SearchPostings?
                        if prepared && k < known {
                            guard let ti = infos[knownBase + k] else { continue }
                            found = try segment.searchPostings(field: name, info: ti)
                        } else {
                            found = try segment.searchPostings(field: name, term: sources[si].terms[j])
                        }
                        guard let c = found else { continue }
                        let table = try seg.blockTable(field: fi, name: name, postings: c)
                        table.prefetch()
                        let i = count
                        list[i] = Unmanaged.passRetained(c)
                        count += 1
                        let slot = scorer.slot(field: fi, source: si)
                        subField[i] = fi; subSlot[i] = slot; subMax[i] = combineMax; subDoc[i] = -1; shallow[i] = 0
                        subBlocks[i] = table.count; subTerm[i] = k
                        blockLast[i] = table.last; blockBound[i] = table.bound
                        if combineMax { slotBounds[slot] = max(slotBounds[slot], table.max) } else { slotBounds[slot] += table.max }
                        docs += c.docFreq
                    }
                }
            }
        } catch {
            for i in 0..<count { list[i].release() }
            raw.deallocate()
            throw error
        }
        if count == 0 { raw.deallocate(); return nil }
        n = count
        plainPair = n == 2 && sourceCount == 1 && subSlot[0] == 0 && subSlot[1] == 1
        singlePlain = n == 1 && sourceCount == 1
        super.init()
        maxScore = scorer.bound(slotBounds, scoring: scoring)
        cost = docs
    }

    deinit {
        for i in 0..<n { list[i].release() }
        UnsafeMutableRawPointer(subField).deallocate()
    }

    @inline(__always) private func with<R>(_ i: Int, _ body: (SearchPostings) throws -> R) rethrows -> R {
        try list[i]._withUnsafeGuaranteedRef(body)
    }

    /// The (index field name, term) of list `i`, from its position in the word's (field, source, term) order.
    private func fieldAndTerm(_ i: Int) -> (field: String, term: String) {
        var k = subTerm[i]
        let w = scorer.word
        for f in w.fields {
            for s in w.sources {
                if k < s.terms.count { return (Scoring.fieldName(f, s.kind, mode), s.terms[k]) }
                k -= s.terms.count
            }
        }
        return ("", "")
    }

    @inline(__always) private func settle() {
        var m = ScoredCursor.end
        for i in 0..<n where subDoc[i] < m { m = subDoc[i] }
        doc = m
    }

    /// The two-list case inline (a final class: the top-k loops call it directly); the rest out of line.
    // (Not forced inline like `advance` and `score`: forcing it crashes swiftc 6.3's CopyPropagation pass on
    // `BlockMaxWAND<WordCursor>` — "Found ownership error".)
    override func next() throws {
        if n == 2 {
            // A plain word (its title and body lists): both lists without the loops.
            let d = doc
            var d0 = subDoc[0], d1 = subDoc[1]
            if d0 == d || d == -1 { d0 = try with(0) { c in try c.next(); return c.doc }; subDoc[0] = d0 }
            if d1 == d || d == -1 { d1 = try with(1) { c in try c.next(); return c.doc }; subDoc[1] = d1 }
            doc = d0 < d1 ? d0 : d1
            return
        }
        if n == 1 {
            // A word with one list in the segment (only in bodies, or only in titles).
            let d = try with(0) { c in try c.next(); return c.doc }
            subDoc[0] = d; doc = d
            return
        }
        try nextMany()
    }

    @inline(never) private func nextMany() throws {
        let d = doc
        for i in 0..<n where subDoc[i] == d || d == -1 {
            subDoc[i] = try with(i) { c in try c.next(); return c.doc }
        }
        settle()
    }

    @inline(__always) override func advance(to target: Int) throws {
        if doc >= target { return }
        if n == 2 {
            var d0 = subDoc[0], d1 = subDoc[1]
            if d0 < target { d0 = try with(0) { c in try c.advance(to: target); return c.doc }; subDoc[0] = d0 }
            if d1 < target { d1 = try with(1) { c in try c.advance(to: target); return c.doc }; subDoc[1] = d1 }
            doc = d0 < d1 ? d0 : d1
            return
        }
        if n == 1 {
            let d = try with(0) { c in try c.advance(to: target); return c.doc }
            subDoc[0] = d; doc = d
            return
        }
        try advanceMany(target)
    }

    @inline(never) private func advanceMany(_ target: Int) throws {
        for i in 0..<n where subDoc[i] < target {
            subDoc[i] = try with(i) { c in try c.advance(to: target); return c.doc }
        }
        settle()
    }

    @inline(__always) override func score() throws -> Double {
        if plainPair {
            // Title list (slot 0) and body list (slot 1), one term each: the general path's operations
            // (a slot's accumulator is 0 or the list's frequency, max or sum alike).
            let d = doc
            let w = weights[0]
            var s = 0.0
            if subDoc[0] == d {
                var fs = 0.0
                fs += w * Double(with(0) { $0.freq })
                if fs > 0 { s += seg.titleFactor[Int(seg.titleNorms[d])] * fs }
            }
            if subDoc[1] == d {
                var fs = 0.0
                fs += w * Double(with(1) { $0.freq })
                if fs > 0 { s += seg.bodyFactor[Int(seg.bodyNorms[d])] * fs }
            }
            return coefficient * (s * (k1 + 1) / (k1 + s))
        }
        if singlePlain {
            // One list of a one-source word, standing on the doc: the general path's operations for it (the
            // other slot's accumulator is 0 and adds nothing).
            let d = doc
            let w = weights[0]
            var s = 0.0
            var fs = 0.0
            if subDoc[0] == d { fs += w * Double(with(0) { $0.freq }) }
            if fs > 0 {
                s += subField[0] == 0 ? seg.titleFactor[Int(seg.titleNorms[d])] * fs : seg.bodyFactor[Int(seg.bodyNorms[d])] * fs
            }
            return coefficient * (s * (k1 + 1) / (k1 + s))
        }
        return scoreMany()
    }

    /// The partial-score scan of block-max AND (`ScoredCursor.advanceToCompetitive`) for a plain word's
    /// one or two lists: their docs, the norms and factors in locals, `advance` and `score`'s operations
    /// inline, so that a frequent word's postings that cannot lift a candidate above the threshold cost a
    /// few instructions each.
    override func advanceToCompetitive(from target: Int, through end: Int, bound: Double, own: Double,
                                       theta: Double) throws -> (doc: Int, score: Double) {
        if plainPair {
            return try with(0) { title in
                try with(1) { body in
                    let w = weights[0], c = coefficient, k = k1
                    let tn = seg.titleNorms, tf = seg.titleFactor, bn = seg.bodyNorms, bf = seg.bodyFactor
                    var d0 = subDoc[0], d1 = subDoc[1]
                    var t = target
                    defer { subDoc[0] = d0; subDoc[1] = d1; doc = d0 < d1 ? d0 : d1 }
                    while true {
                        if d0 < t { try title.advance(to: t); d0 = title.doc }
                        if d1 < t { try body.advance(to: t); d1 = body.doc }
                        let d = d0 < d1 ? d0 : d1
                        if d > end { return (d, 0) }
                        // `score()`'s plain-pair operations.
                        var s = 0.0
                        if d0 == d {
                            var fs = 0.0
                            fs += w * Double(title.freq)
                            if fs > 0 { s += tf[Int(tn[d])] * fs }
                        }
                        if d1 == d {
                            var fs = 0.0
                            fs += w * Double(body.freq)
                            if fs > 0 { s += bf[Int(bn[d])] * fs }
                        }
                        let sc = c * (s * (k + 1) / (k + s))
                        if !((bound + (sc - own)) * (1 + 1e-9) <= theta) { return (d, sc) }
                        t = d + 1
                    }
                }
            }
        }
        if singlePlain {
            return try with(0) { list in
                let w = weights[0], c = coefficient, k = k1
                let (norms, factor) = subField[0] == 0 ? (seg.titleNorms, seg.titleFactor) : (seg.bodyNorms, seg.bodyFactor)
                var d = subDoc[0]
                var t = target
                defer { subDoc[0] = d; doc = d }
                while true {
                    if d < t { try list.advance(to: t); d = list.doc }
                    if d > end { return (d, 0) }
                    var s = 0.0
                    var fs = 0.0
                    fs += w * Double(list.freq)
                    if fs > 0 { s += factor[Int(norms[d])] * fs }
                    let sc = c * (s * (k + 1) / (k + s))
                    if !((bound + (sc - own)) * (1 + 1e-9) <= theta) { return (d, sc) }
                    t = d + 1
                }
            }
        }
        return try super.advanceToCompetitive(from: target, through: end, bound: bound, own: own, theta: theta)
    }

    /// Windowed MaxScore's step (`ScoredCursor.scoreWindow`) for a plain word's one or two lists: `score()`'s
    /// operations inline, the lists' docs, norms and factors in locals.
    override func scoreWindow(from start: Int, through end: Int, rest: Double, theta: Double,
                              column: UnsafeMutablePointer<Double>,
                              masks: UnsafeMutablePointer<UInt64>, bit: UInt64,
                              seen: UnsafeMutablePointer<UInt64>) throws {
        let c = coefficient, k = k1
        /// Scores the document from its BM25F sum and marks it when it can win — without a branch: whether a
        /// document passes is unpredictable (the column is written either way; only marked slots are read).
        @inline(__always) func mark(_ d: Int, _ s: Double) {
            let sc = c * (s * (k + 1) / (k + s))
            let keep = UInt64(!(sc + rest <= theta) ? 1 : 0)
            let i = d &- start
            column[i] = sc
            masks[i] |= bit & (0 &- keep)
            seen[i &>> 6] |= keep &<< UInt64(truncatingIfNeeded: i & 63)
        }
        /// One list's postings from `first` through `end` (a one-list word, or a pair's body once its title
        /// has nothing left in the window): `score()`'s operations for a doc with that list alone. Returns the
        /// list's doc past `end`.
        @inline(__always) func scoreList(_ list: SearchPostings, from first: Int, _ norms: UnsafeMutablePointer<UInt8>,
                                         _ factor: UnsafeMutablePointer<Double>) throws -> Int {
            let w = weights[0]
            var d = first
            while d <= end {
                var s = 0.0
                var fs = 0.0
                fs += w * Double(list.freq)
                if fs > 0 { s += factor[Int(norms[d])] * fs }
                mark(d, s)
                try list.next(); d = list.doc
            }
            return d
        }
        if plainPair {
            try advance(to: start)
            try with(0) { title in
                try with(1) { body in
                    let w = weights[0]
                    let tn = seg.titleNorms, tf = seg.titleFactor, bn = seg.bodyNorms, bf = seg.bodyFactor
                    var d0 = subDoc[0], d1 = subDoc[1]
                    defer { subDoc[0] = d0; subDoc[1] = d1; doc = d0 < d1 ? d0 : d1 }
                    while true {
                        if d0 > end {
                            // No title posting left in the window (the usual case: titles are short): the
                            // body's postings alone.
                            d1 = try scoreList(body, from: d1, bn, bf)
                            return
                        }
                        let d = d0 < d1 ? d0 : d1
                        if d > end { return }
                        // `score()`'s plain-pair operations.
                        var s = 0.0
                        if d0 == d {
                            var fs = 0.0
                            fs += w * Double(title.freq)
                            if fs > 0 { s += tf[Int(tn[d])] * fs }
                            try title.next(); d0 = title.doc
                        }
                        if d1 == d {
                            var fs = 0.0
                            fs += w * Double(body.freq)
                            if fs > 0 { s += bf[Int(bn[d])] * fs }
                            try body.next(); d1 = body.doc
                        }
                        mark(d, s)
                    }
                }
            }
            return
        }
        if singlePlain {
            try advance(to: start)
            try with(0) { list in
                let (norms, factor) = subField[0] == 0 ? (seg.titleNorms, seg.titleFactor) : (seg.bodyNorms, seg.bodyFactor)
                var d = subDoc[0]
                defer { subDoc[0] = d; doc = d }
                d = try scoreList(list, from: d, norms, factor)
            }
            return
        }
        try super.scoreWindow(from: start, through: end, rest: rest, theta: theta, column: column, masks: masks, bit: bit, seen: seen)
    }

    @inline(never) private func scoreMany() -> Double {
        let d = doc
        if sourceCount == 1 {
            // One source (plain words; prefix expansions): the two slots in registers, same operations.
            var a0 = 0.0, a1 = 0.0
            for i in 0..<n where subDoc[i] == d {
                let tf = Double(with(i) { $0.freq })
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
            let tf = Double(with(i) { $0.freq })
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
        for i in 0..<n {
            let ft = fieldAndTerm(i)
            if ft.field == field && ft.term == term { return list[i].takeUnretainedValue() }
        }
        return nil
    }

    /// Matched (index field name, term, frequency) at the current doc, for match info and explanations.
    func matchedTerms() -> [(field: String, term: String, freq: Int)] {
        (0..<n).filter { subDoc[$0] == doc }.map { i in
            let ft = fieldAndTerm(i)
            return (ft.field, ft.term, with(i) { $0.freq })
        }
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
            let last = blockLast[i], hi = subBlocks[i]
            var b = shallow[i]
            while b > 0 && last[b - 1] >= target { b -= 1 }
            while b < hi && last[b] < target { b += 1 }
            shallow[i] = b
            if b >= hi { return }
            let l = last[b]
            if l < end { end = l }
            let v = blockBound[i][b]
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
