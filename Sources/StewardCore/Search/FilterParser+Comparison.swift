/// The comparison level of the grammar: `field op value` and `field [NOT] IN (values)`.
extension FilterParsing {
    /// comparison := field op value | field [NOT] IN '(' value ( ',' value )* ')'
    mutating func parseComparison() throws(FilterSyntaxError) -> FilterComparison {
        let position = current.position
        let field = try parseField()
        let after = "after '\(FilterToken.shortened(field.description))'"

        if case .comparison(let op) = current.kind {
            let opText = current.text
            try advance()
            let value = try parseValue(context: "after '\(opText)'")
            return FilterComparison(field: field, op: op, value: value, position: position)
        }
        if current.isKeyword("LIKE") || current.isKeyword("ILIKE") {
            let op: FilterOperator = current.isKeyword("LIKE") ? .like : .ilike
            let opText = current.text
            try advance()
            let value = try parseValue(context: "after '\(opText)'")
            return FilterComparison(field: field, op: op, value: value, position: position)
        }
        if current.isKeyword("IN") {
            try advance()
            return FilterComparison(field: field, op: .in, value: try parseList(), position: position)
        }
        if current.isKeyword("NOT") {
            try advance()
            guard current.isKeyword("IN") else {
                // Only NOT IN exists; say so instead of a bare "expected IN".
                throw unexpected(expected: "IN", context: "after NOT", hint: "NOT is only supported as NOT IN")
            }
            try advance()
            return FilterComparison(field: field, op: .notIn, value: try parseList(), position: position)
        }
        throw unexpected(expected: "an operator", context: after)
    }

    // MARK: - Fields

    /// field := name | `name` | namespace '.' key, where key is a word or a `` `…` `` / `"…"` name.
    private mutating func parseField() throws(FilterSyntaxError) -> FilterField {
        switch current.kind {
        case .word(let word):
            if current.isAnyKeyword {
                throw FilterSyntaxError(
                    message: "expected a field name but found the keyword \(current.quoted)",
                    position: current.position
                )
            }
            return try parseWordField(word)
        case .quotedName(let name):
            // A backtick-quoted plain attribute: `name`. Attribute names are case-insensitive.
            try requireNonEmpty(name, what: "field name")
            try advance()
            return FilterField(name: name.lowercased())
        case .string(_, let quote):
            throw FilterSyntaxError(
                message: "expected a field name but found the string \(current.quoted)"
                    + (quote == "\"" ? " (quote field names with backticks, keys as tag.\"key\")" : ""),
                position: current.position
            )
        default:
            throw unexpected(expected: "a field name")
        }
    }

    /// Splits `name` or `namespace.key` (at the first dot: keys may contain dots themselves).
    private mutating func parseWordField(_ word: String) throws(FilterSyntaxError) -> FilterField {
        let token = current
        guard let dot = word.firstIndex(of: ".") else {
            try requireIdentifier(word, token: token, what: "field name")
            try advance()
            return FilterField(name: word.lowercased())
        }
        let prefix = String(word[..<dot])
        guard let namespace = Self.namespace(prefix) else {
            throw FilterSyntaxError(
                message: "unknown namespace '\(FilterToken.shortened(prefix))' (expected tag, metric, param or attribute)",
                position: token.position
            )
        }
        try advance()

        let key: String
        let rest = String(word[word.index(after: dot)...])
        if !rest.isEmpty {
            key = rest
            if namespace.isEmpty { try requireIdentifier(key, token: token, what: "attribute name") }
        } else {
            // `tag.` followed by a quoted key: `tag.\`my key\`` or `tag."my key"`. Here (and only
            // here) a double-quoted token is a key rather than a string value.
            switch current.kind {
            case .quotedName(let quoted), .string(let quoted, quote: "\""):
                try requireNonEmpty(quoted, what: "key")
                key = quoted
                try advance()
            default:
                throw unexpected(expected: "a key", context: "after '\(FilterToken.shortened(word))'",
                                 hint: "quote keys with spaces or symbols as `my key` or \"my key\"")
            }
        }
        // `attributes.name` is MLflow's spelling of the plain attribute `name`.
        if namespace.isEmpty { return FilterField(name: key.lowercased()) }
        return FilterField(namespace: namespace, name: key)
    }

    /// The normalised namespace for a prefix: `tag`, `metric`, `param`, or "" for plain attributes;
    /// nil when the prefix is not a namespace.
    private static func namespace(_ prefix: String) -> String? {
        switch prefix.lowercased() {
        case "tag", "tags": "tag"
        case "metric", "metrics": "metric"
        case "param", "params": "param"
        case "attribute", "attributes": ""
        default: nil
        }
    }

    /// Plain attribute names are identifiers `[A-Za-z_][A-Za-z0-9_]*`; the lexer's words are
    /// looser (they also carry keys), so the rest is checked here.
    private func requireIdentifier(_ name: String, token: FilterToken, what: String) throws(FilterSyntaxError) {
        guard let first = name.first, FilterLexer.isIdentifierStart(first),
              name.allSatisfy(FilterLexer.isIdentifierPart)
        else {
            throw FilterSyntaxError(
                message: "invalid \(what) '\(FilterToken.shortened(name))' "
                    + "(use letters, digits and '_', or quote it with backticks)",
                position: token.position
            )
        }
    }

    private func requireNonEmpty(_ name: String, what: String) throws(FilterSyntaxError) {
        guard name.isEmpty else { return }
        throw FilterSyntaxError(message: "empty \(what)", position: current.position)
    }

    // MARK: - Values

    /// value := 'string' | "string" | number. `context` says where, for messages ("after '='");
    /// `inList` is true inside an IN list, where a '(' means an attempt to nest lists.
    private mutating func parseValue(context: String, inList: Bool = false) throws(FilterSyntaxError) -> FilterValue {
        switch current.kind {
        case .string(let string, _):
            try advance()
            return .string(string)
        case .number(let number):
            try advance()
            return .number(number)
        case .word(let word) where !current.isAnyKeyword:
            let shown = FilterToken.shortened(word)
            throw FilterSyntaxError(
                message: "string values must be quoted: write '\(shown)' instead of \(shown)",
                position: current.position
            )
        case .quotedName:
            throw FilterSyntaxError(
                message: "expected a value \(context) but found the quoted name \(current.quoted) "
                    + "(backticks quote names; quote values with ' or \")",
                position: current.position
            )
        case .leftParen:
            throw FilterSyntaxError(
                message: inList
                    ? "IN lists cannot be nested"
                    : "a list of values is only allowed after IN or NOT IN",
                position: current.position
            )
        default:
            throw unexpected(expected: "a value", context: context)
        }
    }

    /// '(' value ( ',' value )* ')' after IN / NOT IN; never empty.
    private mutating func parseList() throws(FilterSyntaxError) -> FilterValue {
        guard current.kind == .leftParen else {
            throw unexpected(expected: "'('", context: "to start the IN list")
        }
        let open = current
        try advance()
        if current.kind == .rightParen {
            throw FilterSyntaxError(message: "empty IN list", position: current.position)
        }
        var values: [FilterValue] = []
        while true {
            values.append(try parseValue(context: "in the IN list", inList: true))
            switch current.kind {
            case .comma:
                try advance()
            case .rightParen:
                try advance()
                return .list(values)
            case .end:
                throw FilterSyntaxError(
                    message: "unbalanced parenthesis: this '(' of the IN list is never closed",
                    position: open.position
                )
            default:
                throw unexpected(expected: "',' or ')'", context: "in the IN list")
            }
        }
    }
}
