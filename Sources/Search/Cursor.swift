/// The cursor contract every top-k algorithm is written against (PISA's: `docid()`, `next()`,
/// `next_geq(d)`, `max_score()`, block-max), over one segment's local doc ids. Algorithms never see
/// postings, codecs or fields — only this.
///
/// Invariants: `doc` is −1 before the first move, then strictly increases, and is `Cursor.end` once
/// exhausted; `score()` is only called at a matching `doc`; `maxScore` ≥ `score()` at every doc;
/// `blockMax(at: d)` ≥ `score()` at every doc in `d…end` of the returned range.
class ScoredCursor {
    static let end = Int.max

    /// Current local doc id.
    @exclusivity(unchecked) var doc: Int = -1
    /// Upper bound of `score()` over all documents.
    @exclusivity(unchecked) var maxScore: Double = 0
    /// Documents scoring at most this cannot make the top k (Lucene's `setMinCompetitiveScore`): a cursor
    /// whose match check is costly (phrases: positions) may skip them before checking. Set by the
    /// top-k algorithms to the threshold minus every other clause's bound; −∞ when unknown.
    @exclusivity(unchecked) var minCompetitive: Double = -Double.infinity

    /// An estimate of the documents the cursor visits (its lists' document frequencies): conjunctions align
    /// on the cheapest clause first. `Int.max` when unknown.
    var cost: Int = Int.max

    /// Moves to the next matching document.
    func next() throws { fatalError("abstract") }

    /// Moves to the first matching document ≥ `target` (stays if already there).
    func advance(to target: Int) throws { fatalError("abstract") }

    /// Score of the current document.
    func score() throws -> Double { fatalError("abstract") }

    /// An upper bound of `score()` over documents `target…end` and that range's `end` (≥ `target`), without
    /// moving the cursor (Ding & Suel's shallow move). Default: the global bound for everything.
    func blockMax(at target: Int) -> (bound: Double, end: Int) { (maxScore, Cursor.endDoc) }

    /// Windowed MaxScore's term-at-a-time step: moves to `start`, then through every document of
    /// `start…end` whose score `s` passes `!(s + rest <= theta)` (the others cannot win: they are passed
    /// over), writing `s` to `column[d − start]`, or-ing `bit` into `masks[d − start]` and setting bit
    /// `d − start` of `seen`; the cursor ends past `end`. A cursor may override it with a loop that keeps its
    /// state in registers (the same scores and test, bit for bit; it may write the column of a document it
    /// passes over — only marked slots are read).
    func scoreWindow(from start: Int, through end: Int, rest: Double, theta: Double, column: UnsafeMutablePointer<Double>,
                     masks: UnsafeMutablePointer<UInt64>, bit: UInt64, seen: UnsafeMutablePointer<UInt64>) throws {
        try advance(to: start)
        while doc <= end {
            let s = try score()
            if !(s + rest <= theta) {
                let i = doc - start
                column[i] = s
                masks[i] |= bit
                seen[i >> 6] |= 1 &<< UInt64(truncatingIfNeeded: i & 63)
            }
            try next()
        }
    }

    /// Block-max AND's partial-score scan: moves to the first document ≥ `target` that either lies past
    /// `end` (returned unscored, score 0) or whose score `s` passes `!((bound + (s − own)) · (1 + 1e−9) ≤
    /// theta)` (returned with `s`); documents failing the test are stepped over. Exactly the test the
    /// caller would make per document, in one call: a cursor may override it with a loop that keeps its
    /// state in registers.
    func advanceToCompetitive(from target: Int, through end: Int, bound: Double, own: Double,
                              theta: Double) throws -> (doc: Int, score: Double) {
        var t = target
        while true {
            try advance(to: t)
            let d = doc
            if d > end { return (d, 0) }
            let s = try score()
            if !((bound + (s - own)) * (1 + 1e-9) <= theta) { return (d, s) }
            t = d + 1
        }
    }
}

enum Cursor {
    static let endDoc = Int.max - 1
}
