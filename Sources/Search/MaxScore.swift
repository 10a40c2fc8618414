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
        let cs = order.map { cursors[$0] }
        var upper = [Double](repeating: 0, count: n)   // upper[i] = Σ bounds of cs[0...i]
        var acc = 0.0
        for i in 0..<n { acc += cs[i].maxScore; upper[i] = acc }
        for c in cs { try c.next() }
        var scores = [Double](repeating: 0, count: n)   // by original clause index
        var firstEssential = 0
        var theta = top.threshold
        while firstEssential < n && upper[firstEssential] <= theta { firstEssential += 1 }
        while firstEssential < n {
            if n == 1 { cs[0].minCompetitive = theta }
            var cur = ScoredCursor.end
            for i in firstEssential..<n where cs[i].doc < cur { cur = cs[i].doc }
            if cur == ScoredCursor.end { break }
            var partial = 0.0
            var touched: [Int] = []
            let admitted = try admission.admits(cur)
            for i in firstEssential..<n where cs[i].doc == cur {
                if admitted {
                    let s = try cs[i].score()
                    scores[order[i]] = s; touched.append(order[i]); partial += s
                }
                try cs[i].next()
            }
            if admitted {
                var alive = true
                var i = firstEssential - 1
                while i >= 0 {
                    if partial + upper[i] <= theta { alive = false; break }
                    try cs[i].advance(to: cur)
                    if cs[i].doc == cur {
                        let s = try cs[i].score()
                        scores[order[i]] = s; touched.append(order[i]); partial += s
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
                for j in touched { scores[j] = 0 }
            }
        }
    }
}
