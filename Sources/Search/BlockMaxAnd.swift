/// Block-max AND (Ding & Suel, SIGIR 2011, §5; PISA's `block_max_ranked_and`): a conjunction of the
/// required clauses, with optional clauses adding their scores. Before aligning on a candidate, the
/// summed block-max bounds at it are checked; when they cannot beat the threshold, the candidate jumps
/// past the end of the shortest block without decoding the blocks in between.
enum BlockMaxAnd {
    static func run<C: ScoredCursor>(required: [C], optional: [C], admission: Admission, base: Int,
                                     top: inout TopK) throws {
        if required.isEmpty || top.k == 0 { return }
        let nr = required.count, no = optional.count
        // One allocation of 8-byte words: per clause (required in alignment order, then optional) its block
        // bound at the candidate and its score; `origin[i]` is `req[i]`'s index in `required` (scores are
        // summed in clause order); the clauses' references, borrowed (+0) for the loops — the arrays keep
        // them alive.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 8 * (2 * (nr + no) + nr + (nr + no)), alignment: 8)
        defer { raw.deallocate() }
        let clauseBound = raw.bindMemory(to: Double.self, capacity: 2 * (nr + no))
        let clauseScore = clauseBound + (nr + no)
        let origin = (raw + 8 * 2 * (nr + no)).bindMemory(to: Int.self, capacity: nr)
        let refs = (raw + 8 * (2 * (nr + no) + nr)).bindMemory(to: Unmanaged<C>.self, capacity: nr + no)
        // Align on the cheapest clause first (fewest postings), the others following from rarest to most
        // frequent (ties: the higher bound first): insertion sort of the few clauses.
        for i in 0..<nr {
            var j = i
            let c = required[i]
            while j > 0 {
                let p = required[origin[j - 1]]
                if p.cost < c.cost || (p.cost == c.cost && p.maxScore >= c.maxScore) { break }
                origin[j] = origin[j - 1]; j -= 1
            }
            origin[j] = i
        }
        for i in 0..<nr { refs[i] = Unmanaged.passUnretained(required[origin[i]]) }
        for j in 0..<no { refs[nr + j] = Unmanaged.passUnretained(optional[j]) }
        let req = Borrowed(refs: refs, count: nr), opt = Borrowed(refs: refs + nr, count: no)
        var boundSum = 0.0
        for c in required { boundSum += c.maxScore }
        for c in optional { boundSum += c.maxScore }
        var target = 0
        var lastTheta = -Double.infinity
        // The last range whose bounds were asked (`bounds` at a doc holds up to its `end`).
        var rangeEnd = -1, rangeBound = 0.0
        while true {
            let theta = top.threshold
            if theta != lastTheta {
                // Each required clause alone must beat the threshold less the others' bounds.
                lastTheta = theta
                for c in required { c.minCompetitive = theta - (boundSum - c.maxScore) * (1 + 1e-9) }
            }
            // The bounds at `target` hold for every doc up to `targetEnd`: each cursor's `blockMax` answer
            // is cached for that range, so a candidate inside it reuses them instead of asking again — and so
            // does the next target while it stays inside the last range asked (targets only grow; the
            // clauses' bounds for it are still in `clauseBound`).
            var targetBound = 0.0, targetEnd = -1
            if theta > -Double.infinity {
                let (bound, end) = target <= rangeEnd ? (rangeBound, rangeEnd) : bounds(req, opt, at: target, into: clauseBound)
                rangeBound = bound; rangeEnd = end
                if bound <= theta {
                    if end == Cursor.endDoc { return }
                    target = end + 1
                    continue
                }
                targetBound = bound; targetEnd = end
            }
            // The rarest clause's next doc is the candidate. Once the threshold is known, the candidate must
            // pass the clauses' block bounds at it, then the rarest clause's own score plus the others'
            // block bounds (MaxScore's partial-score test, Turtle & Flood 1995, on block-max bounds as in
            // Ding & Suel 2011) before the other clauses are moved at all: for frequent words most
            // candidates stop here, and the frequent lists are only advanced past them later, in one jump.
            let pruning = theta > -Double.infinity
            var t: Int
            var rest = 0.0
            var scored = 0
            if pruning && nr + no > 1 {
                // The rarest clause steps over the documents of the range failing the partial-score test
                // in one call (a word cursor's loop keeps its lists' state in registers); a document past
                // the range comes back unscored, for the bounds there.
                let own = clauseBound[0]
                let r = try req.with(0) { c in
                    try c.advanceToCompetitive(from: target, through: targetEnd, bound: targetBound, own: own,
                                               theta: theta)
                }
                t = r.doc
                if t == ScoredCursor.end { return }
                if t > targetEnd { target = t; continue }
                rest = targetBound + (r.score - own)
                clauseScore[origin[0]] = r.score
                scored = 1
            } else {
                t = try req.with(0) { c in try c.advance(to: target); return c.doc }
                if t == ScoredCursor.end { return }
                if pruning {
                    let (bound, end) = t <= targetEnd ? (targetBound, targetEnd) : bounds(req, opt, at: t, into: clauseBound)
                    rangeBound = bound; rangeEnd = end
                    if bound <= theta {
                        if end == Cursor.endDoc { return }
                        target = end + 1
                        continue
                    }
                }
            }
            // The other required clauses on t; one standing past it makes its doc the next target.
            var i = 1
            var past = -1
            while i < nr {
                let d = try req.with(i) { c in try c.advance(to: t); return c.doc }
                if d == ScoredCursor.end { return }
                if d > t { past = d; break }
                i += 1
            }
            if past >= 0 { target = past; continue }
            if try admission.admits(t) {
                // Scored rarest clause first; once the threshold is known, each score replaces its clause's
                // block bound in the candidate's bound, and the candidate is dropped as soon as that bound
                // cannot beat the threshold (MaxScore's partial-score test, Turtle & Flood 1995, on
                // block-max bounds as in Ding & Suel 2011) — the other clauses are then never scored. The
                // slack covers the different summation order; a kept candidate's score is summed in clause
                // order, as before.
                var dropped = false
                if pruning && scored == 0 { for j in 0..<(nr + no) { rest += clauseBound[j] } }
                for i in scored..<nr {
                    let s = try req.with(i) { try $0.score() }
                    clauseScore[origin[i]] = s
                    if pruning {
                        rest += s - clauseBound[i]
                        if rest * (1 + 1e-9) <= theta { dropped = true; break }
                    }
                }
                if !dropped {
                    for j in 0..<no {
                        let s = try opt.with(j) { c in
                            try c.advance(to: t)
                            return c.doc == t ? try c.score() : 0
                        }
                        clauseScore[nr + j] = s
                        if pruning && j < no - 1 {
                            rest += s - clauseBound[nr + j]
                            if rest * (1 + 1e-9) <= theta { dropped = true; break }
                        }
                    }
                }
                if !dropped {
                    var total = 0.0
                    for j in 0..<(nr + no) { total += clauseScore[j] }
                    top.insert(total, base + t)
                }
            }
            target = t + 1
        }
    }

    @inline(__always)
    private static func bounds<C: ScoredCursor>(_ req: Borrowed<C>, _ opt: Borrowed<C>, at t: Int,
                                                into each: UnsafeMutablePointer<Double>) -> (bound: Double, end: Int) {
        var bound = 0.0, end = Cursor.endDoc
        for i in 0..<req.count {
            let b = req.with(i) { $0.blockMax(at: t) }; each[i] = b.bound; bound += b.bound; if b.end < end { end = b.end }
        }
        for i in 0..<opt.count {
            let b = opt.with(i) { $0.blockMax(at: t) }; each[req.count + i] = b.bound; bound += b.bound; if b.end < end { end = b.end }
        }
        return (bound, end)
    }
}
