/// One lexical unit of a search filter, produced by `FilterLexer` and consumed by `FilterParser`.
///
/// Tokens keep their source text and offset so every parse error can quote exactly what the user
/// typed and point at where it starts.
struct FilterToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An identifier-like run: a keyword (`AND`, `in`…), a plain attribute (`name`) or a
        /// dotted field (`tag.mlflow.runName`). The parser decides which, because only it knows
        /// the context (a keyword may not be a field, a bare word may not be a value).
        case word(String)
        /// A numeric literal, already converted.
        case number(Double)
        /// A `'…'` or `"…"` literal with escapes resolved. The quote is kept because a
        /// double-quoted token right after `tag.` is a key, not a value.
        case string(String, quote: Character)
        /// A `` `…` `` quoted name (field or key); never a value.
        case quotedName(String)
        /// `=`, `==`, `!=`, `<>`, `<`, `<=`, `>`, `>=` (the keyword operators are words).
        case comparison(FilterOperator)
        case leftParen
        case rightParen
        case comma
        /// End of the filter text; its position is the text length.
        case end
    }

    var kind: Kind
    /// Offset (in characters, from 0) of the token's first character.
    var position: Int
    /// The token exactly as written, for error messages.
    var text: String

    /// Whether this token is the given (upper-case) keyword; keywords are case-insensitive.
    func isKeyword(_ keyword: String) -> Bool {
        guard case .word(let word) = kind else { return false }
        // Compare ASCII byte by byte rather than with `uppercased()`: Unicode case mapping
        // would turn `lıke` (dotless ı) into `LIKE` and make a key look like a keyword.
        let lhs = word.utf8, rhs = keyword.utf8
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { a, b in
            let upper = (a >= 0x61 && a <= 0x7A) ? a - 0x20 : a
            return upper == b
        }
    }

    /// Whether this token is any keyword of the grammar (which cannot be used as a field name
    /// or as a value without quoting).
    var isAnyKeyword: Bool {
        FilterToken.keywords.contains { isKeyword($0) }
    }

    static let keywords = ["AND", "OR", "NOT", "IN", "LIKE", "ILIKE"]

    /// How the token reads in an error message: quoted source text, shortened so a hostile
    /// 10,000-character token does not produce a 10,000-character message.
    var quoted: String {
        switch kind {
        case .end:
            return "the end of the filter"
        case .string, .quotedName:
            // The source text already carries its own quotes.
            return FilterToken.shortened(text)
        default:
            return "'\(FilterToken.shortened(text))'"
        }
    }

    /// Cuts `text` to at most `limit` characters, marking the cut with an ellipsis.
    static func shortened(_ text: String, limit: Int = 32) -> String {
        // Also cap Unicode scalars: one "character" can be a base followed by thousands of
        // combining marks. Four per character leaves room for flags and ZWJ emoji sequences.
        let characters = String(text.prefix(limit))
        let cut = String(characters.unicodeScalars.prefix(limit * 4))
        return cut.unicodeScalars.count == text.unicodeScalars.count ? text : cut + "…"
    }
}
