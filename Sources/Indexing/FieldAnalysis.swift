import Analysis
import Ingest
import KerkoCore
import Storage

/// SourceDocument → terms of each field, added to a `PostingsWriter` for one doc id.
///
/// Body: the text is split into paragraphs with their identified language
/// (`LanguageIdentifier.paragraphs`); a paragraph of undetermined language takes the document's language,
/// which is the declared one, else the identified one, else Albanian. Consecutive paragraphs of one
/// language are analyzed in one call; positions run on across calls (so phrase queries never span a
/// language switch falsely: each run starts one position after the previous run's last).
/// Stop words are not indexed but keep their positions (phrase queries leave gaps for them).
/// Not thread-safe (analyzers are not): one per writer.
public final class FieldAnalysis {
    /// What is indexed.
    public enum Mode: String, Sendable {
        /// The product's analysis: per-paragraph language, stems in `*.stem`, folded forms in `*.exact`.
        case full
        /// Lowercase + diacritic folding only, no stop words, no stemming, one term space (`*.stem`
        /// holds the folded forms; `*.exact` stays empty): what the peer engines of ../shared/peers do,
        /// for like-for-like size and speed comparisons.
        case plain
    }

    private var analyzers: [Language: Analyzer] = [:]
    public let mode: Mode

    /// The postings writer's term ids of each cached token analysis (`Analyzer.Indexed.entry`), per analyzer
    /// and field pair, so a repeated token — most tokens of prose — skips the writer's term table.
    private final class TermIDMemo {
        struct Slot {
            var key = -1
            /// Term ids of the stem field (−1: none) and of the exact field (−1: none).
            var stem: Int32 = -1
            var exact: Int32 = -1
        }
        var writer: UInt64 = 0
        @exclusivity(unchecked) var slots: [Slot] = []
    }
    private struct MemoKey: Equatable { var lang: Language; var field: Int }
    /// Few (languages × text fields), so a list searched from the front.
    private var memos: [(key: MemoKey, memo: TermIDMemo)] = []

    public init(mode: Mode = .full) { self.mode = mode }

    /// The last analyzer handed out (documents mostly repeat their predecessor's language; a dictionary
    /// look-up hashes the language's raw string every time).
    private var lastAnalyzer: (lang: Language, analyzer: Analyzer)?

    func analyzer(_ lang: Language) throws -> Analyzer {
        if let l = lastAnalyzer, l.lang == lang { return l.analyzer }
        let a: Analyzer
        if let cached = analyzers[lang] { a = cached } else {
            a = try Analyzer(language: lang, field: .body)
            analyzers[lang] = a
        }
        lastAnalyzer = (lang, a)
        return a
    }

    /// The language a document is indexed under.
    public static func documentLanguage(_ doc: SourceDocument) -> Language {
        if doc.lang != .und { return doc.lang }
        let sample = doc.text.unicodeScalars.prefix(8000)
        let id = LanguageIdentifier.identify(String(String.UnicodeScalarView(sample)))
        return id == .und ? .sq : id
    }

    /// Adds `doc`'s terms as doc id `docID`; returns the field lengths per norm slot (title, body).
    public func index(_ doc: SourceDocument, lang: Language, docID: UInt32, into p: PostingsWriter) throws -> [Int] {
        var lengths = [0, 0]
        // Title.
        if !doc.title.isEmpty {
            lengths[IndexSchema.titleSlot] = try addText(doc.title, lang: mode == .plain ? .und : lang, base: 0, doc: docID,
                                                         stem: IndexSchema.titleStem, exact: IndexSchema.titleExact, into: p).count
        }
        // Body, per language run.
        var position: UInt32 = 0
        var count = 0
        if mode == .plain {
            // One run, the whole text (no language runs, so no scalar offsets to walk).
            let r = try addText(doc.text, lang: .und, base: 0, doc: docID, stem: IndexSchema.bodyStem,
                                exact: IndexSchema.bodyExact, into: p)
            lengths[IndexSchema.bodySlot] = r.count
            addKeywords(doc, lang: lang, docID: docID, into: p)
            return lengths
        }
        let scalars = doc.text.unicodeScalars
        var cursor = scalars.startIndex, cursorOffset = 0
        func index(at offset: Int) -> String.UnicodeScalarView.Index {
            cursor = scalars.index(cursor, offsetBy: offset - cursorOffset)
            cursorOffset = offset
            return cursor
        }
        let paragraphs = LanguageIdentifier.paragraphs(doc.text)
        var runs: [(start: Int, end: Int, lang: Language)] = []
        for p in paragraphs {
            let l = p.lang == .und ? lang : p.lang
            if let last = runs.last, last.lang == l { runs[runs.count - 1].end = p.end } else { runs.append((p.start, p.end, l)) }
        }
        for run in runs {
            let a = index(at: run.start), b = index(at: run.end)
            let text = String(scalars[a..<b])
            let r = try addText(text, lang: run.lang, base: position, doc: docID,
                                stem: IndexSchema.bodyStem, exact: IndexSchema.bodyExact, into: p)
            count += r.count
            if r.next > position { position = r.next + 1 }
        }
        lengths[IndexSchema.bodySlot] = count
        addKeywords(doc, lang: lang, docID: docID, into: p)
        return lengths
    }

    /// The keyword fields (doc ids only, lowercased values).
    private func addKeywords(_ doc: SourceDocument, lang: Language, docID: UInt32, into p: PostingsWriter) {
        func key(_ field: Int, _ value: String?) {
            guard let v = value?.lowercased(), !v.isEmpty else { return }
            p.add(field: field, term: v, doc: docID, position: 0)
        }
        key(IndexSchema.type, doc.type.rawValue)
        key(IndexSchema.lang, lang.rawValue)
        key(IndexSchema.number, doc.number)
        key(IndexSchema.date, doc.date)
        key(IndexSchema.year, doc.date.map { String($0.prefix(4)) })
        key(IndexSchema.institution, doc.institution)
        for c in doc.citedNumbers { key(IndexSchema.cites, c) }
        key(IndexSchema.gazette, doc.gazette)
    }

    /// Indexes `text` from position `base`: stems into `stem`, folded forms into `exact` (full mode only).
    /// Uses the analyzer's indexing fast path (`forEachTerm`: no token texts or offsets). Returns the number
    /// of indexed word and number tokens and the position after the last one.
    private func addText(_ text: String, lang: Language, base: UInt32, doc: UInt32, stem: Int, exact: Int,
                         into p: PostingsWriter) throws -> (count: Int, next: UInt32) {
        let a = try analyzer(lang)
        var count = 0
        var next = base
        let withExact = mode == .full
        let memoKey = MemoKey(lang: lang, field: stem)
        let memo: TermIDMemo
        if let m = memos.first(where: { $0.key == memoKey }) { memo = m.memo } else {
            memo = TermIDMemo()
            memos.append((memoKey, memo))
        }
        if memo.writer != p.identity {
            memo.slots.removeAll(keepingCapacity: true)
            memo.writer = p.identity
        }
        try p.batch { s in
            // A token seen before (same analysis cache key) is added by the term ids remembered for it,
            // without touching its analysis; the others take the terms' path and are remembered.
            try a.forEachTerm(text, known: { key, position, kind in
                let slot = key & 0xffff_ffff
                guard slot < memo.slots.count, memo.slots[slot].key == key else { return false }
                let m = memo.slots[slot]
                let pos = base + UInt32(position)
                if kind == .word || kind == .number { count += 1 }
                next = pos + 1
                if m.stem >= 0 { s.add(termID: Int(m.stem), field: stem, doc: doc, position: pos) }
                if m.exact >= 0 { s.add(termID: Int(m.exact), field: exact, doc: doc, position: pos) }
                return true
            }) { t in
                let pos = base + UInt32(t.position)
                if t.kind == .word || t.kind == .number { count += 1 }
                next = pos + 1
                var m = TermIDMemo.Slot(key: t.entry)
                var stems = 0
                for term in t.terms where !term.isEmpty {
                    let id = s.termID(field: stem, term: term)
                    s.add(termID: id, field: stem, doc: doc, position: pos)
                    m.stem = Int32(id)
                    stems += 1
                }
                if withExact && !t.folded.isEmpty {
                    let id = s.termID(field: exact, term: t.folded)
                    s.add(termID: id, field: exact, doc: doc, position: pos)
                    m.exact = Int32(id)
                }
                // Remembered only when one stem term (or none) was indexed; several stems take this path each time.
                if t.entry >= 0 && stems <= 1 {
                    let slot = t.entry & 0xffff_ffff
                    if slot >= memo.slots.count {
                        memo.slots.append(contentsOf: repeatElement(TermIDMemo.Slot(), count: slot + 1 - memo.slots.count))
                    }
                    memo.slots[slot] = m
                }
            }
        }
        return (count, next)
    }
}
