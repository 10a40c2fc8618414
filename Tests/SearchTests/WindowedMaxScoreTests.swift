import Foundation
import Indexing
import Ingest
import KerkoCore
@testable import Search
import Testing
import TestSupport

/// Windowed MaxScore (`WindowedMaxScore`, `ScoredCursor.scoreWindow` and WordCursor's override) against the
/// exhaustive reference, scores compared bit for bit (tolerance 0: a kept document's clause scores are
/// summed in clause order, as the reference sums them). Thousands of documents in three segments with
/// deletions, so that every query runs over many windows of 512 ids; small k, so the threshold rises early
/// and every pruning step fires (the `pruningIsActive` test shows that it does, by instrumented cursors).
///
/// The words are built so that, per query and segment, each `scoreWindow` path runs:
/// - `wtitul`: in titles only (one list, title norms);
/// - `wtrup`: in bodies only (one list, body norms), dense in some ranges of documents and thin in others;
/// - `wdyfish`: in titles and bodies (two lists), in bodies only in the first segment;
/// - `wkomun`: in most bodies, its frequency rising and falling by ranges (block bounds differ by window);
/// - `wrrall`: rare, with high frequencies (a clause that stays essential while the frequent ones drop
///   out: the lone-essential filter);
/// - `wvala`: in half the bodies once, and a wave of high frequencies every 1000 documents (a clause left
///   behind a window while its bound is low, essential again where the wave passes);
/// - `wprefa` … `wprefe` (`wpref*`: a word of several terms, the generic `scoreWindow`);
/// - `fil*`, `fila*` (more lists than `ExpandedWordCursor.threshold`: a word scored up front, generic path);
/// - phrases `"wtrup wkomun"` and `"wdyfish wkomun"` (PhraseCursor, generic path);
/// - copies of three template documents (identical scores: ties broken by the smaller id);
/// - 90 filler words (queries of 64 and of more than 64 clauses).
@Suite struct WindowedMaxScoreTests {
    static let documentCount = 10000
    static let filler: [String] = (0..<90).map { (i: Int) -> String in
        let a = Character(UnicodeScalar(UInt8(97 + i % 26))), b = Character(UnicodeScalar(UInt8(97 + i / 26)))
        return "fil" + String(a) + String(b) + "ra"
    }

    static let documents: [SourceDocument] = {
        var rng = SeededRandom(seed: 0x3A7D_0512)
        func fill(_ n: Int) -> [String] {
            (0..<n).map { _ in filler[min(filler.count - 1, Int(pow(Double(filler.count), Double.random(in: 0..<1, using: &rng))) - 1)] }
        }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        var templates: [(title: String, body: String)] = []
        for t in 0..<3 {
            var b = fill(10 + 7 * t)
            b += ["wkomun", "wtrup", "wdyfish", "wprefb", "wkomun"]
            if t == 2 { b += ["wrrall", "wtrup", "wkomun"] }
            templates.append((["wtitul", "wdyfish"].prefix(t).joined(separator: " "), b.joined(separator: " ")))
        }
        return (0..<documentCount).map { i in
            let title: String, text: String
            if i > 40 && chance(0.03) {
                (title, text) = templates[Int.random(in: 0..<3, using: &rng)]
            } else {
                var body = fill(Int.random(in: 3...60, using: &rng))
                func put(_ w: String, _ times: Int) {
                    for _ in 0..<times { body.insert(w, at: Int.random(in: 0...body.count, using: &rng)) }
                }
                let dense = (i / 1000) % 3 == 0
                if chance(0.9) { put("wkomun", Int.random(in: 1...(dense ? 8 : 1), using: &rng)) }
                if chance(dense ? 0.2 : 0.5) { put("wtrup", Int.random(in: 1...(dense ? 1 : 4), using: &rng)) }
                if chance(0.3) { put("wdyfish", Int.random(in: 1...3, using: &rng)) }
                if chance(0.008) { put("wrrall", Int.random(in: 2...9, using: &rng)) }
                // A frequent word with low window bounds except where a wave of high frequencies passes.
                if i % 1000 >= 900 && i % 1000 < 906 { put("wvala", 12) } else if chance(0.5) { put("wvala", 1) }
                for p in ["wprefa", "wprefb", "wprefc", "wprefd", "wprefe"] where chance(0.07) { put(p, Int.random(in: 1...3, using: &rng)) }
                if chance(0.15) { body.insert(contentsOf: ["wtrup", "wkomun"], at: Int.random(in: 0...body.count, using: &rng)) }
                if chance(0.15) { body.insert(contentsOf: ["wdyfish", "wkomun"], at: Int.random(in: 0...body.count, using: &rng)) }
                var t = fill(Int.random(in: 0...6, using: &rng))
                if chance(0.25) { for _ in 0..<Int.random(in: 1...2, using: &rng) { t.insert("wtitul", at: Int.random(in: 0...t.count, using: &rng)) } }
                if i >= documentCount / 3 && chance(0.2) { t.insert("wdyfish", at: Int.random(in: 0...t.count, using: &rng)) }
                title = t.joined(separator: " "); text = body.joined(separator: " ")
            }
            return SourceDocument(id: "win/\(i)", path: "win/\(i)", format: .text, title: title, type: .law, lang: .sq,
                                  number: nil, date: "2011-02-0\(i % 9 + 1)", institution: nil, text: text,
                                  contentHash: "w\(i)", byteCount: text.utf8.count)
        }
    }()

    static let plainSearcher: Searcher = {
        let reader = try! buildIndex(documents, in: try! makeTempDir("windowed-plain"), mode: .plain, segments: 2, deleteEvery: 7)
        return try! Searcher(reader: reader)
    }()

    static let fullSearcher: Searcher = {
        let reader = try! buildIndex(Array(documents.prefix(3000)), in: try! makeTempDir("windowed-full"), mode: .full,
                                     segments: 2, deleteEvery: 11)
        return try! Searcher(reader: reader)
    }()

    /// Queries for every path and pruning step (see the type's comment).
    static let queries = [
        "wkomun wtrup", "wtitul wkomun", "wdyfish wkomun", "wtitul wtrup", "wdyfish wtitul wtrup wkomun",
        "wrrall wkomun", "wrrall wtrup wkomun filaara", "wrrall wtitul", "wkomun wrrall wdyfish filbara filcara",
        "wpref* wkomun", "wpref* wtitul wdyfish", "wprefa wprefb wprefc wprefd wprefe wkomun",
        "\"wtrup wkomun\" wdyfish", "\"wdyfish wkomun\" wtitul wtrup", "\"wtrup wkomun\" wrrall wpref*",
        "title:wdyfish wkomun", "wkomun", "wrrall", "wvala wtrup wkomun", "wvala wtrup wtitul wdyfish",
        "wvala \"wtrup wkomun\" wpref*", "fil* wrrall", "wrrall wkomun fila*", 
        // A filter or an exclusion: `.windowedMaxScore` falls back to MaxScore.
        "wkomun wtrup -wtitul", "wvala wkomun type:law", "filaara filbara filcara wkomun wtrup wdyfish wtitul",
    ]

    static func request(_ q: String, k: Int, plain: Bool) -> SearchRequest {
        var r = SearchRequest(query: q, limit: k)
        r.analysis = plain ? .plain : .full
        r.matchInfo = false
        r.facets = false
        return r
    }

    @Test("windowed MaxScore equals the reference bit for bit (plain analysis: the word loops)", arguments: [1, 3, 10, 100])
    func plain(k: Int) throws {
        #expect(Self.plainSearcher.reader.segments.count >= 2)
        for q in Self.queries {
            let ref = try expectFastPathsMatchReference(Self.plainSearcher, Self.request(q, k: k, plain: true), tolerance: 0,
                                                        "\(q) k=\(k)")
            #expect(ref.hits.count == min(k, ref.total))
        }
        // Random disjunctions of the designed and filler words.
        var rng = SeededRandom(seed: 0x51DE + UInt64(k))
        let words = ["wkomun", "wtrup", "wdyfish", "wtitul", "wrrall", "wvala", "wpref*", "wprefc", "\"wtrup wkomun\""] + Self.filler.prefix(12)
        for _ in 0..<12 {
            let q = (0..<Int.random(in: 2...9, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            try expectFastPathsMatchReference(Self.plainSearcher, Self.request(q, k: k, plain: true), tolerance: 0, "\(q) k=\(k)")
        }
    }

    @Test("windowed MaxScore equals the reference bit for bit (full analysis: the generic path)", arguments: [1, 10, 100])
    func full(k: Int) throws {
        for q in Self.queries {
            try expectFastPathsMatchReference(Self.fullSearcher, Self.request(q, k: k, plain: false), tolerance: 0, "\(q) k=\(k)")
        }
    }

    @Test("k larger than the matches, 64 clauses (the widest mask) and 65 (MaxScore instead)")
    func edges() throws {
        let s = Self.plainSearcher
        for q in ["wrrall wtitul", "wrrall \"wtrup wkomun\"", "wrrall wprefe"] {
            let ref = try expectFastPathsMatchReference(s, Self.request(q, k: 5000, plain: true), tolerance: 0, q)
            #expect(ref.hits.count == ref.total && ref.total < 5000)
        }
        let designed = ["wkomun", "wtrup", "wdyfish", "wtitul", "wrrall", "wpref*"]
        for n in [63, 64, 65, 70] {
            // The designed words last, so that with 64 clauses bit 63 is a frequent word.
            let q = (Self.filler.prefix(n - designed.count) + designed).joined(separator: " ")
            for k in [1, 10, 100] {
                try expectFastPathsMatchReference(s, Self.request(q, k: k, plain: true), tolerance: 0, "\(n) clauses k=\(k)")
            }
            let plan = try QueryAnalyzer(reader: s.reader).plan(try QueryParser.parse(q), Self.request(q, k: 1, plain: true))
            if case .bool(_, let should, _) = plan.root { #expect(should.count == n) } else { Issue.record("\(n) clauses: root") }
        }
    }

    /// Window edges: `wkomun` in every document and no deletions, so that the windows are exactly
    /// 0…511, 512…1023, … in each segment (2 × 2048 documents); `wkufi` only at each window's last document
    /// and `wfillim` only at each window's first, their frequencies rising window by window, so that the
    /// best documents lie exactly on the edges (a window bound or loop that stops one short loses them).
    static let edgeSearcher: Searcher = {
        let docs = (0..<4096).map { i -> SourceDocument in
            let local = i % 2048, window = local / 512
            var body = ["wkomun"] + filler.prefix(6 + i % 5)
            if local % 512 == 511 { body += Array(repeating: "wkufi", count: 2 + window) }
            if local % 512 == 0 { body += Array(repeating: "wfillim", count: 2 + window) }
            if i % 3 == 0 { body.append("wtrup") }
            let text = body.joined(separator: " ")
            return SourceDocument(id: "edge/\(i)", path: "edge/\(i)", format: .text, title: local % 512 == 511 ? "wkufi" : "",
                                  type: .law, lang: .sq, number: nil, date: "2012-03-04", institution: nil, text: text,
                                  contentHash: "e\(i)", byteCount: text.utf8.count)
        }
        let reader = try! buildIndex(docs, in: try! makeTempDir("windowed-edges"), mode: .plain, segments: 2)
        return try! Searcher(reader: reader)
    }()

    @Test("documents exactly at a window's first and last id", arguments: [1, 3, 10])
    func windowEdges(k: Int) throws {
        #expect(Self.edgeSearcher.reader.segments.count == 2)
        for q in ["wkufi wkomun", "wkomun wkufi", "wfillim wkomun", "wkufi wfillim wkomun", "wkufi wtrup wkomun",
                  "wkufi wkomun wtrup wfillim"] {
            let ref = try expectFastPathsMatchReference(Self.edgeSearcher, Self.request(q, k: k, plain: true), tolerance: 0,
                                                        "\(q) k=\(k)")
            // The best documents are on the edges of the last windows.
            #expect(ref.hits.first.map { ["edge/2047", "edge/4095", "edge/1536", "edge/3584"].contains($0.id) } == true,
                    "\(q): \(ref.hits.first?.id ?? "-")")
        }
    }

    // MARK: - Instrumented runs: every scoreWindow call checked, pruning shown to happen

    /// What the instrumented cursors saw.
    final class Stats {
        var windows: [Int: Int] = [:]          // window start → end (any clause's scoreWindow)
        var scored: [[Int: Int]]               // per clause: window start → end
        var probed: [Set<Int>]                 // per clause: docs scored by the walk (probes)
        var blockMaxTargets: [[Int]]           // per clause
        var markedDocs = Set<Int>()           // docs marked by any clause's scoreWindow
        var boundCalls: [(clause: Int, target: Int, doc: Int)] = []
        var passedOver = 0, marked = 0, behindWhenEssential = 0
        init(_ n: Int) { scored = Array(repeating: [:], count: n); probed = Array(repeating: [], count: n)
                         blockMaxTargets = Array(repeating: [], count: n) }
    }

    /// A clause seen through a real cursor (`inner`); each `scoreWindow` call is checked against a second
    /// cursor of the same clause (`shadow`) driven the generic way: every document of the window scored,
    /// kept exactly when `!(s + rest <= theta)`, with the same score to the bit, and nothing else marked.
    final class Probe: ScoredCursor {
        let inner: ScoredCursor, shadow: ScoredCursor, stats: Stats, index: Int
        init(_ inner: ScoredCursor, shadow: ScoredCursor, stats: Stats, index: Int) {
            self.inner = inner; self.shadow = shadow; self.stats = stats; self.index = index
            super.init()
            maxScore = inner.maxScore; cost = inner.cost
        }
        override func next() throws { try inner.next(); doc = inner.doc }
        override func advance(to target: Int) throws { try inner.advance(to: target); doc = inner.doc }
        override func score() throws -> Double { stats.probed[index].insert(doc); return try inner.score() }
        override func blockMax(at target: Int) -> (bound: Double, end: Int) {
            stats.blockMaxTargets[index].append(target)
            stats.boundCalls.append((index, target, inner.doc))
            return inner.blockMax(at: target)
        }
        override func scoreWindow(from start: Int, through end: Int, rest: Double, theta: Double,
                                  column: UnsafeMutablePointer<Double>, masks: UnsafeMutablePointer<UInt64>, bit: UInt64,
                                  seen: UnsafeMutablePointer<UInt64>) throws {
            if doc < start { stats.behindWhenEssential += 1 }
            stats.windows[start] = end
            stats.scored[index][start] = end
            let span = end - start + 1
            #expect(span >= 1 && span <= WindowedMaxScore.width)
            let before = (0..<span).filter { masks[$0] & bit != 0 }.count
            #expect(before == 0, "masks of clause \(index) not cleared before window \(start)")
            try inner.scoreWindow(from: start, through: end, rest: rest, theta: theta, column: column, masks: masks,
                                  bit: bit, seen: seen)
            doc = inner.doc
            var kept = 0
            try shadow.advance(to: start)
            while shadow.doc <= end {
                let s = try shadow.score()
                let i = shadow.doc - start
                let mark = masks[i] & bit != 0
                #expect(mark == !(s + rest <= theta), "clause \(index) doc \(shadow.doc) window \(start)")
                if mark {
                    kept += 1
                    stats.markedDocs.insert(shadow.doc)
                    #expect(column[i].bitPattern == s.bitPattern, "clause \(index) doc \(shadow.doc): \(column[i]) vs \(s)")
                    #expect(seen[i >> 6] & (1 << UInt64(i & 63)) != 0)
                } else {
                    stats.passedOver += 1
                }
                try shadow.next()
            }
            stats.marked += kept
            #expect((0..<span).filter { masks[$0] & bit != 0 }.count == kept, "stray marks of clause \(index)")
            #expect(shadow.doc == inner.doc, "clause \(index) stops at \(inner.doc), the shadow at \(shadow.doc)")
        }
    }

    /// The disjunction's clauses over each segment: windowed MaxScore on instrumented cursors and the
    /// reference, both into a top k across segments; returns the stats per segment.
    static func instrumented(_ q: String, k: Int) throws -> [(stats: Stats, docs: [[Int]])] {
        let searcher = plainSearcher, reader = searcher.reader
        let r = request(q, k: k, plain: true)
        let plan = try QueryAnalyzer(reader: reader).plan(try QueryParser.parse(q), r)
        let scoring = Scoring(reader: reader, params: searcher.parameters)
        try scoring.prepare(plan, reader: reader)
        guard case .bool(let must, let should, let not) = plan.root, must.isEmpty, not.isEmpty else {
            Issue.record("\(q) is not a plain disjunction"); return []
        }
        var top = TopK(k: k), ref = TopK(k: k)
        var out: [(Stats, [[Int]])] = []
        for (si, segment) in reader.segments.enumerated() {
            let seg = SegmentScoring(segment: segment, index: si, scoring: scoring)
            let sq = SegmentQuery(plan: plan, seg: seg, base: reader.bases[si], scoring: scoring)
            let nodes = try should.filter { try sq.cursor($0) != nil }
            let stats = Stats(nodes.count)
            let probes = try nodes.enumerated().map { i, n in Probe(try sq.cursor(n)!, shadow: try sq.cursor(n)!, stats: stats, index: i) }
            if !probes.isEmpty { try WindowedMaxScore.run(probes, base: sq.base, top: &top) }
            try ReferenceScorer(q: sq, scores: true).topK(plan.root, into: &ref)
            // Every clause's documents, from fresh cursors.
            let docs: [[Int]] = try nodes.map { n in
                let c = try sq.cursor(n)!
                var ds: [Int] = []
                try c.next()
                while c.doc != ScoredCursor.end { ds.append(c.doc); try c.next() }
                return ds
            }
            out.append((stats, docs))
        }
        let a = top.sorted(), b = ref.sorted()
        #expect(a.map(\.doc) == b.map(\.doc), "\(q) k=\(k): ids")
        #expect(a.map(\.score.bitPattern) == b.map(\.score.bitPattern), "\(q) k=\(k): scores")
        return out
    }

    @Test("every pruning step fires, and every scoreWindow call marks exactly the documents that can win")
    func pruningIsActive() throws {
        var skippedWindows = 0, nonEssential = 0, passedOver = 0, dropped = 0, behind = 0, repeatedBounds = 0
        var probes = 0, unvisited = 0, windows = 0, marked = 0, leftBehind = 0
        for q in ["wkomun wtrup", "wdyfish wtitul wtrup wkomun", "wrrall wkomun", "wrrall wtrup wkomun filaara",
                  "wpref* wkomun wtitul", "\"wtrup wkomun\" wdyfish wkomun", "wtitul wtrup wdyfish", "wtrup wdyfish wtitul filaara filbara",
                  "wvala wtrup wkomun", "wvala wkomun", "wvala wtrup wtitul wdyfish"] {
            for k in [1, 3, 10, 100] {
                for (stats, docs) in try Self.instrumented(q, k: k) {
                    // A clause bounded at a scored window's start while standing before it: left behind.
                    let lb = stats.boundCalls.filter { stats.windows[$0.target] != nil && $0.doc < $0.target }.count
                    leftBehind += lb
                    windows += stats.windows.count
                    passedOver += stats.passedOver
                    marked += stats.marked
                    behind += stats.behindWhenEssential
                    let starts = stats.windows.keys.sorted()
                    func window(of d: Int) -> Int? {
                        // The scored window holding d, if any.
                        var lo = 0, hi = starts.count
                        while lo < hi { let m = (lo + hi) / 2; if starts[m] <= d { lo = m + 1 } else { hi = m } }
                        guard lo > 0, let e = stats.windows[starts[lo - 1]], d <= e else { return nil }
                        return starts[lo - 1]
                    }
                    for (i, ds) in docs.enumerated() {
                        probes += stats.probed[i].count
                        var nonEssentialHere = Set<Int>()
                        for d in ds {
                            guard let w = window(of: d) else { unvisited += 1; continue }
                            if stats.scored[i][w] == nil {
                                nonEssentialHere.insert(w)
                                // A non-essential clause's document, marked as a candidate by an essential
                                // clause, that it was never probed on: the walk dropped the candidate first.
                                if stats.markedDocs.contains(d) && !stats.probed[i].contains(d) { dropped += 1 }
                            }
                        }
                        nonEssential += nonEssentialHere.count
                        // Window bounds asked where no clause was scored: windows skipped whole.
                        skippedWindows += Set(stats.blockMaxTargets[i].filter { window(of: $0) == nil }).count
                        // More than one blockMax call inside one scored window: bounds over several blocks.
                        var perWindow: [Int: Int] = [:]
                        for t in stats.blockMaxTargets[i] { if let w = window(of: t) { perWindow[w, default: 0] += 1 } }
                        repeatedBounds += perWindow.values.filter { $0 > 1 }.count
                    }
                }
            }
        }
        let summary = "windows \(windows), skipped \(skippedWindows), non-essential \(nonEssential), passed over \(passedOver), "
            + "marked \(marked), dropped \(dropped), probes \(probes), behind \(behind), left behind \(leftBehind), unvisited \(unvisited), repeated bounds \(repeatedBounds)"
        print("WindowedMaxScoreTests.pruningIsActive: \(summary)")
        #expect(windows > 100 && skippedWindows > 10 && nonEssential > 10 && passedOver > 100 && marked > 1000, "\(summary)")
        #expect(dropped > 100 && probes > 100 && unvisited > 1000 && repeatedBounds > 10, "\(summary)")
        // Clauses left behind a window without being moved, some of them then essential in a later window
        // (scoreWindow moves them from behind its start).
        #expect(leftBehind > 100 && behind > 5, "\(summary)")
    }
}

/// The working memory a `Searcher` lends windowed MaxScore run after run: its masks and seen bits are zero
/// whenever it is handed out, whether the previous run cleared them (ended normally) or not (threw).
@Suite struct WindowScratchTests {
    private func markedWords(_ raw: UnsafeMutableRawPointer) -> Int {
        let words = WindowScratch.clauseOffset / 8
        let p = raw.bindMemory(to: UInt64.self, capacity: words)
        return (0..<words).filter { p[$0] != 0 }.count
    }

    @Test("after a run that threw, and after growing for more clauses, the masks and seen bits are zero")
    func zeroWhenHandedOut() {
        let s = WindowScratch()
        var raw = s.take(clauses: 3)
        #expect(markedWords(raw) == 0)
        // A run that marks slots and throws before its walk clears them.
        let words = WindowScratch.clauseOffset / 8
        let p = raw.bindMemory(to: UInt64.self, capacity: words)
        for i in stride(from: 0, to: words, by: 7) { p[i] = 0b101 }
        s.give(clean: false)
        raw = s.take(clauses: 3)
        #expect(markedWords(raw) == 0)
        s.give(clean: true)
        // More clauses than it holds: new memory, zero too; the columns of 40 clauses are writable.
        raw = s.take(clauses: 40)
        #expect(markedWords(raw) == 0)
        let columns = 40 * WindowedMaxScore.width
        let cols = (raw + WindowScratch.clauseOffset + 8 * 4 * 40).bindMemory(to: Double.self, capacity: columns)
        cols[columns - 1] = 1
        s.give(clean: true)
    }
}
