import Search
import Testing

/// The query syntax of CLI.md, construct by construct, and the errors with their positions.
@Suite struct ParserTests {
    func parse(_ q: String) throws -> QueryNode { try QueryParser.parse(q) }
    func word(_ t: String, _ k: QueryWord.Kind = .plain, field: TextField? = nil, at o: Int) -> QueryNode {
        .word(QueryWord(text: t, kind: k, field: field, offset: o))
    }

    @Test func wordsAreOptionalClauses() throws {
        #expect(try parse("ligji arsimin") == .bool(must: [], should: [word("ligji", at: 0), word("arsimin", at: 6)], mustNot: []))
        #expect(try parse("ligji") == word("ligji", at: 0))
    }

    @Test func mustAndMustNot() throws {
        #expect(try parse("+ligji -arsim x") == .bool(must: [word("ligji", at: 1)], should: [word("x", at: 14)],
                                                      mustNot: [word("arsim", at: 8)]))
        #expect(try parse("a NOT b") == .bool(must: [], should: [word("a", at: 0)], mustNot: [word("b", at: 6)]))
    }

    @Test func andOrPrecedenceAndParentheses() throws {
        // AND binds tighter than OR.
        #expect(try parse("a AND b OR c") == .bool(must: [], should: [
            .bool(must: [word("a", at: 0), word("b", at: 6)], should: [], mustNot: []), word("c", at: 11)], mustNot: []))
        #expect(try parse("(a OR b) AND c") == .bool(must: [
            .bool(must: [], should: [word("a", at: 1), word("b", at: 6)], mustNot: []), word("c", at: 13)], should: [], mustNot: []))
        #expect(try parse("a AND NOT b") == .bool(must: [word("a", at: 0)], should: [], mustNot: [word("b", at: 10)]))
    }

    @Test func phrasesWithAndWithoutSlop() throws {
        #expect(try parse("\"shoqëri civile\"") == .phrase(QueryPhrase(text: "shoqëri civile", slop: 0, field: nil, offset: 0)))
        #expect(try parse("\"ligji arsimin\"~3") == .phrase(QueryPhrase(text: "ligji arsimin", slop: 3, field: nil, offset: 0)))
    }

    @Test func prefixAndFuzzy() throws {
        #expect(try parse("konsult*") == word("konsult", .prefix, at: 0))
        #expect(try parse("qeveria~") == word("qeveria", .fuzzy(1), at: 0))
        #expect(try parse("qeveria~2") == word("qeveria", .fuzzy(2), at: 0))
    }

    @Test func fieldsApplyToWordsPhrasesAndGroups() throws {
        #expect(try parse("title:ligji") == word("ligji", field: .title, at: 6))
        #expect(try parse("body:\"a b\"") == .phrase(QueryPhrase(text: "a b", slop: 0, field: .body, offset: 5)))
        #expect(try parse("title:(a b)") == .bool(must: [], should: [word("a", field: .title, at: 7), word("b", field: .title, at: 9)], mustNot: []))
        // Not a field name: the colon is part of the word.
        #expect(try parse("http://x") == word("http://x", at: 0))
    }

    @Test func filters() throws {
        let f = try parse("ligji type:draft-law lang:sq number:04/L-057 date:2012..2014")
        guard case .bool(let must, let should, _) = f else { Issue.record("not a bool"); return }
        #expect(should == [word("ligji", at: 0)])
        #expect(must == [
            .filter(QueryFilter(kind: .type("draft-law"), text: "type:draft-law")),
            .filter(QueryFilter(kind: .lang("sq"), text: "lang:sq")),
            .filter(QueryFilter(kind: .number("04/l-057"), text: "number:04/L-057")),
            .filter(QueryFilter(kind: .date(from: "2012-01-01", through: "2014-12-31"), text: "date:2012..2014")),
        ])
        #expect(try parse("date:2013-05") == .filter(QueryFilter(kind: .date(from: "2013-05-01", through: "2013-05-31"), text: "date:2013-05")))
        #expect(try parse("date:..2010-06-30") == .filter(QueryFilter(kind: .date(from: nil, through: "2010-06-30"), text: "date:..2010-06-30")))
    }

    /// (query, message, 1-based character)
    static let errors: [(String, String, Int)] = [
        ("ligji (arsim", "unbalanced '('", 7),
        ("ligji arsim)", "unbalanced ')'", 12),
        ("\"shoqëri civile", "unterminated '\"'", 1),
        ("a AND", "nothing after 'AND'", 3),
        ("OR b", "nothing before 'OR'", 1),
        ("a OR", "nothing after 'OR'", 3),
        ("a NOT", "nothing after 'NOT'", 3),
        ("a - b", "nothing after '-'", 3),
        ("()", "empty parentheses", 1),
        ("\"\"", "empty phrase", 1),
        ("type:", "missing value after 'type:'", 1),
        ("a title: b", "missing value after 'title:'", 3),
        ("type:novel", "unknown type 'novel'", 6),
        ("lang:de", "unknown language 'de'", 6),
        ("date:2012..20x4", "invalid date '20x4'", 12),
        ("date:2014..2012", "date range ends before it starts", 6),
        ("qeveria~3", "fuzzy distance must be 1 or 2", 9),
        ("*ligj", "a word cannot start with '*'", 1),
        ("li*gj", "only a trailing '*' is supported", 3),
        ("\"a b\"~", "expected a number after '~'", 6),
        ("", "empty query", 1),
    ]

    @Test("malformed queries are errors pointing at the character", arguments: 0..<errors.count)
    func errorPositions(_ i: Int) {
        let (q, message, position) = Self.errors[i]
        do {
            _ = try QueryParser.parse(q)
            Issue.record("\(q) parsed")
        } catch let e as QuerySyntaxError {
            #expect(e.message.hasPrefix(message), "\(q): \(e)")
            #expect(e.position == position, "\(q): \(e)")
            #expect(e.description == "query: \(e.message) at character \(e.position)")
            #expect(!e.description.contains("\n"))
        } catch {
            Issue.record("\(q): \(error)")
        }
    }
}
