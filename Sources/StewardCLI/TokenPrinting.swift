/// Tables for API tokens.
enum TokenPrinting {
    /// One row per token; an ACCOUNT column appears when the server names the tokens' accounts.
    static func table(_ tokens: [Token]) -> String {
        let showAccount = tokens.contains { $0.account != nil }
        var table = TableFormatter(
            headers: ["ID", "NAME"] + (showAccount ? ["ACCOUNT"] : []) + ["SCOPES", "EXPIRES", "LAST USED", "REVOKED"])
        for token in tokens {
            table.append(
                [token.id, token.name] + (showAccount ? [Cells.text(token.account)] : []) + [
                    scopes(token),
                    expiry(token),
                    token.lastUsedAt.map(Timestamp.format) ?? "never",
                    Cells.date(token.revokedAt),
                ])
        }
        return table.render()
    }

    /// A token just issued: its fields, then its secret, labelled as shown only this once.
    static func created(_ token: Token) -> String {
        var text = TableFormatter.details([
            ("ID", token.id),
            ("Name", token.name),
            ("Account", Cells.text(token.account)),
            ("Scopes", scopes(token)),
            ("Expires", expiry(token)),
            ("Created", "\(Cells.date(token.createdAt)) by \(token.createdBy)"),
        ])
        if let secret = token.secret {
            text += "\n\nSecret (shown only this once; store it now, it cannot be retrieved later):\n" + secret
        } else {
            text += "\n\nSecret: (the server did not return one)"
        }
        return text
    }

    private static func scopes(_ token: Token) -> String {
        Cells.list(token.scopes.map(\.rawValue))
    }

    private static func expiry(_ token: Token) -> String {
        token.expiresAt.map(Timestamp.format) ?? "never"
    }
}
