/// Tables for aliases and their history.
enum AliasPrinting {
    /// One row per alias.
    static func table(_ aliases: [Alias]) -> String {
        var table = TableFormatter(headers: ["ALIAS", "VERSION", "UPDATED", "BY"])
        for alias in aliases {
            table.append([alias.alias, String(alias.version), Cells.date(alias.updatedAt), alias.updatedBy])
        }
        return table.render()
    }

    /// One row per change, in the order given (the API sends newest first).
    static func history(_ history: AliasHistory) -> String {
        var table = TableFormatter(headers: ["AT", "ACTION", "FROM", "TO", "BY", "PROMOTION"])
        for event in history.history {
            table.append([
                Cells.date(event.at),
                event.action.rawValue,
                Cells.number(event.fromVersion),
                Cells.number(event.toVersion),
                event.by,
                Cells.text(event.promotionId),
            ])
        }
        return table.render()
    }
}
