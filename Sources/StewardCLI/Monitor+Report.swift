import ArgumentParser
import Foundation
import StewardAPI

extension MonitorCommand {
    /// `steward monitor report MODEL@ALIAS|MODEL/VERSION`: the drift table and quality of a range.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "Drift per feature (from sketches) and quality against the version's metrics.")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION.")
        var target: String
        @Option(help: "Windows starting at or after this time (RFC 3339; default 24 hours before --to).")
        var from: String?
        @Option(help: "Windows starting before this time (RFC 3339; default now).")
        var to: String?
        @Option(help: "`reference` (default) or FROM,TO of baseline windows.")
        var baseline: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let (model, reference) = try MonitorCommand.Series.split(target)
            let from = try self.from.map { try MonitorCommand.Series.time($0, "from") }, to = try self.to.map { try MonitorCommand.Series.time($0, "to") }
            try await options.withClient { client in
                let version = try await MonitorCommand.version(client, model, reference)
                let report = try await client.getDriftReport(path: .init(name: model, version: version),
                                                             query: .init(from: from, to: to, baseline: baseline)).ok.body.json
                try options.emit(report) { MonitorPrinting.report(report) }
            }
        }
    }

    /// `steward monitor windows MODEL@ALIAS|MODEL/VERSION`.
    struct Windows: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "windows", abstract: "Windows with rows, rejected rows, labelled rows, drift share and quality.")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION.")
        var target: String
        @Option(help: "From (RFC 3339; default 24 hours before --to).")
        var from: String?
        @Option(help: "To (RFC 3339; default now).")
        var to: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let (model, reference) = try MonitorCommand.Series.split(target)
            let from = try self.from.map { try MonitorCommand.Series.time($0, "from") }, to = try self.to.map { try MonitorCommand.Series.time($0, "to") }
            try await options.withClient { client in
                let version = try await MonitorCommand.version(client, model, reference)
                let list = try await client.listMonitorWindows(path: .init(name: model, version: version), query: .init(from: from, to: to)).ok.body.json
                try options.emit(list) { MonitorPrinting.windows(list.windows) }
            }
        }
    }

    /// `steward monitor rejected MODEL@ALIAS|MODEL/VERSION [--reason R]`.
    struct Rejected: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rejected", abstract: "Rows kept aside by the schema checks, with the reason.")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION.")
        var target: String
        @Option(help: "Only this reason (wrong_type, missing_required, unknown_category, out_of_range, non_finite, duplicate_id, …).")
        var reason: String?
        @Option(help: "Rows after this sequence number (the `next` of a previous page).")
        var after: Int64?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let (model, reference) = try MonitorCommand.Series.split(target)
            try await options.withClient { client in
                let version = try await MonitorCommand.version(client, model, reference)
                let reason = try self.reason.map { value -> Operations.ListRejectedRows.Input.Query.ReasonPayload in
                    guard let parsed = Operations.ListRejectedRows.Input.Query.ReasonPayload(rawValue: value) else {
                        throw CLIFailure.usage("unknown reason '\(value)'")
                    }
                    return parsed
                }
                let list = try await client.listRejectedRows(path: .init(name: model, version: version),
                                                             query: .init(reason: reason, after: after)).ok.body.json
                try options.emit(list) {
                    var table = TableFormatter(headers: ["SEQ", "ID", "REASON", "DETAIL", "WINDOW"])
                    for row in list.rows {
                        table.append([String(row.sequence), row.id ?? "-", row.reason, TableFormatter.truncate(row.detail, to: 60), Timestamp.format(row.window)])
                    }
                    return table.render() + (list.next.map { "\nmore: --after \($0)" } ?? "")
                }
            }
        }
    }

    /// The version a target names: its number, or the alias's version now.
    static func version(_ client: Client, _ model: String, _ reference: Series.Reference) async throws -> Int {
        switch reference {
        case .number(let number): return number
        case .alias(let alias): return try await client.resolveAlias(path: .init(name: model, alias: alias)).ok.body.json.version
        }
    }
}
