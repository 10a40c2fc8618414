/// Block-max AND (Ding & Suel, SIGIR 2011, §5; PISA's `block_max_ranked_and`): a conjunction of the
/// required clauses, with optional clauses adding their scores. Before aligning on a candidate, the
/// summed block-max bounds at it are checked; when they cannot beat the threshold, the candidate jumps
/// past the end of the shortest block without decoding the blocks in between.
enum BlockMaxAnd {
    static func run(required: [ScoredCursor], optional: [ScoredCursor], admission: Admission, base: Int,
                    top: inout TopK) throws {
        if required.isEmpty || top.k == 0 { return }
        // Lead with the rarest-looking clause: the one with the highest bound tends to be rarest (idf).
        let lead = required.indices.max { required[$0].maxScore < required[$1].maxScore } ?? 0
        let order = [lead] + required.indices.filter { $0 != lead }
        let all = required + optional
        var target = 0
        while true {
            let theta = top.threshold
            if theta > -Double.infinity {
                var bound = 0.0, end = Cursor.endDoc
                for c in all { let b = c.blockMax(at: target); bound += b.bound; if b.end < end { end = b.end } }
                if bound <= theta {
                    if end == Cursor.endDoc { return }
                    target = end + 1
                    continue
                }
            }
            // Align the required clauses on a doc ≥ target.
            var t = target
            var aligned = false
            while !aligned {
                aligned = true
                for i in order {
                    let c = required[i]
                    try c.advance(to: t)
                    if c.doc == ScoredCursor.end { return }
                    if c.doc > t { t = c.doc; aligned = false; break }
                }
            }
            if t > target && theta > -Double.infinity {
                // Re-check the bound at the aligned doc before scoring.
                var bound = 0.0
                for c in all { bound += c.blockMax(at: t).bound }
                if bound <= theta { target = t + 1; continue }
            }
            if try admission.admits(t) {
                var total = 0.0
                for c in required { total += try c.score() }
                for c in optional {
                    try c.advance(to: t)
                    if c.doc == t { total += try c.score() }
                }
                top.insert(total, base + t)
            }
            target = t + 1
        }
    }
}
