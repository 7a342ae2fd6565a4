import ArgumentParser
import StewardAPI

extension AuditCommand {
    /// `steward audit list`: entries in log order, filtered.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit entries (auditors and administrators).")

        @OptionGroup var filters: AuditFilterOptions
        @Option(help: ArgumentHelp("The page size (1 to 10000).", valueName: "n"))
        var maxResults: Int?
        @Option(help: ArgumentHelp("Continue from this next_page_token.", valueName: "token"))
        var pageToken: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let (from, to) = try filters.dates()
            try await options.withClient { client in
                let page = try await client.listAuditEntries(query: .init(
                    from: from, to: to, actor: filters.actor, action: filters.action, model: filters.model, version: filters.version,
                    dataset: filters.dataset, maxResults: maxResults, pageToken: pageToken)).ok.body.json
                try options.emit(page) { AuditPrinting.table(page) }
            }
        }
    }
}

/// Renders audit entries as a table.
enum AuditPrinting {
    static func table(_ page: Components.Schemas.AuditEntryList) -> String {
        let rows = page.entries.map { entry -> [String] in
            let fields = entry.entry.additionalProperties.value
            func text(_ value: (any Sendable)?) -> String {
                switch value {
                case let string as String: string
                case let object as [String: (any Sendable)?]: (object["name"] as? String) ?? (object["id"] as? String) ?? ""
                default: ""
                }
            }
            return [String(entry.index), text(fields["time"] ?? nil), text(fields["actor"] ?? nil), text(fields["action"] ?? nil),
                    text((fields["target"] as? [String: (any Sendable)?]).map { $0["id"] ?? nil } ?? nil)]
        }
        var out = TableFormatter(headers: ["INDEX", "TIME", "ACTOR", "ACTION", "TARGET"], rows: rows).render()
        if let token = page.nextPageToken { out += "\nMore: --page-token \(token)" }
        return out
    }
}
