/// MaxScore (Turtle & Flood, IP&M 1995) evaluated window by window of document ids, term at a time inside a
/// window — the hybrid of Fontoura, Josifovski, Liu, Venkatesan, Zhu & Zien ("Evaluation strategies for top-k
/// queries over memory-resident inverted indexes", VLDB 2011) with window-local bounds, the design of Lucene's
/// `MaxScoreBulkScorer`:
///
/// - each window's clause bounds come from their block bounds over the window (Ding & Suel 2011's block-max
///   metadata, as in Block-Max MaxScore: Chakrabarti, Chaudhuri & Ganti, ICDE 2011), and the clauses are
///   split into non-essential (the longest prefix, by window bound, whose summed bounds cannot beat the
///   threshold) and essential there; a window none of whose documents can beat the threshold is skipped;
/// - each essential clause scores all its documents of the window in one call (`ScoredCursor.scoreWindow`,
///   a tight loop per cursor) into a column of the window, marking them;
/// - the marked documents are then taken in doc order: the essential scores summed, the non-essential
///   clauses probed (next ≥ d) from the largest bound down while the document can still win, and the total
///   — summed in clause order, as the other algorithms do — offered to the top k.
///
/// Same results as `MaxScore` (and the reference scorer): the same scores, bit for bit, and the same
/// tie-breaking, since documents are offered in increasing id. Used for disjunctions of 2…64 clauses with no
/// filter or exclusion; `MaxScore` handles the rest.
enum WindowedMaxScore {
    /// Documents per window (a multiple of 64): the scoring columns stay in L1 (`width` × 8 bytes per
    /// clause), while windows stay few enough that their bounds cost little.
    static let width = 512

    static func run<C: ScoredCursor>(_ cursors: [C], base: Int, scratch: WindowScratch? = nil, top: inout TopK) throws {
        let n = cursors.count
        precondition(n >= 1 && n <= 64, "WindowedMaxScore takes 1…64 clauses")
        if top.k == 0 { return }
        let w = width
        let cs = UnmanagedList(cursors)
        let mem = scratch ?? WindowScratch()
        let raw = mem.take(clauses: n)
        let masks = raw.bindMemory(to: UInt64.self, capacity: w)
        let seen = (raw + 8 * w).bindMemory(to: UInt64.self, capacity: w / 64)
        let perClause = raw + WindowScratch.clauseOffset
        let docs = perClause.bindMemory(to: Int.self, capacity: n)
        let bound = (perClause + 8 * n).bindMemory(to: Double.self, capacity: n)
        let ord = (perClause + 16 * n).bindMemory(to: Int.self, capacity: n)
        let cum = (perClause + 24 * n).bindMemory(to: Double.self, capacity: n)
        let cols = (perClause + 32 * n).bindMemory(to: Double.self, capacity: n * w)
        // Handed back clean (masks and seen bits all 0) only when the run ends normally: the walk clears every
        // slot it marked. A throw leaves it to be cleared on its next use.
        var finished = false
        defer { cs.release(); mem.give(clean: finished) }
        var ws = ScoredCursor.end
        for i in 0..<n {
            let d = try cs.with(i) { c in try c.next(); return c.doc }
            docs[i] = d
            if d < ws { ws = d }
        }
        var theta = top.threshold
        while ws != ScoredCursor.end {
            let we = ws > Cursor.endDoc - w ? Cursor.endDoc : ws + w - 1
            // The clauses' bounds over the window (0 for one with no document in it), in increasing order.
            var sum = 0.0
            for i in 0..<n {
                let d = docs[i]
                let b = d > we ? 0.0 : cs.with(i) { Self.bound($0, from: max(d, ws), through: we) }
                bound[i] = b; sum += b
                var j = i
                while j > 0 && bound[ord[j - 1]] > b { ord[j] = ord[j - 1]; j -= 1 }
                ord[j] = i
            }
            theta = top.threshold
            if sum > theta {
                var firstEssential = 0
                var acc = 0.0
                for j in 0..<n {
                    acc += bound[ord[j]]; cum[j] = acc
                    if acc <= theta { firstEssential = j + 1 }
                }
                // A lone essential clause passes over the documents that cannot win with every non-essential
                // clause's bound added (the walk's first test, made before marking them).
                let lone = firstEssential == n - 1
                let rest = lone && firstEssential > 0 ? cum[firstEssential - 1] : 0.0
                let floor = lone ? theta : -Double.infinity
                for j in firstEssential..<n {
                    let o = ord[j]
                    docs[o] = try cs.with(o) { c in
                        try c.scoreWindow(from: ws, through: we, rest: rest, theta: floor, column: cols + o * w, masks: masks,
                                          bit: 1 &<< UInt64(truncatingIfNeeded: o), seen: seen)
                        return c.doc
                    }
                }
                // The marked documents in doc order.
                for word in 0..<w / 64 {
                    var bits = seen[word]
                    if bits == 0 { continue }
                    seen[word] = 0
                    while bits != 0 {
                        let slot = word &* 64 &+ bits.trailingZeroBitCount
                        bits &= bits &- 1
                        var m = masks[slot]
                        masks[slot] = 0
                        var partial = 0.0
                        var e = m
                        while e != 0 {
                            partial += cols[e.trailingZeroBitCount &* w &+ slot]
                            e &= e &- 1
                        }
                        let d = ws + slot
                        var alive = true
                        var probed = false
                        var j = firstEssential - 1
                        while j >= 0 {
                            if partial + cum[j] <= theta { alive = false; break }
                            let o = ord[j]
                            if docs[o] < d { docs[o] = try cs.with(o) { c in try c.advance(to: d); return c.doc } }
                            if docs[o] == d {
                                let s = try cs.with(o) { try $0.score() }
                                cols[o &* w &+ slot] = s; partial += s
                                m |= 1 &<< UInt64(truncatingIfNeeded: o)
                                probed = true
                            }
                            j -= 1
                        }
                        if !alive { continue }
                        var total = partial
                        if probed {
                            total = 0
                            var e = m
                            while e != 0 {
                                total += cols[e.trailingZeroBitCount &* w &+ slot]
                                e &= e &- 1
                            }
                        }
                        // `theta` is the top k's threshold: above it a document enters, below it not; only a tie
                        // asks the heap (the doc id decides).
                        if total > theta || (total == theta && top.admits(total, base + d)) {
                            top.insert(total, base + d)
                            theta = top.threshold
                        }
                    }
                }
            }
            // The next window starts at the first document past this one of the clauses that stand past it.
            // Clauses left behind (non-essential, or in a skipped window) are moved on only when they could
            // beat the threshold by themselves; otherwise the documents before that start match only them and
            // cannot win, and they are moved when a later window scores or probes them.
            if we == Cursor.endDoc { break }
            let next = we + 1
            ws = ScoredCursor.end
            var behind = 0.0
            for i in 0..<n {
                let d = docs[i]
                if d < next { behind += cursors[i].maxScore } else if d < ws { ws = d }
            }
            if behind > 0 && behind > top.threshold {
                for i in 0..<n where docs[i] < next {
                    let d = try cs.with(i) { c in try c.advance(to: next); return c.doc }
                    docs[i] = d
                    if d < ws { ws = d }
                }
            }
        }
        finished = true
    }

    /// An upper bound of the cursor's score over `from…through` (`from` ≥ its doc): the largest of its
    /// block bounds over the range.
    @inline(__always) private static func bound<C: ScoredCursor>(_ c: C, from: Int, through: Int) -> Double {
        var t = from
        var m = 0.0
        while true {
            let b = c.blockMax(at: t)
            if b.bound > m { m = b.bound }
            if b.end >= through { return m }
            t = b.end + 1
        }
    }
}

/// `WindowedMaxScore`'s working memory, kept by a `Searcher` across its queries (used under its lock, so by
/// one run at a time): per window slot its clause mask and the slots' seen bits — kept all zero between runs
/// (the window walk clears what it marked), so a run neither allocates ~20 KB nor clears 4 KB first — then
/// per clause its doc, window bound, order and running bound sum, and the clauses' score columns (written
/// before they are read). Nothing of a query is read by the next: only the memory is reused.
final class WindowScratch {
    private var raw: UnsafeMutableRawPointer
    /// Clauses the memory holds columns for.
    private var capacity: Int
    /// Masks and seen bits all zero.
    private var clean: Bool

    /// Bytes of the masks and the seen bits, where the per-clause part starts.
    static let clauseOffset = 8 * WindowedMaxScore.width + WindowedMaxScore.width / 8

    init() {
        capacity = 4
        raw = Self.allocate(clauses: capacity)
        clean = true
    }

    deinit { raw.deallocate() }

    private static func allocate(clauses n: Int) -> UnsafeMutableRawPointer {
        let p = UnsafeMutableRawPointer.allocate(byteCount: clauseOffset + 8 * (4 * n + n * WindowedMaxScore.width),
                                                 alignment: 64)
        p.initializeMemory(as: UInt8.self, repeating: 0, count: clauseOffset)
        return p
    }

    /// The memory for `n` clauses, its masks and seen bits zero.
    func take(clauses n: Int) -> UnsafeMutableRawPointer {
        if n > capacity {
            raw.deallocate()
            capacity = max(n, 2 * capacity)
            raw = Self.allocate(clauses: capacity)
        } else if !clean {
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: Self.clauseOffset)
        }
        clean = false
        return raw
    }

    /// Back from a run: `clean` when it ended normally (everything it marked cleared).
    func give(clean: Bool) { self.clean = clean }
}
