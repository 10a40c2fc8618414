/// Block-max WAND (Ding & Suel, "Faster top-k document retrieval using block-max indexes", SIGIR 2011),
/// over WAND (Broder, Carmel, Herscovici, Soffer & Zien, "Efficient query evaluation using a two-level
/// retrieval process", CIKM 2003). Cursors are kept sorted by current doc; the *pivot* is the first
/// cursor at which the summed global bounds exceed the threshold; the pivot doc is scored only if the
/// block-max bounds of the cursors up to the pivot (shallow moves, no decoding) also exceed it —
/// otherwise the search jumps past the end of the shortest of those blocks.
enum BlockMaxWAND {
    static func run<C: ScoredCursor>(_ cursors: [C], admission: Admission, base: Int, top: inout TopK) throws {
        let n = cursors.count
        if n == 0 || top.k == 0 { return }
        if n == 1 { return try single(cursors[0], admission: admission, base: base, top: &top) }
        for c in cursors { try c.next() }
        let list = UnmanagedList(cursors)
        let idx = UnsafeMutablePointer<Int>.allocate(capacity: n)      // original indices, sorted by doc
        let docs = UnsafeMutablePointer<Int>.allocate(capacity: n)     // current doc by original index
        let bound = UnsafeMutablePointer<Double>.allocate(capacity: n) // global bound by original index
        let scores = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { list.release(); idx.deallocate(); docs.deallocate(); bound.deallocate(); scores.deallocate() }
        for i in 0..<n {
            idx[i] = i; docs[i] = cursors[i].doc; bound[i] = cursors[i].maxScore; scores[i] = 0
        }
        @inline(__always) func sortByDoc() {
            // Insertion sort: nearly sorted after each move.
            var i = 1
            while i < n {
                let x = idx[i], d = docs[x]
                var j = i - 1
                while j >= 0 && docs[idx[j]] > d { idx[j + 1] = idx[j]; j -= 1 }
                idx[j + 1] = x
                i += 1
            }
        }
        sortByDoc()
        while true {
            let theta = top.threshold
            if n == 1 { list.with(0) { $0.minCompetitive = theta } }
            // Pivot by global bounds.
            var acc = 0.0
            var pivot = -1
            for p in 0..<n {
                let i = idx[p]
                if docs[i] == ScoredCursor.end { break }
                acc += bound[i]
                if acc > theta { pivot = p; break }
            }
            if pivot < 0 { return }
            let pivotDoc = docs[idx[pivot]]
            while pivot + 1 < n && docs[idx[pivot + 1]] == pivotDoc { pivot += 1 }
            // Block-max check (always passes while the heap is not full).
            var blockBound = Double.infinity
            var blockEnd = Cursor.endDoc
            if theta > -Double.infinity {
                blockBound = 0
                for p in 0...pivot {
                    let b = list.with(idx[p]) { $0.blockMax(at: pivotDoc) }
                    blockBound += b.bound
                    if b.end < blockEnd { blockEnd = b.end }
                }
            }
            if blockBound > theta {
                if docs[idx[0]] == pivotDoc {
                    // Every cursor up to the pivot is on pivotDoc: score it (sum in clause order).
                    if try admission.admits(pivotDoc) {
                        for p in 0...pivot { let i = idx[p]; scores[i] = try list.with(i) { try $0.score() } }
                        var total = 0.0
                        for j in 0..<n { total += scores[j] }
                        top.insert(total, base + pivotDoc)
                        for p in 0...pivot { scores[idx[p]] = 0 }
                    }
                    for p in 0...pivot {
                        let i = idx[p]
                        docs[i] = try list.with(i) { c in try c.next(); return c.doc }
                    }
                } else {
                    // Move the cursor just before the pivot's run up to the pivot doc.
                    var p = pivot
                    while p > 0 && docs[idx[p]] == pivotDoc { p -= 1 }
                    let i = idx[p]
                    docs[i] = try list.with(i) { c in try c.advance(to: pivotDoc); return c.doc }
                }
            } else {
                // No document before the end of the shortest block can win.
                var next = blockEnd == Cursor.endDoc ? ScoredCursor.end : blockEnd + 1
                if pivot + 1 < n { next = min(next, docs[idx[pivot + 1]]) }
                if next <= pivotDoc { next = pivotDoc + 1 }
                // Advance the cursor with the largest bound among those up to the pivot.
                var best = 0
                var p = 1
                while p <= pivot { if bound[idx[p]] > bound[idx[best]] { best = p }; p += 1 }
                let i = idx[best]
                let target = next
                docs[i] = try list.with(i) { c in try c.advance(to: target); return c.doc }
            }
            sortByDoc()
        }
    }

    /// One clause (a single-word query): block-max WAND degenerates to walking the clause, skipping each
    /// range whose block-max bound cannot beat the threshold with shallow moves only (no block decoded until
    /// a range can win), and scoring the rest.
    static func single<C: ScoredCursor>(_ c: C, admission: Admission, base: Int, top: inout TopK) throws {
        var theta = top.threshold
        c.minCompetitive = theta
        try c.next()
        while c.doc != ScoredCursor.end {
            if theta > -Double.infinity {
                var t = c.doc
                var (b, e) = c.blockMax(at: t)
                if b <= theta {
                    // Shallow: move the target past ranges that cannot win, then decode once.
                    while b <= theta {
                        if e == Cursor.endDoc { return }
                        t = e + 1
                        (b, e) = c.blockMax(at: t)
                    }
                    try c.advance(to: t)
                    continue
                }
            }
            let d = c.doc
            if try admission.admits(d) {
                let s = try c.score()
                // `theta` is the threshold: a score below it cannot enter (no heap read for it).
                if s >= theta && top.admits(s, base + d) {
                    top.insert(s, base + d)
                    let nt = top.threshold
                    if nt != theta { theta = nt; c.minCompetitive = nt }
                }
            }
            try c.next()
        }
    }
}
