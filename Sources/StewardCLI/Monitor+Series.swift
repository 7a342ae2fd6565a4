import ArgumentParser
import Foundation
import StewardAPI

extension MonitorCommand {
    /// `steward monitor series MODEL@ALIAS|MODEL/VERSION --metric M [--feature F] [--from T] [--to T]`.
    struct Series: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "series", abstract: "The time series of one monitoring metric of a version, as a table.")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION (MODEL@v3 works too).")
        var target: String
        @Option(help: "The metric: drift_score, dataset_drift_share, accuracy, rows, … (list them with --list).")
        var metric: String?
        @Option(help: "The feature, for per-feature metrics such as drift_score.")
        var feature: String?
        @Option(help: "Windows starting at or after this time (RFC 3339).")
        var from: String?
        @Option(help: "Windows starting before this time (RFC 3339).")
        var to: String?
        @Flag(help: "List the metrics (and features) the version has points for instead.")
        var list = false
        @OptionGroup var options: ClientOptions

        func validate() throws {
            if metric == nil && !list { throw ValidationError("give --metric, or --list to see which metrics there are") }
        }

        func run() async throws {
            let (model, reference) = try Self.split(target)
            let from = try self.from.map { try Self.time($0, "from") }, to = try self.to.map { try Self.time($0, "to") }
            try await options.withClient { client in
                let version: Int
                switch reference {
                case .number(let number): version = number
                case .alias(let alias):
                    version = try await client.resolveAlias(path: .init(name: model, alias: alias)).ok.body.json.version
                }
                if list {
                    let names = try await client.listMetricNames(path: .init(name: model, version: version)).ok.body.json
                    try options.emit(names) { AlertPrinting.metricNames(names.metrics) }
                    return
                }
                let series = try await client.getMetricSeries(path: .init(name: model, version: version),
                                                              query: .init(metric: metric!, feature: feature, from: from, to: to)).ok.body.json
                try options.emit(series) { AlertPrinting.series(series) }
            }
        }

        enum Reference { case number(Int), alias(String) }

        /// `m@prod` → alias; `m/3`, `m@v3` → version 3.
        static func split(_ target: String) throws -> (String, Reference) {
            if let at = target.lastIndex(of: "@") {
                let model = String(target[..<at]), alias = String(target[target.index(after: at)...])
                guard !model.isEmpty, !alias.isEmpty else { throw ValidationError("'\(target)' is not MODEL@ALIAS") }
                if alias.hasPrefix("v"), let number = Int(alias.dropFirst()) { return (model, .number(number)) }
                return (model, .alias(alias))
            }
            if let slash = target.lastIndex(of: "/"), let number = Int(target[target.index(after: slash)...]) {
                return (String(target[..<slash]), .number(number))
            }
            throw ValidationError("'\(target)' is neither MODEL@ALIAS nor MODEL/VERSION")
        }

        static func time(_ text: String, _ option: String) throws -> Date {
            guard let date = try? Timestamp.parse(text) else { throw ValidationError("--\(option) must be an RFC 3339 time such as 2025-01-31T00:00:00Z") }
            return date
        }
    }
}
