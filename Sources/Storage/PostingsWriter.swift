/// The in-memory inverted index of the segment being built (tantivy's `postings_writer`): for each field,
/// term → (doc ids, frequencies, positions), appended in doc order. `SegmentWriter` serializes it.
public final class PostingsWriter {
    public let fields: [FieldInfo]
    /// All mutable state in one struct: a hot loop takes it `inout` once (`batch`), so the per-token work
    /// runs without the dynamic exclusivity checks that class properties cost on every access.
    var state: State

    /// A term of a field, the key of the one term table (one flat dictionary: looking up in an array of
    /// dictionaries would copy — retain and release — the inner dictionary on every token).
    struct FieldTerm: Hashable {
        var field: Int
        var term: String
    }

    public struct State {
        let positionsByField: [Bool]
        var dictionary: [FieldTerm: Int] = [:]
        var lists: [TermPostings] = []
        var estimatedBytes = 0

        @inline(__always) mutating func id(field: Int, term: String) -> Int {
            let key = FieldTerm(field: field, term: term)
            if let i = dictionary[key] { return i }
            let i = lists.count
            lists.append(TermPostings())
            dictionary[key] = i
            estimatedBytes += term.utf8.count + 96
            return i
        }

        /// Records `term` of `field` at `position` in `doc`. Calls for one doc come before any later doc;
        /// positions of one term in one doc are non-decreasing (a repeated position is recorded once).
        @inline(__always)
        public mutating func add(field: Int, term: String, doc: UInt32, position: UInt32) {
            let i = id(field: field, term: term)
            let withPositions = positionsByField[field]
            lists[i].add(doc: doc, position: position, withPositions: withPositions, bytes: &estimatedBytes)
        }
    }

    struct TermPostings {
        var docs: [UInt32] = []
        var freqs: [UInt32] = []
        var positions: [UInt32] = []   // absolute positions, per doc in order
        var lastPosition: UInt32 = 0

        @inline(__always)
        mutating func add(doc: UInt32, position: UInt32, withPositions: Bool, bytes: inout Int) {
            if let last = docs.last, last == doc {
                if withPositions {
                    if lastPosition == position { return }
                    positions.append(position)
                    lastPosition = position
                    bytes += 4
                }
                freqs[freqs.count - 1] += 1
            } else {
                docs.append(doc)
                freqs.append(1)
                bytes += 8
                if withPositions {
                    positions.append(position)
                    lastPosition = position
                    bytes += 4
                }
            }
        }
    }

    public init(fields: [FieldInfo]) {
        self.fields = fields
        state = State(positionsByField: fields.map { $0.options == .positions })
    }

    /// Rough heap bytes held, for flush-by-RAM decisions.
    public var estimatedBytes: Int { state.estimatedBytes }
    var lists: [TermPostings] { state.lists }

    /// Runs `body` with the writer's state for many `add` calls (one exclusivity check for all of them).
    public func batch<R>(_ body: (inout State) throws -> R) rethrows -> R { try body(&state) }

    /// Records `term` of `field` at `position` in `doc` (see `State.add`).
    public func add(field: Int, term: String, doc: UInt32, position: UInt32) {
        state.add(field: field, term: term, doc: doc, position: position)
    }

    /// Records a whole posting at once (merges): `positions` sorted, its count is the frequency
    /// (for fields without positions pass `freq` and an empty array).
    public func add(field: Int, term: String, doc: UInt32, freq: UInt32, positions: [UInt32]) {
        let withPositions = fields[field].options == .positions
        batch { s in
            let i = s.id(field: field, term: term)
            s.lists[i].docs.append(doc)
            s.lists[i].freqs.append(freq)
            if withPositions { s.lists[i].positions.append(contentsOf: positions) }
            s.estimatedBytes += 8 + 4 * positions.count
        }
    }

    /// Terms of `field` sorted in byte order, with their list index.
    func sortedTerms(field: Int) -> [(bytes: [UInt8], list: Int)] {
        state.dictionary.compactMap { $0.key.field == field ? (Array($0.key.term.utf8), $0.value) : nil }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    public var termCount: Int { state.lists.count }

    /// The buffered terms of `field`, unordered.
    public func terms(field: Int) -> [String] { state.dictionary.keys.compactMap { $0.field == field ? $0.term : nil } }

    /// The buffered postings of one term (for tests and for the reference comparison).
    public func postings(field: Int, term: String) -> (docs: [UInt32], freqs: [UInt32], positions: [UInt32])? {
        guard let i = state.dictionary[FieldTerm(field: field, term: term)] else { return nil }
        return (state.lists[i].docs, state.lists[i].freqs, state.lists[i].positions)
    }
}

/// Serializes postings (`.pst`) and positions (`.pos`) term by term (index/README.md §5–6).
struct PostingsSerializer {
    var postings = FileFormat.begin(.postings, capacity: 1 << 20)
    var positions = FileFormat.begin(.positions, capacity: 1 << 20)
    let encoder: any BlockEncoder
    private var scratch = [UInt32](repeating: 0, count: blockSize)
    private(set) var postingCount = 0
    private(set) var positionCount = 0

    init(encoder: any BlockEncoder) { self.encoder = encoder }

    private func encode(_ values: ArraySlice<UInt32>, into w: inout ByteWriter) {
        let enc = encoder
        values.withUnsafeBufferPointer { enc.encode($0, into: &w) }
    }

    /// Writes one term's postings; `norms` are the field's norm bytes by doc (nil when unnormed).
    mutating func write(docs: [UInt32], freqs: [UInt32], positions pos: [UInt32], options: IndexOptions,
                        norms: [UInt8]?) -> TermInfo {
        let n = docs.count
        let postingsStart = postings.count - FileFormat.headerSize
        let positionsStart = positions.count - FileFormat.headerSize
        let blocks = (n + blockSize - 1) / blockSize
        var skips: [SkipEntry] = []
        var blockBytes = ByteWriter(capacity: n * 2)
        var prevDoc: UInt32 = 0
        var posCursor = 0
        var ttf = 0
        for b in 0..<blocks {
            let lo = b * blockSize, hi = min(n, lo + blockSize)
            var deltas = [UInt32](repeating: 0, count: hi - lo)
            var maxFreq: UInt32 = 0, minNorm: UInt8 = 255
            for k in lo..<hi {
                deltas[k - lo] = (b == 0 && k == 0) ? docs[k] : docs[k] - prevDoc
                prevDoc = docs[k]
                maxFreq = max(maxFreq, freqs[k])
                if let norms { minNorm = min(minNorm, norms[Int(docs[k])]) }
                ttf += Int(freqs[k])
            }
            if norms == nil { minNorm = 0 }
            let docStart = blockBytes.count
            let enc = encoder
            deltas.withUnsafeBufferPointer { g in
                if options == .docs {
                    _ = PostingsBlock.encode(gaps: g, freqs: nil, encoder: enc, into: &blockBytes)
                } else {
                    _ = freqs[lo..<hi].withUnsafeBufferPointer { f in
                        PostingsBlock.encode(gaps: g, freqs: f, encoder: enc, into: &blockBytes)
                    }
                }
            }
            let posStart = positions.count
            if options == .positions {
                var gaps: [UInt32] = []
                for k in lo..<hi {
                    var last: UInt32 = 0
                    for j in 0..<Int(freqs[k]) {
                        let p = pos[posCursor + j]
                        gaps.append(j == 0 ? p : p - last)
                        last = p
                    }
                    posCursor += Int(freqs[k])
                }
                positionCount += gaps.count
                var c = 0
                while c < gaps.count {
                    let e = min(gaps.count, c + blockSize)
                    let enc = encoder
                    gaps[c..<e].withUnsafeBufferPointer { enc.encode($0, into: &positions) }
                    c = e
                }
            }
            skips.append(SkipEntry(lastDoc: docs[hi - 1], docBytes: blockBytes.count - docStart,
                                   positionBytes: positions.count - posStart, maxFreq: maxFreq, minNorm: minNorm))
        }
        if blocks > 1 {
            var last: UInt32 = 0
            for s in skips {
                postings.writeVarint(UInt64(s.lastDoc - last)); last = s.lastDoc
                postings.writeVarint(s.docBytes)
                if options == .positions { postings.writeVarint(s.positionBytes) }
                if options != .docs { postings.writeVarint(UInt64(s.maxFreq - 1)) }
                if norms != nil { postings.writeUInt8(s.minNorm) }
            }
        }
        postings.writeBytes(blockBytes.bytes)
        postingCount += n
        if options == .docs { ttf = n }
        return TermInfo(docFreq: n, totalTermFreq: ttf, postingsOffset: postingsStart,
                        postingsLength: postings.count - FileFormat.headerSize - postingsStart,
                        positionsOffset: positionsStart,
                        positionsLength: positions.count - FileFormat.headerSize - positionsStart)
    }
}
