/// Tables for model grants.
enum GrantPrinting {
    /// One row per grant.
    static func table(_ grants: [Grant]) -> String {
        var table = TableFormatter(headers: ["SUBJECT", "PERMISSION"])
        for grant in grants {
            table.append([grant.subject, grant.permission.rawValue])
        }
        return table.render()
    }
}
