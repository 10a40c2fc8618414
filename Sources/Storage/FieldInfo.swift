/// What a field's postings hold (Lucene's IndexOptions).
public enum IndexOptions: UInt8, Sendable {
    /// Doc ids only (keyword filters: type, lang, number…).
    case docs = 0
    /// Doc ids and term frequencies.
    case freqs = 1
    /// Doc ids, frequencies and positions (full text).
    case positions = 2
}

/// One indexed field of a segment: its number (the first byte of every term key), name, what its postings
/// hold, and which norm slot (field-length bytes) scores it, if any.
public struct FieldInfo: Sendable, Hashable {
    public var number: Int
    public var name: String
    public var options: IndexOptions
    /// Index into the segment's norm slots (`SegmentInfo.normNames`), or nil for unnormed fields.
    public var normSlot: Int?

    public init(number: Int, name: String, options: IndexOptions, normSlot: Int?) {
        self.number = number; self.name = name; self.options = options; self.normSlot = normSlot
    }
}

/// Per-document metadata kept in the segment info file (for replace-by-id, skip-unchanged and statistics
/// without opening the document store).
public struct DocumentKey: Sendable, Hashable {
    public var id: String
    public var contentHash: String
    public var lang: String
    public var type: String
    public init(id: String, contentHash: String, lang: String, type: String) {
        self.id = id; self.contentHash = contentHash; self.lang = lang; self.type = type
    }
}
