import KerkoCore

/// The analysis chain of one language and field (ANALYSIS.md §0, P0 and P2–P8), the same at index and query
/// time. Not thread-safe (it owns an ICU transliterator, a Snowball stemmer and a cache): one per task.
///
/// Speed: the whole text goes through the ICU word break iterator once; each distinct token's P5–P8
/// results are computed once and cached (ASCII tokens skip ICU entirely, see `Folder`).
public final class Analyzer {
    public let language: Language
    public let field: Field
    private let folder: Folder
    private let stopWords: Set<String>
    private let snowball: SnowballStemmer?
    private let albanian: AlbanianStemmer?
    /// Not checked for exclusive access at run time (swift_beginAccess on every token was ~10 % of the
    /// chain): only `entry` touches it, never re-entrantly, and an Analyzer is used by one task at a time.
    @exclusivity(unchecked) private var cache = TokenCache<Entry>(limit: Analyzer.cacheLimit)
    /// Times the cache forgot everything (the high bits of `Indexed.entry` keys).
    @exclusivity(unchecked) private var cacheEpoch = 0
    /// `isStop` of each cached entry, by cache index (small and dense: the indexing fast path reads it
    /// instead of the entry object).
    @exclusivity(unchecked) private var cachedIsStop: [Bool] = []
    /// P3: Kërko's segmenter (ICU's results, ICU itself only for scripts it does not handle).
    private let segmenter: WordSegmenter
    /// Scratch buffers of `forEachQueryToken` (capacity kept between calls; contents meaningless).
    @exclusivity(unchecked) private var scratchUnits: [UInt16] = []
    @exclusivity(unchecked) private var scratchWords: [WordSegment] = []
    /// Tests only: segment with ICU's iterator directly (the reference the segmenter is checked against).
    var useICUWordBreaker = false
    /// Bound on cached distinct tokens, so hostile input of unique tokens cannot grow memory without limit.
    static let cacheLimit = 200_000
    /// Longest token (UTF-16 units) whose characters are analyzed; a longer token keeps its offsets but its
    /// terms come from its first 255 units, as Lucene's StandardTokenizer caps tokens at 255 characters.
    /// (Also a guard: ICU's transliterator is quadratic on one multi-megabyte non-ASCII "word".)
    static let maxTokenLength = 255

    /// P5–P8 results of one token text. A class: a cached token is handed on (`Indexed`) with one retain,
    /// not one per string and array inside it.
    final class Entry {
        let normalized: String
        let folded: String
        let terms: [String]
        let isStop: Bool
        init(normalized: String, folded: String, terms: [String], isStop: Bool) {
            self.normalized = normalized; self.folded = folded; self.terms = terms; self.isStop = isStop
        }
    }

    public init(language: Language, field: Field = .body) throws {
        self.language = language
        self.field = field
        folder = try Folder()
        segmenter = WordSegmenter(locale: language.icuLocale)
        stopWords = try StopWords.set(for: language)
        switch language {
        case .sq: albanian = AlbanianStemmer(); snowball = nil
        case .en: albanian = nil; snowball = try SnowballStemmer(algorithm: "english")
        case .sr: albanian = nil; snowball = try SnowballStemmer(algorithm: "serbian")
        case .und: albanian = nil; snowball = nil
        }
    }

    // MARK: - Public API

    /// Analyzes `text` (P0, P2–P8): one token per word or number of the text (stop words included and
    /// flagged), plus keyword and joined-compound tokens.
    public func analyze(_ text: String) throws -> [AnalyzedToken] {
        var out: [AnalyzedToken] = []
        out.reserveCapacity(text.utf8.count / 6)   // ≈ one token per 7 bytes of prose
        // Offsets: UTF-16 (input) → scalar index, advanced monotonically.
        var offsets = ScalarOffsets()
        try run(text) { input, s0, e0, ref, kind, position in
            let entry = resolve(ref)
            let (sc, ec) = offsets.range(input, s0, e0)
            out.append(AnalyzedToken(text: String.fromUTF16(input, s0..<e0), start: sc, end: ec,
                                     utf16Start: s0, utf16End: e0, normalized: entry.normalized,
                                     folded: entry.folded, terms: entry.terms, isStop: entry.isStop, kind: kind,
                                     position: position))
        }
        return out
    }

    /// What indexing needs of one non-stop token: the fast path of `analyze` (no offsets, no original text,
    /// no array of tokens; same positions, terms and folded forms).
    public struct Indexed {
        public var position: Int
        /// The token's analysis (shared with the cache).
        let analysis: Entry
        /// P8 terms, primary first (`text.stem`).
        public var terms: [String] { analysis.terms }
        /// P6 form (`text.exact`).
        public var folded: String { analysis.folded }
        public var kind: AnalyzedToken.Kind
        /// Names this token's cached analysis: tokens with the same non-negative key have the same `terms`
        /// and `folded` (in this analyzer), so an indexer may remember what it did with them by key;
        /// −1 when the token's analysis is not cached (keywords, uncacheable tokens).
        public var entry: Int
    }

    /// Calls `body` for every non-stop token of `text`, in order (the indexing fast path).
    public func forEachTerm(_ text: String, _ body: (Indexed) -> Void) throws {
        try run(text) { _, _, _, ref, kind, position in
            if !ref.isStop {
                body(Indexed(position: position, analysis: resolve(ref), kind: kind, entry: ref.key))
            }
        }
    }

    /// `forEachTerm` for callers that remember what they did per `Indexed.entry` key: for every non-stop
    /// token whose analysis is cached, `known(entry, position, kind)` is called first, and `body` only when
    /// it returns false (and for every token whose analysis is not cached). A token `known` accepts costs
    /// no access to its analysis (no reference counting, no look-up of its terms).
    public func forEachTerm(_ text: String, known: (_ entry: Int, _ position: Int, _ kind: AnalyzedToken.Kind) -> Bool,
                            _ body: (Indexed) -> Void) throws {
        try run(text) { _, _, _, ref, kind, position in
            if ref.isStop { return }
            if ref.key >= 0 && known(ref.key, position, kind) { return }
            body(Indexed(position: position, analysis: resolve(ref), kind: kind, entry: ref.key))
        }
    }

    /// What a query needs of one token of `analyze`: the same analysis, kind and position, without the
    /// original text and offsets (only the UTF-16 start, which orders tokens as `start` does).
    public struct QueryToken {
        public var position: Int
        public var kind: AnalyzedToken.Kind
        /// `AnalyzedToken.utf16Start`.
        public var utf16Start: Int
        /// The token's analysis (shared with the cache: one retain, no copies of its strings).
        let analysis: Entry
        public var normalized: String { analysis.normalized }
        public var folded: String { analysis.folded }
        public var terms: [String] { analysis.terms }
        public var isStop: Bool { analysis.isStop }
    }

    /// Calls `body` for every token `analyze(text)` returns, in order, with the fields a query reads (the
    /// query path: a few words per call, so it reuses the analyzer's UTF-16 and segment buffers instead
    /// of allocating them per call, and builds no `AnalyzedToken`).
    public func forEachQueryToken(_ text: String, _ body: (QueryToken) throws -> Void) throws {
        if text.isEmpty { return }
        // Taken out of the analyzer while in use, so that they are uniquely referenced (no copy on write).
        var units = scratchUnits, words = scratchWords
        scratchUnits = []; scratchWords = []
        defer { scratchUnits = units; scratchWords = words }
        units.removeAll(keepingCapacity: true)
        text.appendUTF16(to: &units)
        try run(units, &words) { _, s0, _, ref, kind, position in
            try body(QueryToken(position: position, kind: kind, utf16Start: s0, analysis: resolve(ref)))
        }
    }

    /// P5–P8 for one word as a query parser needs it (no word breaking): the folded form and the terms.
    public func analyzeWord(_ word: String) throws -> (folded: String, terms: [String], isStop: Bool) {
        let e = resolve(try entry(for: word, isNumber: word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }))
        return (e.folded, e.terms, e.isStop)
    }

    // MARK: - The chain

    /// A kept word segment (UTF-16 range in the repaired text).
    private struct Piece {
        var start: Int      // UTF-16 in the (repaired) text
        var end: Int
        var isNumber: Bool
        var isLetterWord: Bool
    }

    /// The chain on `text`: calls `emit` with the input's UTF-16 units, each token's UTF-16 range in the input,
    /// a reference to its P4c–P8 entry (`resolve` gives the entry), kind and position, in order.
    private func run(_ text: String,
                     _ emit: (_ input: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, _ entry: EntryRef,
                              _ kind: AnalyzedToken.Kind, _ position: Int) throws -> Void) throws {
        if text.isEmpty { return }
        var words: [WordSegment] = []
        try run(text.utf16Array(), &words, emit)
    }

    /// `run` on the UTF-16 units of the text; `words` is scratch space for the word segments.
    private func run(_ input: [UInt16], _ words: inout [WordSegment],
                     _ emit: (_ input: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int, _ entry: EntryRef,
                              _ kind: AnalyzedToken.Kind, _ position: Int) throws -> Void) throws {
        // ICU takes int32_t lengths.
        guard input.count < Int(Int32.max) else {
            throw KerkoError.invalidInput("text too long to analyze: \(input.count) UTF-16 units (limit \(Int32.max - 1))")
        }
        // P0
        let (u, inputIndex) = MojibakeRepair.repair(input)
        // P2
        let specials = SpecialTokens.scan(u)
        // P3: the word segments (rule status ≥ 100), collected first so that the token loop below is one
        // plain loop (a closure per segment made its state heap-boxed and checked at run time).
        words.removeAll(keepingCapacity: true)
        words.reserveCapacity(u.count / 6 + 1)
        try u.withUnsafeBufferPointer { buf in
            if useICUWordBreaker {
                try WordBreaker.forEachWord(buf, locale: language.icuLocale) { words.append($0) }
            } else {
                try segmenter.forEachWord(buf) { words.append($0) }
            }
        }

        try input.withUnsafeBufferPointer { inputBuf in
          try u.withUnsafeBufferPointer { buf in
            var position = -1
            var prev: Piece? = nil
            var specialIndex = 0

            @inline(__always)
            func token(_ s: Int, _ e: Int, _ entry: EntryRef, _ kind: AnalyzedToken.Kind) throws {
                if inputIndex == nil {
                    try emit(inputBuf, s, e, entry, kind, position)
                } else {
                    try emit(inputBuf, inputIndex![s], inputIndex![e], entry, kind, position)
                }
            }
            func text(_ s: Int, _ e: Int) -> String { String.fromUTF16(buf, s..<e) }

            for seg in words {
                var piece = Piece(start: seg.start, end: seg.end, isNumber: seg.isNumber,
                                  isLetterWord: seg.ruleStatus >= 200 && seg.ruleStatus < 300)
                var joinedTo: Piece? = nil
                if let p = prev, p.isLetterWord, piece.isLetterWord, p.end + 1 == piece.start,
                   TokenFixes.isHyphen(buf[p.end]) {
                    // P4b: a suffix written after an acronym and a hyphen is dropped.
                    let suffix = try folder.normalize(text(piece.start, piece.end))
                    if TokenFixes.acronymSuffixes.contains(suffix), TokenFixes.isAcronym(Substring(text(p.start, p.end))) {
                        prev = nil
                        continue
                    }
                    joinedTo = p
                }
                // P4a elision.
                if piece.isLetterWord { piece.start += TokenFixes.elision(buf, start: piece.start, end: piece.end) }
                position += 1
                try token(piece.start, piece.end, try entry(buf, piece.start, piece.end, isNumber: piece.isNumber),
                          piece.isNumber ? .number : .word)
                // P4 joined compound (projekt-ligji → projektligji), at the position of its last part.
                if let p = joinedTo {
                    let joined = text(p.start, p.end) + text(piece.start, piece.end)
                    try token(p.start, piece.end, try entry(for: joined, isNumber: false), .joined)
                }
                // P2 keywords, after the last word they cover, at its position.
                while specialIndex < specials.count, specials[specialIndex].end <= piece.end {
                    let m = specials[specialIndex]
                    let k = Entry(normalized: m.keyword, folded: m.keyword, terms: [m.keyword], isStop: false)
                    try token(m.start, m.end, EntryRef(direct: k), .keyword)
                    specialIndex += 1
                }
                prev = piece
            }
            // A special token every word of which was dropped (cannot happen with the two P2 patterns, whose
            // last character is a digit): still emitted, at the last position.
            for m in specials[specialIndex...] {
                try token(m.start, m.end, EntryRef(direct: Entry(normalized: m.keyword, folded: m.keyword,
                                                                  terms: [m.keyword], isStop: false)), .keyword)
            }
          }
        }
    }

    /// A token's P4c–P8 entry as the chain hands it on: the cache index (the entry is read from the cache
    /// only if someone needs it) or the entry itself, its cache key (`Indexed.entry`, −1 if not cached)
    /// and whether it is a stop word.
    struct EntryRef {
        var index = -1
        var key = -1
        var isStop = false
        var direct: Entry? = nil

        init(index: Int, key: Int, isStop: Bool, direct: Entry?) {
            self.index = index; self.key = key; self.isStop = isStop; self.direct = direct
        }

        /// An uncached entry.
        init(direct: Entry) { self.isStop = direct.isStop; self.direct = direct }
    }

    /// The entry `r` refers to (valid until the next cache insertion).
    @inline(__always)
    private func resolve(_ r: EntryRef) -> Entry { r.direct ?? cache.values[r.index] }

    /// P4c–P8 for the token `buf[s..<e]`, cached by its UTF-16 units, with its cache key (`Indexed.entry`).
    @inline(__always)
    private func entry(_ buf: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, isNumber: Bool) throws -> EntryRef {
        var e = e
        if e - s > Self.maxTokenLength {
            e = s + Self.maxTokenLength
            if UTF16.isLeadSurrogate(buf[e - 1]) { e -= 1 }   // never split a surrogate pair
        }
        let h = TokenCache<Entry>.hash(buf, s, e)
        if let k = cache.findIndex(buf, s, e, isNumber: isNumber, hash: h) {
            return EntryRef(index: k, key: cacheEpoch << 32 | k, isStop: cachedIsStop[k], direct: nil)
        }
        let value = try compute(String.fromUTF16(buf, s..<e), isNumber: isNumber)
        let before = cache.count
        cache.insert(buf, s, e, isNumber: isNumber, hash: h, value)
        let after = cache.count
        if after < before {                                 // the cache forgot everything first
            cacheEpoch += 1
            cachedIsStop.removeAll(keepingCapacity: true)
        }
        if after == before || after == 0 { return EntryRef(direct: value) }   // not cached
        cachedIsStop.append(value.isStop)
        return EntryRef(index: after - 1, key: cacheEpoch << 32 | (after - 1), isStop: value.isStop, direct: value)
    }

    /// P4c–P8 for one token text, cached.
    func entry(for word: String, isNumber: Bool) throws -> EntryRef {
        let u = Array(word.utf16)
        return try u.withUnsafeBufferPointer { try entry($0, 0, $0.count, isNumber: isNumber) }
    }

    /// P4c–P8 for one token text (§1.7 look-alikes, P5, P4c, P6, P7, P8).
    private func compute(_ word: String, isNumber: Bool) throws -> Entry {
        var normalized = try folder.normalize(LookAlikes.latinize(word))
        if !isNumber, let abbr = TokenFixes.abbreviation(normalized) { normalized = abbr }
        let folded = try folder.fold(normalized: normalized)
        let e: Entry
        if isNumber || folded.isEmpty {
            e = Entry(normalized: normalized, folded: folded, terms: [folded], isStop: false)
        } else {
            e = Entry(normalized: normalized, folded: folded, terms: try stems(folded),
                      isStop: stopWords.contains(folded))
        }
        return e
    }

    /// P8 for a folded word.
    private func stems(_ folded: String) throws -> [String] {
        switch language {
        case .sq: return albanian!.stems(folded)
        case .en: return [snowball!.stem(folded)]
        case .sr: return [try folder.fold(normalized: snowball!.stem(folded))]   // §5: fold again (đ → dj)
        case .und: return [folded]
        }
    }
}

/// Converts UTF-16 offsets of a text to Unicode-scalar offsets, walking from the previous offset (forwards,
/// or backwards for the short step back to a keyword's start). A surrogate pair is one scalar; a Swift
/// string never holds a lone surrogate.
struct ScalarOffsets {
    private var utf16Pos = 0
    private var scalarPos = 0

    private mutating func seek(_ u: UnsafeBufferPointer<UInt16>, _ target: Int) -> Int {
        while utf16Pos > target {
            utf16Pos -= 1
            if !UTF16.isTrailSurrogate(u[utf16Pos]) { scalarPos -= 1 }
        }
        while utf16Pos < target {
            if !UTF16.isTrailSurrogate(u[utf16Pos]) { scalarPos += 1 }
            utf16Pos += 1
        }
        return scalarPos
    }

    /// The scalar range of the UTF-16 range `s..<e` of `u`.
    mutating func range(_ u: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int) -> (Int, Int) {
        let a = seek(u, s)
        return (a, seek(u, e))
    }
}
