import Foundation
@testable import Search
import Testing
import TestSupport

/// `WordCursor.advanceToCompetitive` (the one- and two-list loops) against the generic scan it replaces
/// (`ScoredCursor`'s: `advance`, then `score()`, then the partial-score test, per document), on two fresh
/// cursors of the same word and segment driven by the same random calls: same document, the same score
/// to the bit, a document past `end` returned unscored without scanning further, the cursor's state
/// written back (its `doc`, its `score()` there, and its later `next`/`advance` moves agree).
@Suite struct CompetitiveScanCursorTests {
    /// The generic scan, as `ScoredCursor.advanceToCompetitive` states it.
    static func genericScan(_ c: ScoredCursor, from target: Int, through end: Int, bound: Double, own: Double,
                            theta: Double) throws -> (doc: Int, score: Double) {
        var t = target
        while true {
            try c.advance(to: t)
            let d = c.doc
            if d > end { return (d, 0) }
            let s = try c.score()
            if !((bound + (s - own)) * (1 + 1e-9) <= theta) { return (d, s) }
            t = d + 1
        }
    }

    @Test("a word cursor's scan equals the generic scan (title-only, body-only, two-list words; every segment)")
    func sameAsGeneric() throws {
        let searcher = CompetitiveScanTests.searcher
        let reader = searcher.reader
        var r = SearchRequest(query: "zbtitul zbtrup zbdyfish zbkomun filara", limit: 10)
        r.analysis = .plain
        let plan = try QueryAnalyzer(reader: reader).plan(try QueryParser.parse(r.query), r)
        let scoring = Scoring(reader: reader, params: searcher.parameters)
        try scoring.prepare(plan, reader: reader)
        #expect(plan.words.count == 5 && plan.mode == .plain)
        var rng = SeededRandom(seed: 0x5CA7)
        // Which fields each word's lists were seen in, per segment: the loops' three shapes must all occur.
        var shapes = Set<String>()
        var calls = 0, pastEnd = 0, stepped = 0
        for (si, segment) in reader.segments.enumerated() {
            let sq = SegmentQuery(plan: plan, seg: SegmentScoring(segment: segment, index: si, scoring: scoring),
                                  base: reader.bases[si], scoring: scoring)
            for _ in 0..<2 { for wi in plan.words.indices {   // twice: fresh cursors, other random calls
                guard let a = try sq.cursor(.word(wi)) as? WordCursor, let b = try sq.cursor(.word(wi)) as? WordCursor else {
                    Issue.record("no word cursor for \(plan.words[wi].text) in segment \(si)"); continue
                }
                var fields = Set<String>()
                var target = 0
                while true {
                    let span = Int.random(in: 0..<8, using: &rng) == 0 ? Cursor.endDoc - target : Int.random(in: 0...40, using: &rng)
                    let end = target + span
                    let own = Double.random(in: 0...a.maxScore, using: &rng)
                    let bound = own + Double.random(in: 0...(2 * a.maxScore), using: &rng)
                    let theta = bound - own + a.maxScore * Double.random(in: 0.2...1.05, using: &rng)
                    let x = try a.advanceToCompetitive(from: target, through: end, bound: bound, own: own, theta: theta)
                    let y = try Self.genericScan(b, from: target, through: end, bound: bound, own: own, theta: theta)
                    calls += 1
                    let what = "\(plan.words[wi].text) seg \(si) from \(target) through \(end)"
                    #expect(x.doc == y.doc, "doc: \(what)")
                    #expect(x.score.bitPattern == y.score.bitPattern, "score: \(what): \(x.score) vs \(y.score)")
                    #expect(a.doc == x.doc && b.doc == y.doc, "cursor doc: \(what)")
                    if x.doc != y.doc || a.doc != b.doc { break }
                    if x.doc == ScoredCursor.end { break }
                    if x.doc > end {
                        pastEnd += 1
                        #expect(x.score == 0, "past end, unscored: \(what)")
                        target = x.doc
                    } else {
                        if x.doc > target { stepped += 1 }
                        #expect(try a.score().bitPattern == x.score.bitPattern, "score() where the scan stopped: \(what)")
                        for m in a.matchedTerms() { fields.insert(m.field) }
                        target = x.doc + 1
                    }
                    // Now and then the cursors move on their own: the scan's written-back state must hold.
                    switch Int.random(in: 0..<6, using: &rng) {
                    case 0:
                        try a.next(); try b.next()
                        #expect(a.doc == b.doc, "next after: \(what)")
                        if a.doc == ScoredCursor.end { break }
                        #expect(try a.score().bitPattern == b.score().bitPattern, "score after next: \(what)")
                        target = a.doc + Int.random(in: 0...2, using: &rng)
                    case 1:
                        let t = target + Int.random(in: 0...200, using: &rng)
                        try a.advance(to: t); try b.advance(to: t)
                        #expect(a.doc == b.doc, "advance after: \(what)")
                        target = a.doc
                    default: break
                    }
                    if a.doc == ScoredCursor.end || target >= segment.info.maxDoc + 1 { break }
                }
                shapes.insert("\(plan.words[wi].text):\(fields.sorted().joined(separator: "+"))")
            } }
        }
        // Title-only (one list, title norms), body-only (one list) and two-list words all ran.
        #expect(shapes.contains("zbtitul:title.stem"), "\(shapes)")
        #expect(shapes.contains("zbtrup:body.stem"), "\(shapes)")
        #expect(shapes.contains("zbdyfish:body.stem+title.stem") && shapes.contains("zbdyfish:body.stem"), "\(shapes)")
        #expect(calls > 800 && pastEnd > 100 && stepped > 200, "\(calls) calls, \(pastEnd) past the end, \(stepped) stepping over")
    }
}
