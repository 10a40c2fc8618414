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
        let upper = UnsafeMutablePointer<Double>.allocate(capacity: n)   // upper[i] = Σ bounds of cs[0...i]
        let docs = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: n)  // by original clause index
        let orig = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { cs.release(); upper.deallocate(); docs.deallocate(); scores.deallocate(); orig.deallocate() }
        var acc = 0.0
        for i in 0..<n {
            acc += cursors[order[i]].maxScore; upper[i] = acc
            orig[i] = order[i]; scores[i] = 0
            docs[i] = try cs.with(i) { c in try c.next(); return c.doc }
        }
        var firstEssential = 0
        var theta = top.threshold
        while firstEssential < n && upper[firstEssential] <= theta { firstEssential += 1 }
        while firstEssential < n {
            if n == 1 { cs.with(0) { $0.minCompetitive = theta } }
            var cur = ScoredCursor.end
            for i in firstEssential..<n where docs[i] < cur { cur = docs[i] }
            if cur == ScoredCursor.end { break }
            if theta > -Double.infinity {
                // Block-max MaxScore (Chakrabarti, Chaudhuri & Ganti, "Interval-based pruning for top-k
                // processing over compressed lists", ICDE 2011; Mallia et al., ECIR 2019): the clauses' block
                // bounds at `cur` (shallow, cached per block) — those of the essential clauses on `cur` and of
                // every non-essential one — must beat the threshold before anything is scored.
                var bound = firstEssential > 0 ? upper[firstEssential - 1] : 0.0
                for i in firstEssential..<n where docs[i] == cur { bound += cs.with(i) { $0.blockMax(at: cur).bound } }
                if bound <= theta {
                    for i in firstEssential..<n where docs[i] == cur {
                        docs[i] = try cs.with(i) { c in try c.next(); return c.doc }
                    }
                    continue
                }
            }
            var partial = 0.0
            let admitted = try admission.admits(cur)
            for i in firstEssential..<n where docs[i] == cur {
                if admitted {
                    let s = try cs.with(i) { try $0.score() }
                    scores[orig[i]] = s; partial += s
                }
                docs[i] = try cs.with(i) { c in try c.next(); return c.doc }
            }
            if admitted {
                var alive = true
                var i = firstEssential - 1
                while i >= 0 {
                    if partial + upper[i] <= theta { alive = false; break }
                    let target = cur
                    docs[i] = try cs.with(i) { c in try c.advance(to: target); return c.doc }
                    if docs[i] == cur {
                        let s = try cs.with(i) { try $0.score() }
                        scores[orig[i]] = s; partial += s
                    }
                    i -= 1
                }
                if alive {
                    var total = 0.0
                    for j in 0..<n { total += scores[j] }
                    if top.admits(total, base + cur) {
                        top.insert(total, base + cur)
                        let t = top.threshold
                        if t > theta {
                            theta = t
                            while firstEssential < n && upper[firstEssential] <= theta { firstEssential += 1 }
                        }
                    }
                }
                for j in 0..<n { scores[j] = 0 }
            }
        }
    }
}
