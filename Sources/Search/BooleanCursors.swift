/// Nested boolean groups as cursors, so `(a OR b) c` and `+(x y) -z` reach the top-k algorithms as one
/// clause each. Scores are sums of the matching children's scores, summed in clause order.

/// Any child matches; score = sum of the children at the doc.
final class DisjunctionCursor: ScoredCursor {
    let children: [ScoredCursor]

    init(_ children: [ScoredCursor]) {
        self.children = children
        super.init()
        maxScore = children.reduce(0) { $0 + $1.maxScore }
    }

    private func settle() {
        var m = ScoredCursor.end
        for c in children where c.doc < m { m = c.doc }
        doc = m
    }

    override func next() throws {
        let d = doc
        for c in children where c.doc == d || c.doc == -1 { try c.next() }
        settle()
    }

    override func advance(to target: Int) throws {
        if doc >= target { return }
        for c in children where c.doc < target { try c.advance(to: target) }
        settle()
    }

    override func score() throws -> Double {
        var s = 0.0
        for c in children where c.doc == doc { s += try c.score() }
        return s
    }

    override func blockMax(at target: Int) -> (bound: Double, end: Int) {
        var s = 0.0, e = Cursor.endDoc
        for c in children { let b = c.blockMax(at: target); s += b.bound; e = min(e, b.end) }
        return (s, e)
    }
}

/// Every required child matches and no excluded one does; optional children add their scores.
final class ConjunctionCursor: ScoredCursor {
    let required: [ScoredCursor]
    let optional: [ScoredCursor]
    let excluded: [ScoredCursor]

    init(required: [ScoredCursor], optional: [ScoredCursor], excluded: [ScoredCursor]) {
        precondition(!required.isEmpty)
        self.required = required; self.optional = optional; self.excluded = excluded
        super.init()
        maxScore = (required + optional).reduce(0) { $0 + $1.maxScore }
    }

    private func find(_ target: Int) throws {
        var t = target
        while true {
            var aligned = true
            for c in required {
                try c.advance(to: t)
                if c.doc == ScoredCursor.end { doc = ScoredCursor.end; return }
                if c.doc > t { t = c.doc; aligned = false; break }
            }
            if !aligned { continue }
            var out = false
            for x in excluded { try x.advance(to: t); if x.doc == t { out = true; break } }
            if !out { doc = t; return }
            t += 1
        }
    }

    override func next() throws { try find(doc + 1) }
    override func advance(to target: Int) throws { if doc < target { try find(target) } }

    override func score() throws -> Double {
        var s = 0.0
        for c in required { s += try c.score() }
        for c in optional {
            if c.doc < doc { try c.advance(to: doc) }
            if c.doc == doc { s += try c.score() }
        }
        return s
    }

    override func blockMax(at target: Int) -> (bound: Double, end: Int) {
        var s = 0.0, e = Cursor.endDoc
        for c in required + optional { let b = c.blockMax(at: target); s += b.bound; e = min(e, b.end) }
        return (s, e)
    }
}
