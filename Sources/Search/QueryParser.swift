import KerkoCore

/// Parses the query syntax of `../shared/spec/CLI.md` into a `QueryNode` (recursive descent).
///
/// Grammar (lowest precedence first; juxtaposition is Lucene's default OR with `+`/`-` occurrences):
/// ```
/// or    := seq ('OR' seq)*
/// seq   := and+                      -- words: any may match; +x must, -x / NOT x must not
/// and   := unary ('AND' unary)*
/// unary := ('NOT' | '+' | '-') unary | primary
/// primary := '(' or ')' | '"' words '"' ('~' N)? | field ':' primary | filter ':' value | word ('*' | '~' N?)?
/// ```
/// Filters (`type:` `lang:` `number:` `date:`) are required in a sequence unless negated.
/// Errors are `QuerySyntaxError`s pointing at the offending character.
public struct QueryParser {
    enum Token: Equatable {
        case lparen, rparen, and, or, not, plus, minus
        case word(String)
        case phrase(String, slop: Int)
        /// `name:` (lower-cased field name)
        case field(String)
        case filterValue(String)
        case end
    }

    private var tokens: [(Token, Int)] = []
    private var index = 0
    static let textFields: Set<String> = ["title", "body"]
    static let filterFields: Set<String> = ["type", "lang", "number", "date"]

    public init() {}

    /// Parses `query`; throws `QuerySyntaxError`.
    public static func parse(_ query: String) throws -> QueryNode {
        var p = QueryParser()
        p.tokens = try Self.lex(query)
        if p.tokens.count == 1 { throw QuerySyntaxError("empty query", offset: 0) }
        let node = try p.parseOr()
        if case (let t, let off) = p.tokens[p.index], t != .end {
            if t == .rparen { throw QuerySyntaxError("unbalanced ')'", offset: off) }
            throw QuerySyntaxError("unexpected input", offset: off)
        }
        return node
    }

    // MARK: - Lexer

    /// The tokens of `query`, lexed over its Unicode scalars written to a temporary (stack) buffer: no
    /// array per query. Never more scalars than UTF-8 bytes.
    static func lex(_ query: String) throws -> [(Token, Int)] {
        var q = query
        return try q.withUTF8 { b in
            try withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: b.count) { buf in
                // `query.unicodeScalars`, decoded by hand (a String's UTF-8 is always well-formed).
                var i = 0, k = 0
                while i < b.count {
                    let c = UInt32(b[i])
                    var v: UInt32
                    if c < 0x80 {
                        v = c; i += 1
                    } else if c < 0xE0 {
                        v = (c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2
                    } else if c < 0xF0 {
                        v = (c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3
                    } else {
                        v = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
                        v |= UInt32(b[i + 3] & 0x3F); i += 4
                    }
                    buf[k] = Unicode.Scalar(v).unsafelyUnwrapped; k += 1
                }
                return try lex(UnsafeBufferPointer(rebasing: buf[..<k]))
            }
        }
    }

    /// Unicode White_Space; ASCII answered without the property tables (tab … carriage return, space).
    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (c.value == 0x20 || (c.value >= 0x09 && c.value <= 0x0D)) : c.properties.isWhitespace
    }

    /// The text of `s[r]`, written straight as UTF-8 (building a `String.UnicodeScalarView` from a slice appends
    /// scalar by scalar).
    static func string(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ r: Range<Int>) -> String {
        var bytes = 0
        for i in r { bytes += UTF8.width(s[i]) }
        return String(unsafeUninitializedCapacity: bytes) { buf in
            var k = 0
            for i in r { UTF8.encode(s[i]) { buf[k] = $0; k += 1 } }
            return k
        }
    }

    static func lex(_ s: UnsafeBufferPointer<Unicode.Scalar>) throws -> [(Token, Int)] {
        var out: [(Token, Int)] = []
        out.reserveCapacity(s.count / 2 + 2)   // at most one token per two characters, and the end
        var i = 0
        var depth: [Int] = []
        var afterFilterField = false
        while i < s.count {
            let c = s[i]
            if isSpace(c) {
                if afterFilterField, let last = out.last { throw QuerySyntaxError("missing value after '\(fieldName(last.0)):'", offset: last.1) }
                i += 1; continue
            }
            if afterFilterField {
                // A filter value runs to the next space or ')'.
                let start = i
                while i < s.count, !isSpace(s[i]), s[i] != ")" { i += 1 }
                if i == start { throw QuerySyntaxError("missing value after '\(fieldName(out.last!.0)):'", offset: out.last!.1) }
                out.append((.filterValue(Self.string(s, start..<i)), start))
                afterFilterField = false
                continue
            }
            switch c {
            case "(":
                depth.append(i); out.append((.lparen, i)); i += 1
            case ")":
                if depth.isEmpty { throw QuerySyntaxError("unbalanced ')'", offset: i) }
                depth.removeLast(); out.append((.rparen, i)); i += 1
            case "\"":
                let start = i
                i += 1
                let textStart = i
                while i < s.count, s[i] != "\"" { i += 1 }
                if i >= s.count { throw QuerySyntaxError("unterminated '\"'", offset: start) }
                let text = Self.string(s, textStart..<i)
                i += 1
                var slop = 0
                if i < s.count, s[i] == "~" {
                    let tilde = i
                    i += 1
                    let ds = i
                    while i < s.count, s[i].properties.numericType != nil, s[i].isASCII { i += 1 }
                    if i == ds { throw QuerySyntaxError("expected a number after '~'", offset: tilde) }
                    guard let n = Int(Self.string(s, ds..<i)), n <= 1000 else {
                        throw QuerySyntaxError("phrase distance too large", offset: ds)
                    }
                    slop = n
                }
                if text.unicodeScalars.allSatisfy(isSpace) { throw QuerySyntaxError("empty phrase", offset: start) }
                out.append((.phrase(text, slop: slop), start))
            case "+", "-":
                if i + 1 >= s.count || isSpace(s[i + 1]) { throw QuerySyntaxError("nothing after '\(c)'", offset: i) }
                out.append((c == "+" ? .plus : .minus, i)); i += 1
            default:
                let start = i
                while i < s.count, !isSpace(s[i]), s[i] != "(", s[i] != ")", s[i] != "\"" {
                    if s[i] == ":" {
                        let name = Self.string(s, start..<i).lowercased()
                        if textFields.contains(name) || filterFields.contains(name) { break }
                    }
                    i += 1
                }
                let word = Self.string(s, start..<i)
                if i < s.count, s[i] == ":" {
                    let name = word.lowercased()
                    out.append((.field(name), start))
                    i += 1
                    if i >= s.count || isSpace(s[i]) || s[i] == ")" {
                        throw QuerySyntaxError("missing value after '\(name):'", offset: start)
                    }
                    afterFilterField = filterFields.contains(name)
                    continue
                }
                out.append((op(s, start..<i) ?? .word(word), start))
            }
        }
        if afterFilterField, let last = out.last { throw QuerySyntaxError("missing value after '\(fieldName(last.0)):'", offset: last.1) }
        if let open = depth.last { throw QuerySyntaxError("unbalanced '('", offset: open) }
        out.append((.end, s.count))
        return out
    }

    /// The operator `s[r]` spells (`AND` or `&&`, `OR` or `||`, `NOT`; case-sensitive), compared scalar by
    /// scalar (equal to matching the word's string against those five).
    @inline(__always) static func op(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ r: Range<Int>) -> Token? {
        let a = s[r.lowerBound]
        switch r.count {
        case 2:
            let b = s[r.lowerBound + 1]
            if (a == "&" && b == "&") { return .and }
            if (a == "O" && b == "R") || (a == "|" && b == "|") { return .or }
        case 3:
            let b = s[r.lowerBound + 1], c = s[r.lowerBound + 2]
            if a == "A" && b == "N" && c == "D" { return .and }
            if a == "N" && b == "O" && c == "T" { return .not }
        default: break
        }
        return nil
    }

    private static func fieldName(_ t: Token) -> String {
        if case .field(let n) = t { return n }
        return "field"
    }

    // MARK: - Parser

    private var current: Token { tokens[index].0 }

    /// The current token's kind without copying its payload (the `==` of `Token` compares whole values).
    private enum Tag { case lparen, rparen, and, or, not, plus, minus, word, phrase, field, filterValue, end }
    private var tag: Tag {
        switch tokens[index].0 {
        case .lparen: return .lparen
        case .rparen: return .rparen
        case .and: return .and
        case .or: return .or
        case .not: return .not
        case .plus: return .plus
        case .minus: return .minus
        case .word: return .word
        case .phrase: return .phrase
        case .field: return .field
        case .filterValue: return .filterValue
        case .end: return .end
        }
    }
    private var offset: Int { tokens[index].1 }

    private static func opName(_ t: Token) -> String {
        switch t {
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .plus: return "+"
        case .minus: return "-"
        default: return "?"
        }
    }

    private mutating func parseOr() throws -> QueryNode {
        if tag == .or { throw QuerySyntaxError("nothing before 'OR'", offset: offset) }
        let first = try parseSeq()
        if tag != .or { return first }   // no 'OR': the sequence itself (no array of parts)
        var parts = [first]
        while tag == .or {
            let off = offset
            index += 1
            if tag == .end || tag == .rparen || tag == .or || tag == .and {
                throw QuerySyntaxError("nothing after 'OR'", offset: off)
            }
            parts.append(try parseSeq())
        }
        if parts.count == 1 { return parts[0] }
        var should: [QueryNode] = []
        for p in parts {
            if case .bool(let m, let s, let n) = p, m.isEmpty, n.isEmpty { should += s } else { should.append(p) }
        }
        return .bool(must: [], should: should, mustNot: [])
    }

    enum Occur { case should, must, mustNot, filter }

    private mutating func parseSeq() throws -> QueryNode {
        var must: [QueryNode] = [], should: [QueryNode] = [], mustNot: [QueryNode] = []
        var count = 0
        while true {
            switch tag {
            case .end, .rparen, .or: break
            case .and: throw QuerySyntaxError("nothing before 'AND'", offset: offset)
            default:
                let (occur, node) = try parseAnd()
                count += 1
                // Room for a few clauses on first use (one allocation, not a regrowth per clause).
                switch occur {
                case .should: if should.isEmpty { should.reserveCapacity(4) }; should.append(node)
                case .must, .filter: if must.isEmpty { must.reserveCapacity(4) }; must.append(node)
                case .mustNot: if mustNot.isEmpty { mustNot.reserveCapacity(2) }; mustNot.append(node)
                }
                continue
            }
            break
        }
        if count == 0 { throw QuerySyntaxError("empty query", offset: offset) }
        if mustNot.isEmpty && must.count + should.count == 1 { return (must + should)[0] }
        return .bool(must: must, should: should, mustNot: mustNot)
    }

    private mutating func parseAnd() throws -> (Occur, QueryNode) {
        let first = try parseUnary()
        guard tag == .and else { return first }
        var must: [QueryNode] = [], mustNot: [QueryNode] = []
        func add(_ x: (Occur, QueryNode)) {
            if x.0 == .mustNot { mustNot.append(x.1) } else if case .bool(let m, let s, let n) = x.1, s.isEmpty, !m.isEmpty {
                must += m; mustNot += n
            } else { must.append(x.1) }
        }
        add(first)
        while tag == .and {
            let off = offset
            index += 1
            if tag == .end || tag == .rparen || tag == .or || tag == .and {
                throw QuerySyntaxError("nothing after 'AND'", offset: off)
            }
            add(try parseUnary())
        }
        return (.should, .bool(must: must, should: [], mustNot: mustNot))
    }

    private mutating func parseUnary() throws -> (Occur, QueryNode) {
        switch tag {
        case .not, .plus, .minus:
            let op = current, off = offset
            index += 1
            if tag == .end || tag == .rparen || tag == .or || tag == .and {
                throw QuerySyntaxError("nothing after '\(Self.opName(op))'", offset: off)
            }
            let (inner, node) = try parseUnary()
            if op == .plus { return (inner == .mustNot ? .mustNot : .must, node) }
            // NOT NOT x = x, as a required clause.
            return (inner == .mustNot ? .must : .mustNot, node)
        default:
            return try parsePrimary(field: nil)
        }
    }

    private mutating func parsePrimary(field: TextField?) throws -> (Occur, QueryNode) {
        let off = offset
        switch current {
        case .lparen:
            index += 1
            if tag == .rparen { throw QuerySyntaxError("empty parentheses", offset: off) }
            let inner = try parseOr()
            guard tag == .rparen else { throw QuerySyntaxError("unbalanced '('", offset: off) }
            index += 1
            return (.should, field.map { Self.restrict(inner, to: $0) } ?? inner)
        case .phrase(let text, let slop):
            index += 1
            return (.should, .phrase(QueryPhrase(text: text, slop: slop, field: field, offset: off)))
        case .word(let w):
            index += 1
            return (.should, .word(try Self.word(w, field: field, offset: off)))
        case .field(let name):
            index += 1
            if let tf = TextField(rawValue: name) {
                if case .field = current { throw QuerySyntaxError("a field inside '\(name):'", offset: offset) }
                if case .filterValue = current { throw QuerySyntaxError("missing value after '\(name):'", offset: off) }
                switch current {
                case .lparen, .phrase, .word: return try parsePrimary(field: tf)
                default: throw QuerySyntaxError("missing value after '\(name):'", offset: off)
                }
            }
            guard case .filterValue(let v) = current else { throw QuerySyntaxError("missing value after '\(name):'", offset: off) }
            let voff = offset
            index += 1
            return (.filter, .filter(try Self.filter(name, v, offset: voff)))
        case .and, .or:
            throw QuerySyntaxError("nothing before '\(Self.opName(current))'", offset: off)
        case .rparen:
            throw QuerySyntaxError("unbalanced ')'", offset: off)
        default:
            throw QuerySyntaxError("unexpected input", offset: off)
        }
    }

    static func restrict(_ n: QueryNode, to f: TextField) -> QueryNode {
        switch n {
        case .word(var w): w.field = f; return .word(w)
        case .phrase(var p): p.field = f; return .phrase(p)
        case .filter: return n
        case .bool(let m, let s, let x):
            return .bool(must: m.map { restrict($0, to: f) }, should: s.map { restrict($0, to: f) },
                         mustNot: x.map { restrict($0, to: f) })
        }
    }

    static func word(_ raw: String, field: TextField?, offset: Int) throws -> QueryWord {
        // Most words hold neither '*' nor '~' (ASCII bytes, never part of another character's UTF-8): plain,
        // without the Character-level searches below (grapheme breaking on every call).
        var bytes = raw
        let marked = bytes.withUTF8 { b in b.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "~") } }
        if !marked {
            return QueryWord(text: raw, kind: .plain, field: field, offset: offset)
        }
        var w = raw
        if w.hasPrefix("*") || w.hasPrefix("~") { throw QuerySyntaxError("a word cannot start with '\(w.first!)'", offset: offset) }
        if let t = w.lastIndex(of: "~") {
            let digits = w[w.index(after: t)...]
            let n: Int
            if digits.isEmpty { n = 1 } else if let d = Int(digits), d == 1 || d == 2 { n = d } else if Int(digits) != nil {
                throw QuerySyntaxError("fuzzy distance must be 1 or 2", offset: offset + w.unicodeScalars.count - digits.unicodeScalars.count)
            } else {
                return QueryWord(text: w, kind: .plain, field: field, offset: offset)
            }
            w = String(w[..<t])
            if w.contains("*") { throw QuerySyntaxError("'*' and '~' on one word", offset: offset) }
            return QueryWord(text: w, kind: .fuzzy(n), field: field, offset: offset)
        }
        if w.hasSuffix("*") {
            w.removeLast()
            if w.contains("*") { throw QuerySyntaxError("only a trailing '*' is supported", offset: offset + w.unicodeScalars.count) }
            return QueryWord(text: w, kind: .prefix, field: field, offset: offset)
        }
        if let star = w.unicodeScalars.firstIndex(of: "*") {
            throw QuerySyntaxError("only a trailing '*' is supported", offset: offset + w.unicodeScalars.distance(from: w.unicodeScalars.startIndex, to: star))
        }
        return QueryWord(text: w, kind: .plain, field: field, offset: offset)
    }

    static func filter(_ name: String, _ value: String, offset: Int) throws -> QueryFilter {
        let v = value.lowercased()
        switch name {
        case "type":
            guard DocumentType(rawValue: v) != nil else {
                throw QuerySyntaxError("unknown type '\(value)' (\(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")))", offset: offset)
            }
            return QueryFilter(kind: .type(v), text: "type:\(value)")
        case "lang":
            guard Language(rawValue: v) != nil else { throw QuerySyntaxError("unknown language '\(value)' (sq, en, sr, und)", offset: offset) }
            return QueryFilter(kind: .lang(v), text: "lang:\(value)")
        case "number":
            return QueryFilter(kind: .number(v), text: "number:\(value)")
        default:
            let (a, b) = try dateRange(v, offset: offset)
            return QueryFilter(kind: .date(from: a, through: b), text: "date:\(value)")
        }
    }

    /// `2012`, `2012-05`, `2012-05-01`, `A..B`, `A..`, `..B` → inclusive ISO bounds.
    static func dateRange(_ v: String, offset: Int) throws -> (String?, String?) {
        if let r = v.range(of: "..") {
            let a = String(v[..<r.lowerBound]), b = String(v[r.upperBound...])
            if a.isEmpty && b.isEmpty { throw QuerySyntaxError("empty date range", offset: offset) }
            let lo = a.isEmpty ? nil : try dateBound(a, upper: false, offset: offset)
            let hi = b.isEmpty ? nil : try dateBound(b, upper: true, offset: offset + a.unicodeScalars.count + 2)
            if let lo, let hi, lo > hi { throw QuerySyntaxError("date range ends before it starts", offset: offset) }
            return (lo, hi)
        }
        return (try dateBound(v, upper: false, offset: offset), try dateBound(v, upper: true, offset: offset))
    }

    /// One bound of a date range as `YYYY-MM-DD` (an upper bound of a year or month is its last day).
    public static func dateBound(_ s: String, upper: Bool, offset: Int = 0) throws -> String {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        func bad() -> QuerySyntaxError {
            QuerySyntaxError("invalid date '\(s)' (use 2012, 2012-05 or 2012-05-01; ranges A..B)", offset: offset)
        }
        guard (1...3).contains(parts.count), parts[0].count == 4, let y = Int(parts[0]), y > 0 else { throw bad() }
        var m = upper ? 12 : 1, d = upper ? 31 : 1
        if parts.count >= 2 { guard parts[1].count == 2, let mm = Int(parts[1]), (1...12).contains(mm) else { throw bad() }; m = mm }
        if parts.count == 3 { guard parts[2].count == 2, let dd = Int(parts[2]), (1...31).contains(dd) else { throw bad() }; d = dd }
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(parts[0])-\(two(m))-\(two(d))"
    }
}
