/// MaxScore (Turtle & Flood, "Query evaluation: strategies and optimizations", IP&M 1995), document at a
/// time as in PISA's `maxscore_query`: clauses sorted by their score bound; the longest prefix whose
/// summed bounds cannot beat the threshold is *non-essential* — candidates come only from the essential
/// clauses, and non-essential clauses are probed (next ≥ d) only while the candidate can still win.
enum MaxScore {
    /// Adds the disjunction's top documents of one segment to `top` (global id = `base` + local).
    static func run<C: ScoredCursor>(_ cursors: [C], admission: Admission, base: Int, top: inout TopK) throws {
        let n = cursors.count
        if n == 0 || top.k == 0 { return }
        let order = cursors.indices.sorted { cursors[$0].maxScore < cursors[$1].maxScore }
        let cs = UnmanagedList(order.map { cursors[$0] })
        // One allocation for the four columns (8-byte words each).
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 32 * n, alignment: 8)
        let upper = raw.bindMemory(to: Double.self, capacity: n)                        // Σ bounds of cs[0...i]
        let docs = (raw + 8 * n).bindMemory(to: Int.self, capacity: n)
        let scores = (raw + 16 * n).bindMemory(to: Double.self, capacity: n)            // by original clause index
        let orig = (raw + 24 * n).bindMemory(to: Int.self, capacity: n)
        defer { cs.release(); raw.deallocate() }
        var acc = 0.0
        for i in 0..<n {
            acc += cursors[order[i]].maxScore; upper[i] = acc
            orig[i] = order[i]; scores[i] = 0
            docs[i] = try cs.with(i) { c in try c.next(); return c.doc }
        }
        let wide = n > 64
        // No filter and no exclusion (the usual disjunction): every candidate is admitted without a call.
        let everyDoc = admission.accept == nil && admission.excluded.isEmpty
        var firstEssential = 0
        var theta = top.threshold
        while firstEssential < n && upper[firstEssential] <= theta { firstEssential += 1 }
        // The next candidate: the smallest doc of the essential clauses (kept up to date by the scoring
        // pass, which moves them, instead of a separate pass per candidate).
        var cur = Self.smallest(docs, from: firstEssential, to: n)
        while firstEssential < n {
            if n == 1 { cs.with(0) { $0.minCompetitive = theta } }
            if cur == ScoredCursor.end { break }
            if theta > -Double.infinity {
                // Block-max MaxScore with range skipping (Chakrabarti, Chaudhuri & Ganti, "Interval-based
                // pruning for top-k processing over compressed lists", ICDE 2011; Mallia, Ottaviano, Porciani,
                // Tonellotto & Venturini, "Faster BlockMax WAND with variable-sized blocks", SIGIR 2017, and
                // the experimental study of ECIR 2019): bound the whole range `cur...end`, not only `cur` —
                // the non-essential clauses by their global bounds, each essential clause on `cur` by its
                // block bound (shallow, cached per block; the range ends at the earliest of those blocks'
                // ends), each other essential clause whose next doc lies in the range by the block bound
                // there, or, when that bound would make the range competitive, by cutting the range just
                // before its next doc. A range that cannot beat the threshold is skipped in one move. (The
                // non-essential clauses' block bounds instead of their global ones pruned 2% more candidates
                // on the peers' queries and cost more than they saved.)
                var bound = firstEssential > 0 ? upper[firstEssential - 1] : 0.0
                var end = Cursor.endDoc
                for i in firstEssential..<n where docs[i] == cur {
                    let b = cs.with(i) { $0.blockMax(at: cur) }
                    bound += b.bound
                    if b.end < end { end = b.end }
                }
                if bound <= theta {
                    for i in firstEssential..<n where docs[i] != cur && docs[i] <= end {
                        let d = docs[i]
                        let b = cs.with(i) { $0.blockMax(at: d) }
                        if bound + b.bound <= theta {
                            bound += b.bound
                            if b.end < end { end = b.end }
                        } else {
                            end = d - 1
                        }
                    }
                    // Every essential clause now stands past `end` or on a doc of the range.
                    let target = end + 1
                    var following = ScoredCursor.end
                    for i in firstEssential..<n {
                        var d = docs[i]
                        if d <= end {
                            d = try cs.with(i) { c in try c.advance(to: target); return c.doc }
                            docs[i] = d
                        }
                        if d < following { following = d }
                    }
                    cur = following
                    continue
                }
            }
            var partial = 0.0
            let admitted = try everyDoc || admission.admits(cur)
            // Clauses scored on `cur`, by original index: a bit each (n ≤ 64), so the total is summed in
            // clause order over the set bits — the same additions as over every clause with zeros, without
            // clearing the scores after each candidate.
            var matched: UInt64 = 0
            var following = ScoredCursor.end
            for i in firstEssential..<n {
                var d = docs[i]
                if d == cur {
                    if admitted {
                        let s = try cs.with(i) { try $0.score() }
                        let o = orig[i]
                        scores[o] = s; partial += s
                        if wide { matched = 1 } else { matched |= 1 &<< UInt64(truncatingIfNeeded: o) }
                    }
                    d = try cs.with(i) { c in try c.next(); return c.doc }
                    docs[i] = d
                }
                if d < following { following = d }
            }
            if admitted {
                var alive = true
                var i = firstEssential - 1
                while i >= 0 {
                    if partial + upper[i] <= theta { alive = false; break }
                    let target = cur
                    // (A clause already at or past `cur` needs no call.)
                    if docs[i] < target { docs[i] = try cs.with(i) { c in try c.advance(to: target); return c.doc } }
                    if docs[i] == cur {
                        let s = try cs.with(i) { try $0.score() }
                        let o = orig[i]
                        scores[o] = s; partial += s
                        if wide { matched = 1 } else { matched |= 1 &<< UInt64(truncatingIfNeeded: o) }
                    }
                    i -= 1
                }
                if alive {
                    var total = 0.0
                    if wide {
                        for j in 0..<n { total += scores[j] }
                    } else {
                        var m = matched
                        while m != 0 {
                            total += scores[m.trailingZeroBitCount]
                            m &= m &- 1
                        }
                    }
                    // `theta` is the threshold: a total below it cannot enter (no heap read for it).
                    if total >= theta && top.admits(total, base + cur) {
                        top.insert(total, base + cur)
                        let t = top.threshold
                        if t > theta {
                            theta = t
                            let before = firstEssential
                            while firstEssential < n && upper[firstEssential] <= theta { firstEssential += 1 }
                            if firstEssential != before { following = Self.smallest(docs, from: firstEssential, to: n) }
                        }
                    }
                }
                if wide { for j in 0..<n { scores[j] = 0 } }
            }
            cur = following
        }
    }

    @inline(__always) private static func smallest(_ docs: UnsafeMutablePointer<Int>, from: Int, to: Int) -> Int {
        var m = ScoredCursor.end
        for i in from..<to where docs[i] < m { m = docs[i] }
        return m
    }
}
