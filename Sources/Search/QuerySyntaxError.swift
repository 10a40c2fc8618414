/// A malformed query (`kerko search` exits 2 with this message).
///
/// `description` is one line: `query: unbalanced '(' at character 7`; `position` is that 1-based
/// character (Unicode scalar) number, `offset` the same position 0-based.
public struct QuerySyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based character number the message points at.
    public var position: Int
    public var offset: Int { position - 1 }

    public init(_ message: String, offset: Int) {
        self.message = message
        self.position = offset + 1
    }

    public var description: String { "query: \(message) at character \(position)" }
}

/// A request option that is not valid (`--since 20x4`): one line, `--since: invalid date '20x4' (…)`.
public struct SearchRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
