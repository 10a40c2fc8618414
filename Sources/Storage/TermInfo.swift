/// What the term dictionary holds for one term: its statistics and where its postings and positions start.
public struct TermInfo: Sendable, Hashable {
    /// Number of documents containing the term.
    public var docFreq: Int
    /// Total occurrences (sum of the frequencies; equals `docFreq` for doc-only fields).
    public var totalTermFreq: Int
    /// Byte range of the term's postings in the `.pst` body.
    public var postingsOffset: Int
    public var postingsLength: Int
    /// Byte offset of the term's positions in the `.pos` body (0 length for fields without positions).
    public var positionsOffset: Int
    public var positionsLength: Int

    public init(docFreq: Int, totalTermFreq: Int, postingsOffset: Int, postingsLength: Int,
                positionsOffset: Int, positionsLength: Int) {
        self.docFreq = docFreq; self.totalTermFreq = totalTermFreq
        self.postingsOffset = postingsOffset; self.postingsLength = postingsLength
        self.positionsOffset = positionsOffset; self.positionsLength = positionsLength
    }
}
