/// Tables for teams.
enum TeamPrinting {
    /// One row per team.
    static func table(_ teams: [Team]) -> String {
        var table = TableFormatter(headers: ["NAME", "MEMBERS", "CREATED", "DESCRIPTION"])
        for team in teams {
            table.append([
                team.name,
                TableFormatter.truncate(Cells.list(team.members), to: 60),
                Cells.date(team.createdAt),
                Cells.summary(team.description),
            ])
        }
        return table.render()
    }

    /// Every field of one team.
    static func details(_ team: Team) -> String {
        TableFormatter.details([
            ("Name", team.name),
            ("Description", Cells.summary(team.description, width: 100)),
            ("Members", Cells.list(team.members)),
            ("Created", Cells.date(team.createdAt)),
        ])
    }
}
