/// The parsed query, before analysis: what the user typed, structured (`QueryParser`).
public enum QueryNode: Sendable, Hashable {
    /// A bare word: `ligjit`, `arsim*`, `ligji~1`.
    case word(QueryWord)
    /// `"exact phrase"` or `"phrase"~N`.
    case phrase(QueryPhrase)
    /// `type:law`, `lang:sq`, `number:04/L-057`, `date:2012..2014`.
    case filter(QueryFilter)
    /// Clauses with Lucene's occurrences: all `must` match, no `mustNot` matches, and — when there is no
    /// `must` — at least one `should` matches (otherwise `should` clauses only add to the score).
    case bool(must: [QueryNode], should: [QueryNode], mustNot: [QueryNode])
}

/// Which text field a clause is restricted to (`title:` / `body:`); nil for both.
public enum TextField: String, Sendable, Hashable, Codable { case title, body }

public struct QueryWord: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case plain
        /// `pre*`
        case prefix
        /// `word~` (1) or `word~2`
        case fuzzy(Int)
    }
    public var text: String
    public var kind: Kind
    public var field: TextField?
    /// 0-based character offset in the query.
    public var offset: Int

    public init(text: String, kind: Kind, field: TextField?, offset: Int) {
        self.text = text; self.kind = kind; self.field = field; self.offset = offset
    }
}

public struct QueryPhrase: Sendable, Hashable {
    public var text: String
    /// Allowed positional distance (`~N`); 0 = adjacent, in order.
    public var slop: Int
    public var field: TextField?
    public var offset: Int

    public init(text: String, slop: Int, field: TextField?, offset: Int) {
        self.text = text; self.slop = slop; self.field = field; self.offset = offset
    }
}

public struct QueryFilter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case type(String)
        case lang(String)
        case number(String)
        /// Inclusive ISO bounds (`YYYY-MM-DD`), either may be open.
        case date(from: String?, through: String?)
    }
    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) { self.kind = kind; self.text = text }
}
