/// Parses the search-filter grammar shared by every door (REST, MLflow API, CLI, UI) into a
/// `FilterExpression`.
///
/// The grammar is MLflow's SQL-like search filter plus `OR` and parentheses:
///
/// ```
/// expression := orExpr
/// orExpr     := andExpr ( OR andExpr )*
/// andExpr    := primary ( AND primary )*
/// primary    := '(' orExpr ')' | comparison
/// comparison := field op value | field [NOT] IN '(' value ( ',' value )* ')'
/// op         := = | == | != | <> | < | <= | > | >= | LIKE | ILIKE
/// field      := name | namespace '.' key       (namespace: tag, metric, param, attribute)
/// value      := 'string' | "string" | number
/// ```
///
/// `AND` binds tighter than `OR`, both are left-associative, keywords are case-insensitive.
/// Example: `name LIKE 'fraud-%' AND (tag.env = 'prod' OR metric.auc >= 0.9)`.
public enum FilterParser {
    /// Longest filter text accepted, in characters. Filters are typed by people or generated
    /// from UI controls, so anything longer is a mistake or an attack, not a query.
    public static let maximumLength = 10_000

    /// Deepest parenthesis nesting accepted. The parser is recursive, so this bound keeps
    /// hostile input such as ten thousand `(` from exhausting the stack.
    public static let maximumDepth = 64

    /// Parses filter text. Empty or whitespace-only text returns nil (no filter).
    ///
    /// - Throws: `FilterSyntaxError` whose `position` is the character offset of the offending
    ///   token (the text length when the filter ends too early, the opening `(` when one is never
    ///   closed).
    public static func parse(_ text: String) throws(FilterSyntaxError) -> FilterExpression? {
        try checkLength(text)
        var parser = try FilterParsing(text)
        return try parser.parseFilter()
    }

    /// Rejects text over `maximumLength` characters without counting all of a huge string.
    private static func checkLength(_ text: String) throws(FilterSyntaxError) {
        // Every character takes at least one UTF-8 byte, so short byte counts need no counting.
        guard text.utf8.count > maximumLength else { return }
        var count = 0
        for _ in text {
            count += 1
            if count > maximumLength {
                throw FilterSyntaxError(
                    message: "filter is too long (more than \(maximumLength) characters)",
                    position: maximumLength
                )
            }
        }
    }
}

/// The recursive-descent parser behind `FilterParser`: one token of lookahead over a lazy lexer.
/// Comparisons (field, operator, value) are parsed in `FilterParser+Comparison.swift`.
struct FilterParsing {
    var lexer: FilterLexer
    /// The lookahead token: the next one not yet consumed.
    var current: FilterToken
    /// Parentheses currently open around the token being parsed.
    private var depth = 0

    init(_ text: String) throws(FilterSyntaxError) {
        lexer = FilterLexer(text)
        current = try lexer.next()
    }

    /// Moves the lookahead to the next token.
    mutating func advance() throws(FilterSyntaxError) {
        current = try lexer.next()
    }

    /// expression, then end of text; nil when there is no token at all.
    mutating func parseFilter() throws(FilterSyntaxError) -> FilterExpression? {
        if current.kind == .end { return nil }
        let expression = try parseOr()
        switch current.kind {
        case .end:
            return expression
        case .rightParen:
            throw FilterSyntaxError(
                message: "unbalanced parenthesis: this ')' has no matching '('",
                position: current.position
            )
        default:
            throw FilterSyntaxError(
                message: "trailing input \(current.quoted) (expected AND, OR or the end of the filter)",
                position: current.position
            )
        }
    }

    /// orExpr := andExpr ( OR andExpr )*, folded to the left.
    private mutating func parseOr() throws(FilterSyntaxError) -> FilterExpression {
        var expression = try parseAnd()
        while current.isKeyword("OR") {
            try advance()
            expression = .or(expression, try parseAnd())
        }
        return expression
    }

    /// andExpr := primary ( AND primary )*, folded to the left.
    private mutating func parseAnd() throws(FilterSyntaxError) -> FilterExpression {
        var expression = try parsePrimary()
        while current.isKeyword("AND") {
            try advance()
            expression = .and(expression, try parsePrimary())
        }
        return expression
    }

    /// primary := '(' orExpr ')' | comparison
    private mutating func parsePrimary() throws(FilterSyntaxError) -> FilterExpression {
        guard current.kind == .leftParen else { return .comparison(try parseComparison()) }
        let open = current
        guard depth < FilterParser.maximumDepth else {
            throw FilterSyntaxError(
                message: "filter is nested too deeply (more than \(FilterParser.maximumDepth) levels of parentheses)",
                position: open.position
            )
        }
        depth += 1
        try advance()
        let expression = try parseOr()
        switch current.kind {
        case .rightParen:
            try advance()
            depth -= 1
            return expression
        case .end:
            // Point at the '(' left open: the end of the text says nothing about which one.
            throw FilterSyntaxError(
                message: "unbalanced parenthesis: this '(' is never closed",
                position: open.position
            )
        default:
            throw FilterSyntaxError(
                message: "expected AND, OR or ')' but found \(current.quoted)",
                position: current.position
            )
        }
    }

    /// The error for a token that is not what the grammar needs here. At the end of the text the
    /// message says so ("unexpected end of filter, expected a value") and points at the end.
    /// `context` follows the expectation ("after '='"); `hint` closes the message in parentheses.
    func unexpected(expected: String, context: String = "", hint: String = "") -> FilterSyntaxError {
        let context = context.isEmpty ? "" : " \(context)"
        let hint = hint.isEmpty ? "" : " (\(hint))"
        let message = current.kind == .end
            ? "unexpected end of filter, expected \(expected)\(context)\(hint)"
            : "expected \(expected)\(context) but found \(current.quoted)\(hint)"
        return FilterSyntaxError(message: message, position: current.position)
    }
}
