/// Tables for `whoami` and accounts.
enum IdentityPrinting {
    /// The principal behind the credentials.
    static func whoAmI(_ identity: WhoAmI) -> String {
        TableFormatter.details([
            ("Name", identity.name),
            ("Kind", identity.kind),
            ("Roles", Cells.list(identity.roles)),
            ("Teams", Cells.list(identity.teams)),
            ("Scopes", identity.scopes.map(Cells.list) ?? Cells.none),
            ("Authenticated by", identity.authenticatedBy),
        ])
    }

    /// One row per account.
    static func accounts(_ accounts: [Account]) -> String {
        var table = TableFormatter(headers: ["NAME", "KIND", "ROLES", "TIER", "STATUS", "PASSWORD", "CREATED"])
        for account in accounts {
            table.append([
                account.name,
                account.kind.rawValue,
                Cells.list(account.roles.map(\.rawValue)),
                account.tier.rawValue,
                status(account),
                account.hasPassword ? "yes" : "no",
                Cells.date(account.createdAt),
            ])
        }
        return table.render()
    }

    /// Every field of one account.
    static func details(_ account: Account) -> String {
        TableFormatter.details([
            ("Name", account.name),
            ("Kind", account.kind.rawValue),
            ("Roles", Cells.list(account.roles.map(\.rawValue))),
            ("Tier", account.tier.rawValue),
            ("Status", status(account)),
            ("Password", account.hasPassword ? "set" : "none"),
            ("Created", "\(Cells.date(account.createdAt)) by \(account.createdBy)"),
        ])
    }

    private static func status(_ account: Account) -> String {
        account.disabled ? "disabled" : "enabled"
    }
}
