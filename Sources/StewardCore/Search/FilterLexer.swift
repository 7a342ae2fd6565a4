/// Splits filter text into `FilterToken`s, one at a time.
///
/// The lexer is pulled lazily by the parser so errors come out in text order: in `= 'abc` the
/// missing field is reported before the unterminated string. Positions are offsets in Swift
/// `Character`s (grapheme clusters), the same unit as `String.count`.
struct FilterLexer {
    private let chars: [Character]
    private var index = 0

    init(_ text: String) {
        chars = Array(text)
    }

    /// Reads the next token, or an `.end` token once the text is exhausted (repeatedly).
    mutating func next() throws(FilterSyntaxError) -> FilterToken {
        while let c = peek(), c.isWhitespace { index += 1 }
        let start = index
        guard let c = peek() else { return FilterToken(kind: .end, position: start, text: "") }

        switch c {
        case "(": return single(.leftParen, at: start)
        case ")": return single(.rightParen, at: start)
        case ",": return single(.comma, at: start)
        case "'", "\"": return try string(quote: c)
        case "`": return try quotedName()
        case "=", "!", "<", ">": return try comparison()
        default:
            if Self.isDigit(c) || ((c == "-" || c == "+") && peek(1).map(Self.isDigit) == true) {
                return try number()
            }
            if Self.isWordStart(c) { return word() }
            let shown = FilterToken.shortened(String(c), limit: 1)
            throw FilterSyntaxError(message: "unexpected character '\(shown)'", position: start)
        }
    }

    // MARK: - Token kinds

    private mutating func single(_ kind: FilterToken.Kind, at start: Int) -> FilterToken {
        index += 1
        return FilterToken(kind: kind, position: start, text: String(chars[start]))
    }

    /// `=`/`==`, `!=`, `<>`, `<`, `<=`, `>`, `>=`: longest match first.
    private mutating func comparison() throws(FilterSyntaxError) -> FilterToken {
        let start = index
        let pair = peek(1).map { String(chars[start]) + String($0) }
        let op: FilterOperator
        switch pair {
        case "==": op = .equal
        case "!=", "<>": op = .notEqual
        case "<=": op = .lessOrEqual
        case ">=": op = .greaterOrEqual
        default:
            switch chars[start] {
            case "=": op = .equal
            case "<": op = .less
            case ">": op = .greater
            default:
                throw FilterSyntaxError(message: "unexpected character '!' (did you mean '!='?)", position: start)
            }
            index += 1
            return FilterToken(kind: .comparison(op), position: start, text: String(chars[start]))
        }
        index += 2
        return FilterToken(kind: .comparison(op), position: start, text: pair ?? "")
    }

    /// An identifier-like run. It starts like an identifier but continues through `-./:` and
    /// non-ASCII letters so dotted keys such as `tag.mlflow.runName` or `metric.val/loss` are one
    /// token; the parser splits and validates it.
    private mutating func word() -> FilterToken {
        let start = index
        index += 1
        while let c = peek(), Self.isWordContinuation(c) { index += 1 }
        let text = String(chars[start..<index])
        return FilterToken(kind: .word(text), position: start, text: text)
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, and nothing word-like glued to its end: `1abc` or
    /// `1.5.3` is a typo, not a number followed by a field.
    private mutating func number() throws(FilterSyntaxError) -> FilterToken {
        let start = index
        if peek() == "-" || peek() == "+" { index += 1 }
        var wellFormed = skipDigits()
        if wellFormed, peek() == "." {
            index += 1
            wellFormed = skipDigits()
        }
        if wellFormed, peek() == "e" || peek() == "E" {
            index += 1
            if peek() == "-" || peek() == "+" { index += 1 }
            wellFormed = skipDigits()
        }
        // Swallow the rest of a glued-on word so the message quotes the whole typo.
        while let c = peek(), Self.isWordContinuation(c) {
            wellFormed = false
            index += 1
        }
        let text = String(chars[start..<index])
        guard wellFormed, let value = Double(text) else {
            throw FilterSyntaxError(message: "malformed number '\(FilterToken.shortened(text))'", position: start)
        }
        // `Double` turns `1e999` into infinity, which no store column can compare against.
        guard value.isFinite else {
            throw FilterSyntaxError(message: "number '\(FilterToken.shortened(text))' is out of range", position: start)
        }
        return FilterToken(kind: .number(value), position: start, text: text)
    }

    /// A `'…'` or `"…"` literal. A doubled quote stands for one quote (SQL style); a backslash
    /// escapes a quote of either kind or another backslash (MLflow clients send `\'`). Any other
    /// backslash is kept as written so LIKE patterns and Windows paths survive unchanged.
    private mutating func string(quote: Character) throws(FilterSyntaxError) -> FilterToken {
        let start = index
        index += 1
        var value = ""
        while let c = peek() {
            if c == "\\", let escaped = peek(1), escaped == "'" || escaped == "\"" || escaped == "\\" {
                value.append(escaped)
                index += 2
            } else if c == quote, peek(1) == quote {
                value.append(quote)
                index += 2
            } else if c == quote {
                index += 1
                let text = String(chars[start..<index])
                return FilterToken(kind: .string(value, quote: quote), position: start, text: text)
            } else {
                value.append(c)
                index += 1
            }
        }
        throw unterminated("string", from: start)
    }

    /// A `` `…` `` quoted field name or key; a doubled backtick stands for one backtick.
    private mutating func quotedName() throws(FilterSyntaxError) -> FilterToken {
        let start = index
        index += 1
        var value = ""
        while let c = peek() {
            if c == "`", peek(1) == "`" {
                value.append("`")
                index += 2
            } else if c == "`" {
                index += 1
                let text = String(chars[start..<index])
                return FilterToken(kind: .quotedName(value), position: start, text: text)
            } else {
                value.append(c)
                index += 1
            }
        }
        throw unterminated("quoted name", from: start)
    }

    private func unterminated(_ what: String, from start: Int) -> FilterSyntaxError {
        let opening = FilterToken.shortened(String(chars[start...]), limit: 20)
        return FilterSyntaxError(
            message: "unterminated \(what) starting \(opening) (missing closing \(chars[start]))",
            position: start
        )
    }

    // MARK: - Character helpers

    private func peek(_ offset: Int = 0) -> Character? {
        let i = index + offset
        return i < chars.count ? chars[i] : nil
    }

    /// Consumes `[0-9]+`; false when there was no digit.
    private mutating func skipDigits() -> Bool {
        let start = index
        while let c = peek(), Self.isDigit(c) { index += 1 }
        return index > start
    }

    // `Character.asciiValue` rather than `isLetter`/`isNumber`: identifiers and numbers are ASCII
    // by definition, and `isNumber` would accept `٣` or `½`, which `Double` cannot read.
    static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 0x30 && a <= 0x39
    }

    static func isIdentifierStart(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A) || a == 0x5F
    }

    static func isIdentifierPart(_ c: Character) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }

    private static func isWordStart(_ c: Character) -> Bool { isIdentifierStart(c) }

    private static func isWordContinuation(_ c: Character) -> Bool {
        if isIdentifierPart(c) || c == "-" || c == "." || c == "/" || c == ":" { return true }
        // Keys may be written in any script (`tag.região`).
        return !c.isASCII && (c.isLetter || c.isNumber)
    }
}
