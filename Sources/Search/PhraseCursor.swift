import Storage

/// Phrase and proximity matching on positions (`"a b c"`, `"a b"~N`).
enum PhraseMatch {
    /// True if one position from each list (already shifted by minus the term's offset in the phrase)
    /// lies within a window of `slop`: slop 0 is an exact phrase (a common value), else the smallest
    /// window over the sorted lists (one pointer per list, always moving the smallest) is ≤ slop.
    static func matches(_ lists: [[Int]], slop: Int) -> Bool {
        if lists.isEmpty { return false }
        if lists.count == 1 { return !lists[0].isEmpty }
        if lists.count == 2 && slop == 0 {
            // Two words, exact: a merge of the two sorted (shifted) lists for a common value.
            return lists[0].withUnsafeBufferPointer { a in
                lists[1].withUnsafeBufferPointer { b in
                    var i = 0, j = 0
                    while i < a.count && j < b.count {
                        let x = a[i], y = b[j]
                        if x == y { return true }
                        if x < y { i += 1 } else { j += 1 }
                    }
                    return false
                }
            }
        }
        var ptr = [Int](repeating: 0, count: lists.count)
        while true {
            var lo = Int.max, hi = Int.min, loList = 0
            for i in lists.indices {
                guard ptr[i] < lists[i].count else { return false }
                let v = lists[i][ptr[i]]
                if v < lo { lo = v; loList = i }
                if v > hi { hi = v }
            }
            if hi - lo <= slop { return true }
            if slop == 0 {
                // Exact: move every list below `hi` up to it.
                for i in lists.indices { while ptr[i] < lists[i].count && lists[i][ptr[i]] < hi { ptr[i] += 1 } }
            } else {
                ptr[loList] += 1
            }
        }
    }

    /// Keeps in `a` the values also in `b` (both sorted ascending); returns how many are kept.
    @discardableResult
    static func intersect(_ a: inout [Int], _ b: [Int]) -> Int {
        var w = 0, i = 0, j = 0
        let na = a.count
        b.withUnsafeBufferPointer { bp in
            a.withUnsafeMutableBufferPointer { ap in
                while i < na && j < bp.count {
                    let x = ap[i], y = bp[j]
                    if x == y { ap[w] = x; w += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
                }
            }
        }
        a.removeLast(na - w)
        return w
    }

    /// Positions of one phrase position in a doc: the union of its alternatives' positions, shifted.
    static func positions(_ cursors: [PostingsCursor], doc: Int, shift: Int) throws -> [Int] {
        var out: [Int] = []
        for c in cursors {
            let d = try c.advance(to: UInt32(clamping: doc))
            if d == UInt32(doc) { for p in try c.positions() { out.append(Int(p) - shift) } }
        }
        if cursors.count > 1 { out.sort() }
        return out
    }

    /// Positions of one phrase position in a doc (query-side cursors), appended to `out`.
    static func positions(_ cursors: [SearchPostings], doc: Int, shift: Int, into out: inout [Int]) throws {
        out.removeAll(keepingCapacity: true)
        for c in cursors {
            try c.advance(to: doc)
            if c.doc == doc { try c.appendPositions(to: &out, shift: shift) }
        }
        if cursors.count > 1 { out.sort() }
    }

    /// Per field (title, body): per phrase position, the `.stem` cursors of its alternatives.
    static func fieldCursors(_ p: PhraseClause, seg: SegmentReader, mode: SearchRequest.Analysis) throws -> [[[PostingsCursor]]] {
        var out: [[[PostingsCursor]]] = []
        for f in p.fields {
            let name = Scoring.fieldName(f, .stem, mode)
            var perPos: [[PostingsCursor]] = []
            for pos in p.positions {
                var cs: [PostingsCursor] = []
                for t in pos.terms { if let c = try seg.postings(field: name, term: t) { cs.append(c) } }
                if cs.isEmpty { perPos = []; break }
                perPos.append(cs)
            }
            if !perPos.isEmpty { out.append(perPos) }
        }
        return out
    }

    /// True if the phrase occurs in `doc` inside one field.
    static func verify(_ p: PhraseClause, _ fields: [[[PostingsCursor]]], doc: Int) throws -> Bool {
        for perPos in fields {
            var lists: [[Int]] = []
            for (i, cs) in perPos.enumerated() {
                let l = try positions(cs, doc: doc, shift: p.positions[i].offset)
                if l.isEmpty { break }
                lists.append(l)
            }
            if lists.count == perPos.count && matches(lists, slop: p.slop) { return true }
        }
        return false
    }
}

/// A phrase's cursor: a conjunction of its words' cursors (their BM25F scores sum to the phrase's score),
/// each candidate verified on positions in the `.stem` fields.
final class PhraseCursor: ScoredCursor {
    let phrase: PhraseClause
    let words: [WordCursor]
    private let wl: UnmanagedList<WordCursor>
    /// The words in alignment order (rarest first).
    private let al: UnmanagedList<WordCursor>
    /// Phrase positions in verification order (rarest word first; query order when unknown).
    private let order: [Int]
    /// Positional cursors, flattened: group g = field × positions + position, its alternatives at
    /// `groupStart[g] ..< groupStart[g + 1]` of `pl`.
    private let pl: UnmanagedList<SearchPostings>
    private let groupStart: UnsafeMutablePointer<Int>
    private let fieldCount: Int
    private let positionCount: Int
    private let shifts: [Int]
    @exclusivity(unchecked) private var lists: [[Int]]
    /// An exact phrase whose every position reads one list per field: verified on the lists' decoded
    /// position buffers in place (`verifyInPlace`), no array per candidate.
    private let inPlace: Bool
    /// In-place phrase of three or more words, each a position: the two rarest words' positions are
    /// checked before the others move (`pairAgrees`).
    private let pairFirst: Bool
    /// Per phrase position (in-place verification): its shift, then the scan state of its positions —
    /// buffer, length, index read, current position.
    private let sShift: UnsafeMutablePointer<Int>
    private let sBuf: UnsafeMutablePointer<UnsafePointer<UInt32>?>
    private let sLen: UnsafeMutablePointer<Int>
    private let sIdx: UnsafeMutablePointer<Int>
    private let sPos: UnsafeMutablePointer<Int>
    /// The score `find`'s two-phase test computed, and its doc (`score()` there returns it: same sum).
    @exclusivity(unchecked) private var scoredDoc = -1
    @exclusivity(unchecked) private var scored = 0.0
    /// The last `blockMax` answer, valid for targets `bmFrom...bmEnd` (each word's block is the same for all
    /// of them, so each word would answer the same).
    @exclusivity(unchecked) private var bmFrom = Int.max
    @exclusivity(unchecked) private var bmEnd = -1
    @exclusivity(unchecked) private var bmBound = 0.0

    init?(phrase: PhraseClause, mode: SearchRequest.Analysis, seg: SegmentScoring, scoring: Scoring) throws {
        self.phrase = phrase
        var ws: [WordCursor] = []
        ws.reserveCapacity(phrase.words.count)
        for w in phrase.words {
            guard let c = try WordCursor(word: w, mode: mode, seg: seg, scoring: scoring) else { return nil }
            ws.append(c)
        }
        // Per field (title, body) holding every position: per position, the `.stem` lists of its
        // alternatives, flattened (group g = field × positions + position) — a position's word cursor's
        // own list when it reads that term, so that verifying reads positions where the words stand.
        let pc = phrase.positions.count
        let own = ws.count == pc
        var flat: [SearchPostings] = []
        flat.reserveCapacity(phrase.fields.count * pc)
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: phrase.fields.count * pc + 1)
        var g = 0, fc = 0
        for f in phrase.fields {
            let name = Scoring.fieldName(f, .stem, mode)
            let mark = flat.count, gmark = g
            var complete = true
            for (i, pos) in phrase.positions.enumerated() {
                starts[g] = flat.count
                let before = flat.count
                for t in pos.terms {
                    if own, let c = ws[i].postings(field: name, term: t) { flat.append(c); continue }
                    do {
                        if let c = try seg.segment.searchPostings(field: name, term: t) { flat.append(c) }
                    } catch { starts.deallocate(); throw error }
                }
                if flat.count == before { complete = false; break }
                g += 1
            }
            if complete { fc += 1 } else { flat.removeSubrange(mark...); g = gmark }
        }
        starts[g] = flat.count
        if fc == 0 { starts.deallocate(); return nil }
        groupStart = starts
        words = ws
        wl = UnmanagedList(ws)
        fieldCount = fc
        positionCount = pc
        shifts = phrase.positions.map(\.offset)
        pl = UnmanagedList(flat)
        inPlace = phrase.slop == 0 && flat.count == fc * pc
        lists = inPlace ? [] : Array(repeating: [], count: pc + 1)   // + a scratch list (exact phrases)
        sShift = .allocate(capacity: 4 * pc)
        sLen = sShift + pc; sIdx = sLen + pc; sPos = sIdx + pc
        sBuf = .allocate(capacity: pc)
        for i in 0..<pc { sShift[i] = phrase.positions[i].offset; sBuf[i] = nil }
        // Align on the rarest word first (the candidates come from it; the frequent words only follow).
        let byCost = ws.indices.sorted { ws[$0].cost < ws[$1].cost }
        al = UnmanagedList(byCost.map { ws[$0] })
        order = own ? byCost : Array(0..<pc)
        pairFirst = inPlace && own && pc >= 3
        super.init()
        maxScore = ws.reduce(0) { $0 + $1.maxScore }
        cost = ws.map(\.cost).min() ?? Int.max
    }

    deinit { wl.release(); al.release(); pl.release(); groupStart.deallocate(); sShift.deallocate(); sBuf.deallocate() }

    /// Aligns the words on a common doc ≥ `target` whose positions match.
    private func find(_ target: Int) throws {
        var t = target
        let n = wl.count
        while true {
            if minCompetitive > -Double.infinity {
                // Block-max skipping (Ding & Suel 2011) inside the phrase: ranges where the words' summed
                // block bounds cannot beat the threshold are passed over before any alignment or position read.
                // The last range's answer read here (most iterations stay in it), else computed.
                var (b, e) = t >= bmFrom && t <= bmEnd ? (bmBound, bmEnd) : blockMax(at: t)
                while b <= minCompetitive {
                    if e == Cursor.endDoc { doc = ScoredCursor.end; return }
                    t = e + 1
                    (b, e) = blockMax(at: t)
                }
            }
            if minCompetitive > -Double.infinity && n > 1 {
                // The rarest word's own score plus the others' block bounds must beat the threshold before
                // the others move (the partial-score test of BlockMaxAnd).
                // The others' bounds hold through `end`; the rarest word steps over the documents up to there
                // that fail the test in one call (`advanceToCompetitive`: its lists' state in registers).
                var others = 0.0, end = Cursor.endDoc
                for j in 1..<n {
                    let r = al.with(j) { $0.blockMax(at: t) }
                    others += r.bound
                    if r.end < end { end = r.end }
                }
                let mc = minCompetitive
                let r = try al.with(0) { w in
                    try w.advanceToCompetitive(from: t, through: end, bound: others, own: 0, theta: mc)
                }
                if r.doc == ScoredCursor.end { doc = ScoredCursor.end; return }
                t = r.doc
                if t > end { continue }   // past the others' blocks: their bounds there, first
            }
            // The rarest word already stands on t after the partial-score test; a word that overshoots sets t
            // and the others (the rarest first) follow — the overshooting word itself is not asked again.
            var i = minCompetitive > -Double.infinity && n > 1 ? 1 : 0
            var at = -1   // the word standing on t (not moved again)
            var pairFailed = false
            while i < n {
                if i == 2 && pairFirst {
                    // The two rarest words stand on t: their positions must agree in a field before the
                    // frequent words move (their blocks are not even loaded for most candidates).
                    if try !pairAgrees(t) { pairFailed = true; break }
                }
                if i == at { i += 1; continue }
                let d = try al.with(i) { w in if w.doc < t { try w.advance(to: t) }; return w.doc }
                if d == ScoredCursor.end { doc = ScoredCursor.end; return }
                if d > t { t = d; at = i; i = 0 } else { i += 1 }
            }
            if pairFailed { t += 1; continue }
            // Two-phase: the phrase's score is known before its positions are read.
            if minCompetitive > -Double.infinity {
                var sc = 0.0
                for j in 0..<n { sc += try wl.with(j) { try $0.score() } }
                if sc <= minCompetitive { t += 1; continue }
                scoredDoc = t; scored = sc
            }
            if try verify(t) { doc = t; return }
            t += 1
        }
    }

    /// Whether the positions of the two rarest words (alignment order; both standing on `t`) agree in a
    /// field whose lists of both hold `t` — necessary for the phrase.
    private func pairAgrees(_ t: Int) throws -> Bool {
        let k = positionCount, r0 = order[0], r1 = order[1]
        for f in 0..<fieldCount {
            let base = f * k
            let at0 = try pl.with(base + r0) { c in try c.advance(to: t); return c.doc == t }
            if !at0 { continue }
            let at1 = try pl.with(base + r1) { c in try c.advance(to: t); return c.doc == t }
            if !at1 { continue }
            if try join2(base, r0, r1) { return true }
        }
        return false
    }

    private func verify(_ d: Int) throws -> Bool {
        if inPlace { return try verifyInPlace(d) }
        // Work on a local (swapped out and back): no access checks on the stored property in the loop.
        var lists: [[Int]] = []
        swap(&lists, &self.lists)
        defer { swap(&lists, &self.lists) }
        let exact = phrase.slop == 0
        for f in 0..<fieldCount {
            var ok = true
            // Rarest position first: an exact phrase keeps the start offsets every position read so far
            // agrees on (lists[order[0]], narrowed in place) and stops as soon as none is left — the
            // frequent words' positions are then never decoded.
            for (k, i) in order.enumerated() {
                let target = exact && k > 0 ? positionCount : i   // scratch slot for exact phrases
                lists[target].removeAll(keepingCapacity: true)
                let g = f * positionCount + i
                let lo = groupStart[g], hi = groupStart[g + 1]
                let shift = shifts[i]
                for j in lo..<hi {
                    try pl.with(j) { c in
                        try c.advance(to: d)
                        if c.doc == d { try c.appendPositions(to: &lists[target], shift: shift) }
                    }
                }
                if hi - lo > 1 { lists[target].sort() }
                if lists[target].isEmpty { ok = false; break }
                if exact && k > 0 {
                    let first = order[0]
                    let kept = PhraseMatch.intersect(&lists[first], lists[target])
                    if kept == 0 { ok = false; break }
                }
            }
            if !ok { continue }
            if exact { return true }
            if PhraseMatch.matches(Array(lists.prefix(positionCount)), slop: phrase.slop) { return true }
        }
        return false
    }

    /// An exact phrase with one list per position and field: per field, first whether every position's
    /// list holds `d` (no position read when one does not — a title rarely holds every word), then a
    /// leapfrog join (Veldhuizen, "Leapfrog Triejoin", ICDT 2014, on one attribute) over the lists'
    /// positions minus their offsets in the phrase, read in place from the decoded buffers and summed on
    /// the fly; it stops at the first common value (the score needs only that the phrase occurs) or when
    /// one list runs out, so the rest of the positions are never summed.
    private func verifyInPlace(_ d: Int) throws -> Bool {
        let k = positionCount
        for f in 0..<fieldCount {
            let base = f * k
            var ok = true
            for i in 0..<k {
                let at = try pl.with(base + i) { c in try c.advance(to: d); return c.doc == d }
                if !at { ok = false; break }
            }
            if !ok { continue }
            if k == 2 {
                if try join2(base, 0, 1) { return true }
                continue
            }
            // The two positions with the fewest occurrences in the doc must agree first: the frequent words'
            // positions (stop words) are not decoded for most candidates.
            var r0 = 0, r1 = 1, f0 = Int.max, f1 = Int.max
            for i in 0..<k {
                let fq = pl.with(base + i) { $0.freq }
                if fq < f0 { r1 = r0; f1 = f0; r0 = i; f0 = fq } else if fq < f1 { r1 = i; f1 = fq }
            }
            if try !join2(base, r0, r1) { continue }
            var x = Int.min
            for i in 0..<k {
                let b = try pl.with(base + i) { try $0.positionDeltas() }
                if b.isEmpty { ok = false; break }
                sBuf[i] = UnsafePointer(b.baseAddress!); sLen[i] = b.count; sIdx[i] = 0
                let v = Int(b[0]) - sShift[i]
                sPos[i] = Int(b[0])
                if v > x { x = v }
            }
            if !ok { continue }
            if try leapfrog(base, x) { return true }
        }
        return false
    }

    /// Two of the lists (positions `u` and `v`): a merge of their shifted positions for a common value.
    @inline(__always)
    private func join2(_ base: Int, _ u: Int, _ v: Int) throws -> Bool {
        let a = try pl.with(base + u) { try $0.positionDeltas() }
        let b = try pl.with(base + v) { try $0.positionDeltas() }
        let na = a.count, nb = b.count
        if na == 0 || nb == 0 { return false }
        let sa = sShift[u], sb = sShift[v]
        var i = 0, j = 0
        var pa = Int(a[0]), pb = Int(b[0])
        while true {
            let x = pa - sa, y = pb - sb
            if x == y { return true }
            if x < y {
                i += 1
                if i == na { return false }
                pa += Int(a[i])
                if pa > Int(UInt32.max) { throw pl.with(base + u) { $0.positionOverflowError() } }
            } else {
                j += 1
                if j == nb { return false }
                pb += Int(b[j])
                if pb > Int(UInt32.max) { throw pl.with(base + v) { $0.positionOverflowError() } }
            }
        }
    }

    /// Three or more lists (scan state in `sBuf`…`sPos`, `x` the largest first shifted position): each
    /// list in turn moves to the first shifted position ≥ x; x rises when it passes; all k agreeing in a
    /// row is a match.
    private func leapfrog(_ base: Int, _ start: Int) throws -> Bool {
        let k = positionCount
        var x = start, agree = 0, i = 0
        while true {
            let buf = sBuf[i]!, n = sLen[i], sh = sShift[i]
            var j = sIdx[i], p = sPos[i]
            while p - sh < x {
                j += 1
                if j == n { return false }
                p += Int(buf[j])
            }
            if p > Int(UInt32.max) { throw pl.with(base + i) { $0.positionOverflowError() } }
            sIdx[i] = j; sPos[i] = p
            if p - sh == x {
                agree += 1
                if agree == k { return true }
            } else {
                x = p - sh; agree = 1
            }
            i += 1
            if i == k { i = 0 }
        }
    }

    override func next() throws { try find(doc + 1) }
    override func advance(to target: Int) throws { if doc < target { try find(target) } }

    override func score() throws -> Double {
        if scoredDoc == doc { return scored }
        var s = 0.0
        for j in 0..<wl.count { s += try wl.with(j) { try $0.score() } }
        return s
    }

    override func blockMax(at target: Int) -> (bound: Double, end: Int) {
        if target >= bmFrom && target <= bmEnd { return (bmBound, bmEnd) }
        var s = 0.0, e = Cursor.endDoc
        for j in 0..<wl.count { let b = wl.with(j) { $0.blockMax(at: target) }; s += b.bound; e = min(e, b.end) }
        bmFrom = target; bmEnd = e; bmBound = s
        return (s, e)
    }
}
