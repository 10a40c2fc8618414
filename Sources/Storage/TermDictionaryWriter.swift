/// Writes the term dictionary (`.tdi`, index/README.md §4): terms in byte order, in blocks of
/// `TermDictionaryWriter.blockTerms` with prefix compression against the previous term, and at the end a
/// sparse index holding each block's first term, read into memory by `TermDictionaryReader`.
/// (The layout of Lucene's block-tree and tantivy's sstable term dictionaries, without the trie.)
public struct TermDictionaryWriter {
    public static let blockTerms = 32

    private var w = FileFormat.begin(.terms, capacity: 1 << 16)
    private var previous: [UInt8] = []
    private var count = 0
    private var index = ByteWriter()
    private var blocks = 0
    private var lastPostingsEnd = 0
    private var lastPositionsEnd = 0

    public init() {}

    /// Adds `term` (greater than the previous one in byte order) with its info; postings and positions must
    /// be contiguous in term order (each term's start is the previous term's end).
    public mutating func add(_ term: [UInt8], _ info: TermInfo) {
        precondition(count == 0 || previous.lexicographicallyPrecedes(term), "terms out of order")
        let bodyOffset = w.count - FileFormat.headerSize
        if count % Self.blockTerms == 0 {
            // Block start: full term, absolute offsets in the index.
            index.writeVarint(term.count)
            index.writeBytes(term)
            index.writeVarint(bodyOffset)
            index.writeVarint(info.postingsOffset)
            index.writeVarint(info.positionsOffset)
            blocks += 1
            previous = []
        } else {
            precondition(info.postingsOffset == lastPostingsEnd && info.positionsOffset == lastPositionsEnd,
                         "postings not contiguous")
        }
        var shared = 0
        let limit = min(previous.count, term.count)
        while shared < limit && previous[shared] == term[shared] { shared += 1 }
        w.writeVarint(shared)
        w.writeVarint(term.count - shared)
        w.writeBytes(term[shared...])
        w.writeVarint(info.docFreq)
        w.writeVarint(info.totalTermFreq - info.docFreq)
        w.writeVarint(info.postingsLength)
        w.writeVarint(info.positionsLength)
        previous = term
        lastPostingsEnd = info.postingsOffset + info.postingsLength
        lastPositionsEnd = info.positionsOffset + info.positionsLength
        count += 1
    }

    public var termCount: Int { count }

    /// Appends the sparse index and trailer and returns the file's bytes.
    public mutating func finish() -> [UInt8] {
        let indexOffset = w.count - FileFormat.headerSize
        w.writeVarint(blocks)
        w.writeBytes(index.bytes)
        w.writeUInt64(UInt64(indexOffset))
        w.writeUInt64(UInt64(count))
        return FileFormat.finish(&w)
    }
}
