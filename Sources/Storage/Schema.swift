/// The fields of an index and its norm slots (one field-length byte per document per slot). Written into
/// every segment info file, so a segment describes itself; the writer passes the same schema to every segment.
public struct Schema: Sendable, Hashable {
    public var fields: [FieldInfo]
    public var normSlots: [String]

    public init(fields: [FieldInfo], normSlots: [String]) {
        self.fields = fields; self.normSlots = normSlots
    }

    public func field(named name: String) -> FieldInfo? { fields.first { $0.name == name } }
}
