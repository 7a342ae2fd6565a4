import Testing
@testable import StewardCore

/// A filter that must parse to exactly `expected`.
struct ValidFilterCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: FilterExpression
    var testDescription: String { text }
}

/// A filter that must fail with exactly `message` at `position`.
struct InvalidFilterCase: Sendable, CustomTestStringConvertible {
    var text: String
    var message: String
    var position: Int
    var testDescription: String { text }
}

/// A comparison leaf; `namespace` nil means a plain attribute.
private func term(
    _ namespace: String?, _ name: String, _ op: FilterOperator, _ value: FilterValue, at position: Int = 0
) -> FilterExpression {
    .comparison(FilterComparison(field: FilterField(namespace: namespace, name: name), op: op, value: value,
                                 position: position))
}

private func valid(_ text: String, _ expected: FilterExpression) -> ValidFilterCase {
    ValidFilterCase(text: text, expected: expected)
}

private func invalid(_ text: String, _ message: String, at position: Int) -> InvalidFilterCase {
    InvalidFilterCase(text: text, message: message, position: position)
}

/// Deterministic generator (SplitMix64) so the garbage test is reproducible.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Number of comparisons in a tree (iterative: chains of 1,000 terms are tested).
private func leafCount(_ expression: FilterExpression) -> Int {
    var stack = [expression], count = 0
    while let next = stack.popLast() {
        switch next {
        case .comparison: count += 1
        case .and(let lhs, let rhs), .or(let lhs, let rhs): stack += [lhs, rhs]
        }
    }
    return count
}

private func leaves(_ expression: FilterExpression) -> [FilterComparison] {
    switch expression {
    case .comparison(let comparison): [comparison]
    case .and(let lhs, let rhs), .or(let lhs, let rhs): leaves(lhs) + leaves(rhs)
    }
}

@Suite("Filter parser")
struct FilterParserTests {
    // MARK: - Valid input

    static let validCases: [ValidFilterCase] = [
        // Operators, including the aliases == and <>.
        valid("name = 'fraud'", term(nil, "name", .equal, .string("fraud"))),
        valid("name == 'x'", term(nil, "name", .equal, .string("x"))),
        valid("name != 'x'", term(nil, "name", .notEqual, .string("x"))),
        valid("name <> 'x'", term(nil, "name", .notEqual, .string("x"))),
        valid("version < 3", term(nil, "version", .less, .number(3))),
        valid("version <= 3", term(nil, "version", .lessOrEqual, .number(3))),
        valid("version > 3", term(nil, "version", .greater, .number(3))),
        valid("version >= 3", term(nil, "version", .greaterOrEqual, .number(3))),
        valid("name LIKE 'fraud-%'", term(nil, "name", .like, .string("fraud-%"))),
        valid("name like 'a_b'", term(nil, "name", .like, .string("a_b"))),
        valid("name ILIKE 'Fraud%'", term(nil, "name", .ilike, .string("Fraud%"))),
        valid("name iLiKe 'x'", term(nil, "name", .ilike, .string("x"))),
        // No whitespace needed around symbols; any whitespace allowed.
        valid("tag.env='prod'", term("tag", "env", .equal, .string("prod"))),
        valid("metric.auc>=0.9", term("metric", "auc", .greaterOrEqual, .number(0.9))),
        valid("  \tname\n=\r\n'x'  ", term(nil, "name", .equal, .string("x"), at: 3)),
        // Fields: attributes lower-cased, namespaces normalised, keys keep their case.
        valid("NAME = 'x'", term(nil, "name", .equal, .string("x"))),
        valid("created_at > 5", term(nil, "created_at", .greater, .number(5))),
        valid("_private = 1", term(nil, "_private", .equal, .number(1))),
        valid("tags.env = 'prod'", term("tag", "env", .equal, .string("prod"))),
        valid("TAGS.Env = 'prod'", term("tag", "Env", .equal, .string("prod"))),
        valid("Metric.AUC > 0.5", term("metric", "AUC", .greater, .number(0.5))),
        valid("metrics.auc > 0.5", term("metric", "auc", .greater, .number(0.5))),
        valid("param.lr = '0.1'", term("param", "lr", .equal, .string("0.1"))),
        valid("params.lr = '0.1'", term("param", "lr", .equal, .string("0.1"))),
        valid("attributes.name = 'x'", term(nil, "name", .equal, .string("x"))),
        valid("attribute.Name = 'x'", term(nil, "name", .equal, .string("x"))),
        valid("tag.mlflow.runName = 'r'", term("tag", "mlflow.runName", .equal, .string("r"))),
        valid("metric.val/loss < 0.5", term("metric", "val/loss", .less, .number(0.5))),
        valid("tag.a-b:c_9 = 'x'", term("tag", "a-b:c_9", .equal, .string("x"))),
        valid("tag.café = 'x'", term("tag", "café", .equal, .string("x"))),
        valid("tag.and = 'x'", term("tag", "and", .equal, .string("x"))),
        // Quoted keys and attributes.
        valid("tag.`my key` = 'x'", term("tag", "my key", .equal, .string("x"))),
        valid("tag.\"my key\" = 'x'", term("tag", "my key", .equal, .string("x"))),
        valid("tags.`we``ird` = 'x'", term("tag", "we`ird", .equal, .string("x"))),
        valid("tag.\"=\" = \"=\"", term("tag", "=", .equal, .string("="))),
        valid("`name` = 'x'", term(nil, "name", .equal, .string("x"))),
        valid("`Created_At` > 5", term(nil, "created_at", .greater, .number(5))),
        valid("attributes.`Name` = 'x'", term(nil, "name", .equal, .string("x"))),
        // Strings and escapes.
        valid("name = \"x\"", term(nil, "name", .equal, .string("x"))),
        valid("name = ''", term(nil, "name", .equal, .string(""))),
        valid("name = 'it''s'", term(nil, "name", .equal, .string("it's"))),
        valid("name = 'it\\'s'", term(nil, "name", .equal, .string("it's"))),
        valid("name = \"say \"\"hi\"\"\"", term(nil, "name", .equal, .string("say \"hi\""))),
        valid("name = \"say \\\"hi\\\"\"", term(nil, "name", .equal, .string("say \"hi\""))),
        valid("name = 'a \"b\"'", term(nil, "name", .equal, .string("a \"b\""))),
        valid("name = 'C:\\\\'", term(nil, "name", .equal, .string("C:\\"))),
        valid("name LIKE '100\\%'", term(nil, "name", .like, .string("100\\%"))),
        valid("name = 'AND OR ( ) , ='", term(nil, "name", .equal, .string("AND OR ( ) , ="))),
        valid("name = 'héllo 🎉 日本'", term(nil, "name", .equal, .string("héllo 🎉 日本"))),
        // Numbers.
        valid("metric.x = 10", term("metric", "x", .equal, .number(10))),
        valid("metric.x = 0.5", term("metric", "x", .equal, .number(0.5))),
        valid("metric.x = -1.5e3", term("metric", "x", .equal, .number(-1500))),
        valid("metric.x = +2", term("metric", "x", .equal, .number(2))),
        valid("metric.x = 1E-2", term("metric", "x", .equal, .number(0.01))),
        valid("metric.x=-1", term("metric", "x", .equal, .number(-1))),
        valid("metric.x<-1", term("metric", "x", .less, .number(-1))),
        // IN / NOT IN.
        valid("name IN ('a', 'b')", term(nil, "name", .in, .list([.string("a"), .string("b")]))),
        valid("name in ('a')", term(nil, "name", .in, .list([.string("a")]))),
        valid("version IN (1,2,3)", term(nil, "version", .in, .list([.number(1), .number(2), .number(3)]))),
        valid("name NOT IN ('a', 2)", term(nil, "name", .notIn, .list([.string("a"), .number(2)]))),
        valid("name not In (\"a\")", term(nil, "name", .notIn, .list([.string("a")]))),
        // Keywords are case-insensitive.
        valid("version = 1 and name = 'x'",
              .and(term(nil, "version", .equal, .number(1)), term(nil, "name", .equal, .string("x"), at: 16))),
        valid("version = 1 Or name = 'x'",
              .or(term(nil, "version", .equal, .number(1)), term(nil, "name", .equal, .string("x"), at: 15))),
        valid("name='x'AND version=1",
              .and(term(nil, "name", .equal, .string("x")), term(nil, "version", .equal, .number(1), at: 12))),
        // Positions count characters, not bytes: each emoji below is one character.
        valid("name = '🎉🇫🇷' AND tag.k = 'v'",
              .and(term(nil, "name", .equal, .string("🎉🇫🇷")), term("tag", "k", .equal, .string("v"), at: 16))),
    ]

    @Test("valid filters parse to the expected tree", arguments: validCases)
    func parsesValidFilter(_ testCase: ValidFilterCase) throws {
        #expect(try FilterParser.parse(testCase.text) == testCase.expected)
    }

    @Test("empty or whitespace-only text is no filter", arguments: ["", " ", "   \t\n", "\r\n", "\u{00A0}\u{2003}"])
    func emptyIsNil(_ text: String) throws {
        #expect(try FilterParser.parse(text) == nil)
    }

    // MARK: - Structure

    @Test("AND binds tighter than OR")
    func precedence() throws {
        let a = term(nil, "a", .equal, .number(1))
        #expect(try FilterParser.parse("a = 1 OR b = 2 AND c = 3")
            == .or(a, .and(term(nil, "b", .equal, .number(2), at: 9), term(nil, "c", .equal, .number(3), at: 19))))
        #expect(try FilterParser.parse("a = 1 AND b = 2 OR c = 3")
            == .or(.and(a, term(nil, "b", .equal, .number(2), at: 10)), term(nil, "c", .equal, .number(3), at: 19)))
    }

    @Test("chains are left-associative")
    func leftAssociative() throws {
        let a = term(nil, "a", .equal, .number(1))
        let b = term(nil, "b", .equal, .number(2), at: 10)
        #expect(try FilterParser.parse("a = 1 AND b = 2 AND c = 3")
            == .and(.and(a, b), term(nil, "c", .equal, .number(3), at: 20)))
        #expect(try FilterParser.parse("a = 1 OR  b = 2 OR  c = 3")
            == .or(.or(a, b), term(nil, "c", .equal, .number(3), at: 20)))
    }

    @Test("parentheses override precedence")
    func parentheses() throws {
        #expect(try FilterParser.parse("(a = 1 OR b = 2) AND c = 3")
            == .and(.or(term(nil, "a", .equal, .number(1), at: 1), term(nil, "b", .equal, .number(2), at: 10)),
                    term(nil, "c", .equal, .number(3), at: 21)))
        #expect(try FilterParser.parse("((a = 1))") == term(nil, "a", .equal, .number(1), at: 2))
        #expect(try FilterParser.parse("a = 1 AND (b = 2 OR (c = 3))")
            == .and(term(nil, "a", .equal, .number(1)),
                    .or(term(nil, "b", .equal, .number(2), at: 11), term(nil, "c", .equal, .number(3), at: 21))))
    }

    @Test("the documented example")
    func documentedExample() throws {
        let text = "name LIKE 'fraud-%' AND (tag.env = 'prod' OR metric.auc >= 0.9)"
        #expect(try FilterParser.parse(text)
            == .and(term(nil, "name", .like, .string("fraud-%")),
                    .or(term("tag", "env", .equal, .string("prod"), at: 25),
                        term("metric", "auc", .greaterOrEqual, .number(0.9), at: 45))))
    }

    // MARK: - Errors

    static let invalidCases: [InvalidFilterCase] = [
        // Missing or wrong operator.
        invalid("name", "unexpected end of filter, expected an operator after 'name'", at: 4),
        invalid("name foo", "expected an operator after 'name' but found 'foo'", at: 5),
        invalid("tag.env 'x'", "expected an operator after 'tag.env' but found 'x'", at: 8),
        invalid("name lıke 'x'", "expected an operator after 'name' but found 'lıke'", at: 5),
        invalid("name NOT LIKE 'a'",
                "expected IN after NOT but found 'LIKE' (NOT is only supported as NOT IN)", at: 9),
        invalid("name NOT", "unexpected end of filter, expected IN after NOT (NOT is only supported as NOT IN)", at: 8),
        invalid("name ! 'x'", "unexpected character '!' (did you mean '!='?)", at: 5),
        invalid("name = 'x' & version = 1", "unexpected character '&'", at: 11),
        // Values.
        invalid("name =", "unexpected end of filter, expected a value after '='", at: 6),
        invalid("name = foo", "string values must be quoted: write 'foo' instead of foo", at: 7),
        invalid("name LIKE fraud", "string values must be quoted: write 'fraud' instead of fraud", at: 10),
        invalid("name = AND", "expected a value after '=' but found 'AND'", at: 7),
        invalid("name = )", "expected a value after '=' but found ')'", at: 7),
        invalid("name = `x`",
                "expected a value after '=' but found the quoted name `x` (backticks quote names; quote values with ' or \")",
                at: 7),
        invalid("name = ('a')", "a list of values is only allowed after IN or NOT IN", at: 7),
        invalid("name = 'abc", "unterminated string starting 'abc (missing closing ')", at: 7),
        invalid("name = \"abc", "unterminated string starting \"abc (missing closing \")", at: 7),
        invalid("name = 'it\\'", "unterminated string starting 'it\\' (missing closing ')", at: 7),
        invalid("metric.x = 1.5.3", "malformed number '1.5.3'", at: 11),
        invalid("metric.x = 1.", "malformed number '1.'", at: 11),
        invalid("metric.x = 1e", "malformed number '1e'", at: 11),
        invalid("metric.x = 12abc", "malformed number '12abc'", at: 11),
        invalid("metric.x = 1e999", "number '1e999' is out of range", at: 11),
        invalid("metric.x = - 1", "unexpected character '-'", at: 11),
        invalid("metric.x = .5", "unexpected character '.'", at: 11),
        // Fields.
        invalid("= 'x'", "expected a field name but found '='", at: 0),
        invalid("AND name = 'x'", "expected a field name but found the keyword 'AND'", at: 0),
        invalid("name = 'x' OR or = 1", "expected a field name but found the keyword 'or'", at: 14),
        invalid("name = 'x' AND", "unexpected end of filter, expected a field name", at: 14),
        invalid("42 = 1", "expected a field name but found '42'", at: 0),
        invalid("foo.bar = 'x'", "unknown namespace 'foo' (expected tag, metric, param or attribute)", at: 0),
        invalid("name = 1 AND Run.id = 'x'", "unknown namespace 'Run' (expected tag, metric, param or attribute)", at: 13),
        invalid("created-at = 1",
                "invalid field name 'created-at' (use letters, digits and '_', or quote it with backticks)", at: 0),
        invalid("attributes.foo.bar = 1",
                "invalid attribute name 'foo.bar' (use letters, digits and '_', or quote it with backticks)", at: 0),
        invalid("tag. = 'x'",
                "expected a key after 'tag.' but found '=' (quote keys with spaces or symbols as `my key` or \"my key\")",
                at: 5),
        invalid("tag.'k' = 'x'",
                "expected a key after 'tag.' but found 'k' (quote keys with spaces or symbols as `my key` or \"my key\")",
                at: 4),
        invalid("tag.", "unexpected end of filter, expected a key after 'tag.' "
                + "(quote keys with spaces or symbols as `my key` or \"my key\")", at: 4),
        invalid("tag.`` = 'x'", "empty key", at: 4),
        invalid("tag.\"\" = 'x'", "empty key", at: 4),
        invalid("`` = 'x'", "empty field name", at: 0),
        invalid("`name = 'x'", "unterminated quoted name starting `name = 'x' (missing closing `)", at: 0),
        invalid("\"name\" = 'x'", "expected a field name but found the string \"name\" "
                + "(quote field names with backticks, keys as tag.\"key\")", at: 0),
        invalid("'name' = 'x'", "expected a field name but found the string 'name'", at: 0),
        invalid("é = 'x'", "unexpected character 'é'", at: 0),
        invalid("name = '🎉🎉' AND 🎉", "unexpected character '🎉'", at: 16),
        // Parentheses and structure.
        invalid("(name = 'x'", "unbalanced parenthesis: this '(' is never closed", at: 0),
        invalid("name = 'x' AND (version = 1", "unbalanced parenthesis: this '(' is never closed", at: 15),
        invalid("name = 'x')", "unbalanced parenthesis: this ')' has no matching '('", at: 10),
        invalid("(name = 'x' version = 1)", "expected AND, OR or ')' but found 'version'", at: 12),
        invalid("()", "expected a field name but found ')'", at: 1),
        invalid("name = 'x' xyz", "trailing input 'xyz' (expected AND, OR or the end of the filter)", at: 11),
        invalid("name = '🎉🎉' foo", "trailing input 'foo' (expected AND, OR or the end of the filter)", at: 12),
        invalid("name = 'x' 'y'", "trailing input 'y' (expected AND, OR or the end of the filter)", at: 11),
        // IN lists.
        invalid("name IN ()", "empty IN list", at: 9),
        invalid("name IN", "unexpected end of filter, expected '(' to start the IN list", at: 7),
        invalid("name IN 'x'", "expected '(' to start the IN list but found 'x'", at: 8),
        invalid("name IN ('a', ('b'))", "IN lists cannot be nested", at: 14),
        invalid("name IN ('a',)", "expected a value in the IN list but found ')'", at: 13),
        invalid("name IN ('a', b)", "string values must be quoted: write 'b' instead of b", at: 14),
        invalid("name IN ('a' 'b')", "expected ',' or ')' in the IN list but found 'b'", at: 13),
        invalid("name IN ('a'", "unbalanced parenthesis: this '(' of the IN list is never closed", at: 8),
        invalid("name IN ('a',", "unexpected end of filter, expected a value in the IN list", at: 13),
    ]

    @Test("invalid filters fail with a specific message and position", arguments: invalidCases)
    func rejectsInvalidFilter(_ testCase: InvalidFilterCase) {
        #expect(throws: FilterSyntaxError(message: testCase.message, position: testCase.position)) {
            try FilterParser.parse(testCase.text)
        }
    }

    @Test("error description names the position")
    func errorDescription() {
        let error = FilterSyntaxError(message: "empty IN list", position: 9)
        #expect(error.description == "empty IN list at position 9")
    }

    @Test("long tokens are shortened in messages")
    func longTokenShortened() throws {
        let word = String(repeating: "a", count: 500)
        let error = try #require(throws: FilterSyntaxError.self) { try FilterParser.parse("name = \(word)") }
        #expect(error.position == 7)
        #expect(error.message.count < 120)
        #expect(error.message.hasPrefix("string values must be quoted: write '\(String(repeating: "a", count: 32))…'"))
    }

    @Test("a character made of thousands of combining marks is shortened in messages")
    func combiningFloodShortened() throws {
        let flood = "e" + String(repeating: "\u{301}", count: 5_000)
        let error = try #require(throws: FilterSyntaxError.self) { try FilterParser.parse("name = \(flood)") }
        #expect(error.position == 7)
        #expect(error.message.unicodeScalars.count < 300)
        let lone = try #require(throws: FilterSyntaxError.self) {
            try FilterParser.parse(String(repeating: "\u{301}", count: 5_000))
        }
        #expect(lone == FilterSyntaxError(message: "unexpected character '\u{301}\u{301}\u{301}\u{301}…'", position: 0))
    }

    // MARK: - Limits

    @Test("nesting up to the maximum depth is accepted")
    func maximumDepthAccepted() throws {
        let depth = FilterParser.maximumDepth
        let text = String(repeating: "(", count: depth) + "a = 1" + String(repeating: ")", count: depth)
        #expect(try FilterParser.parse(text) == term(nil, "a", .equal, .number(1), at: depth))
    }

    @Test("nesting beyond the maximum depth is rejected at the first '(' too many", arguments: [65, 1_000, 9_990])
    func tooDeep(_ depth: Int) {
        let text = String(repeating: "(", count: depth) + "a = 1"
        let message = "filter is nested too deeply (more than \(FilterParser.maximumDepth) levels of parentheses)"
        #expect(throws: FilterSyntaxError(message: message, position: FilterParser.maximumDepth)) {
            try FilterParser.parse(text)
        }
    }

    @Test("text of exactly the maximum length is accepted, counted in characters")
    func maximumLengthAccepted() throws {
        for filler in ["x", "🎉", "é"] {
            let body = String(repeating: filler, count: FilterParser.maximumLength - 9)
            let text = "name = '\(body)'"
            #expect(text.count == FilterParser.maximumLength)
            #expect(try FilterParser.parse(text) == term(nil, "name", .equal, .string(body)))
        }
    }

    @Test("text beyond the maximum length is rejected", arguments: [FilterParser.maximumLength + 1, 1_000_000])
    func tooLong(_ length: Int) {
        let text = "name = '" + String(repeating: "x", count: length - 9) + "'"
        let message = "filter is too long (more than \(FilterParser.maximumLength) characters)"
        #expect(throws: FilterSyntaxError(message: message, position: FilterParser.maximumLength)) {
            try FilterParser.parse(text)
        }
    }

    @Test("a long AND chain within the length limit parses")
    func longChain() throws {
        let text = Array(repeating: "a = 1", count: 1_000).joined(separator: " AND ")
        let expression = try #require(try FilterParser.parse(text))
        #expect(leafCount(expression) == 1_000)
        guard case .and(_, .comparison(let last)) = expression else {
            Issue.record("expected a left-deep AND chain")
            return
        }
        #expect(last.position == text.count - 5)
    }

    // MARK: - Robustness

    @Test("random garbage never crashes and errors point inside the text")
    func randomGarbage() {
        let fragments = [
            "name", "tag.", "tags.env", "metric.", "param", "attributes.", "foo.", "`", "``", "'", "''", "\"",
            "\\", "(", ")", ",", "=", "==", "!", "!=", "<", ">", "<>", "<=", ">=", "AND", "or", "In", "NOT",
            "like", "ILIKE", "1", "-", "+", ".", "e", "1.5e3", "-2", " ", "  ", "\t", "\n", "\r\n", "🎉", "🇫🇷",
            "é", "\u{301}", "\u{200B}", "\u{0}", "\u{FEFF}", "ı", "日本", "'x'", "\"y\"", "`k`", "x", "_", "/", ":",
        ]
        var generator = SeededGenerator(state: 0x5EED_F11E)
        var parsed = 0
        for _ in 0..<4_000 {
            var text = ""
            if Bool.random(using: &generator) {
                for _ in 0..<Int.random(in: 0...24, using: &generator) {
                    text += fragments.randomElement(using: &generator) ?? ""
                }
            } else {
                // Arbitrary scalars, including combining marks, controls and private use.
                for _ in 0..<Int.random(in: 0...40, using: &generator) {
                    let value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                    text.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
                }
            }
            do {
                if let expression = try FilterParser.parse(text) {
                    parsed += 1
                    #expect(leaves(expression).allSatisfy { $0.position >= 0 && $0.position < text.count })
                }
            } catch {
                #expect(error.position >= 0 && error.position <= text.count, "\(error) for \(text.debugDescription)")
                #expect(!error.message.isEmpty)
            }
        }
        // Garbage is mostly invalid; the point is that nothing crashed and every error made sense.
        #expect(parsed < 4_000)
    }
}
