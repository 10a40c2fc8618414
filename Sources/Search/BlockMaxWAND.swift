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
        for c in cursors { try c.next() }
        var idx = Array(0..<n)   // original clause indices, kept sorted by doc
        var scores = [Double](repeating: 0, count: n)
        func sortByDoc() {
            // Insertion sort: nearly sorted after each move.
            for i in 1..<max(idx.count, 1) {
                let x = idx[i], d = cursors[x].doc
                var j = i - 1
                while j >= 0 && cursors[idx[j]].doc > d { idx[j + 1] = idx[j]; j -= 1 }
                idx[j + 1] = x
            }
        }
        sortByDoc()
        while true {
            let theta = top.threshold
            if n == 1 { cursors[0].minCompetitive = theta }
            // Pivot by global bounds.
            var acc = 0.0
            var pivot = -1
            for p in 0..<n {
                let c = cursors[idx[p]]
                if c.doc == ScoredCursor.end { break }
                acc += c.maxScore
                if acc > theta { pivot = p; break }
            }
            if pivot < 0 { return }
            let pivotDoc = cursors[idx[pivot]].doc
            while pivot + 1 < n && cursors[idx[pivot + 1]].doc == pivotDoc { pivot += 1 }
            // Block-max check.
            var blockBound = 0.0
            var blockEnd = Cursor.endDoc
            for p in 0...pivot {
                let b = cursors[idx[p]].blockMax(at: pivotDoc)
                blockBound += b.bound
                if b.end < blockEnd { blockEnd = b.end }
            }
            if blockBound > theta {
                if cursors[idx[0]].doc == pivotDoc {
                    // Every cursor up to the pivot is on pivotDoc: score it.
                    if try admission.admits(pivotDoc) {
                        for p in 0...pivot { scores[idx[p]] = try cursors[idx[p]].score() }
                        var total = 0.0
                        for j in 0..<n { total += scores[j] }
                        top.insert(total, base + pivotDoc)
                        for p in 0...pivot { scores[idx[p]] = 0 }
                    }
                    for p in 0...pivot { try cursors[idx[p]].next() }
                } else {
                    // Move the cursor just before the pivot's run up to the pivot doc.
                    var p = pivot
                    while p > 0 && cursors[idx[p]].doc == pivotDoc { p -= 1 }
                    try cursors[idx[p]].advance(to: pivotDoc)
                }
            } else {
                // No document before the end of the shortest block can win.
                var next = blockEnd == Cursor.endDoc ? ScoredCursor.end : blockEnd + 1
                if pivot + 1 < n { next = min(next, cursors[idx[pivot + 1]].doc) }
                if next <= pivotDoc { next = pivotDoc + 1 }
                // Advance the cursor with the largest bound among those up to the pivot.
                var best = 0
                for p in 1...max(pivot, 1) where p <= pivot && cursors[idx[p]].maxScore > cursors[idx[best]].maxScore { best = p }
                try cursors[idx[best]].advance(to: next)
            }
            sortByDoc()
        }
    }
}
