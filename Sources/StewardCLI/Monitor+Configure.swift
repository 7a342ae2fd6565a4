import ArgumentParser
import Foundation
import OpenAPIRuntime
import StewardAPI

extension MonitorCommand {
    /// `steward monitor configure MODEL@ALIAS|MODEL/VERSION`: window width, task, drift overrides.
    struct Configure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "configure", abstract: "Set how a version is monitored (audited).")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION.")
        var target: String
        @Option(help: "Window width in seconds (default 3600; windows are aligned to the epoch).")
        var windowSeconds: Int?
        @Option(help: "classification or regression (enables quality metrics).")
        var task: Components.Schemas.MonitorSettings.TaskPayload?
        @Option(help: "The positive class of a binary classifier.")
        var positiveClass: String?
        @Option(help: "Drift overrides as JSON, e.g. '{\"threshold\":0.2,\"features\":{\"age\":{\"method\":\"psi\"}}}'.")
        var drift: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let (model, reference) = try MonitorCommand.Series.split(target)
            var overrides: Components.Schemas.MonitorSettings.DriftPayload?
            if let drift {
                guard let data = drift.data(using: .utf8), let decoded = try? JSONDecoder().decode(Components.Schemas.MonitorSettings.DriftPayload.self, from: data) else {
                    throw CLIFailure.usage("--drift must be a JSON object")
                }
                overrides = decoded
            }
            try await options.withClient { client in
                let version = try await MonitorCommand.version(client, model, reference)
                let settings = Components.Schemas.MonitorSettings(windowSeconds: windowSeconds, task: task, positiveClass: positiveClass, drift: overrides)
                let monitor = try await client.configureMonitor(path: .init(name: model, version: version), body: .json(settings)).ok.body.json
                try options.emit(monitor) {
                    TableFormatter.details([("Model", "\(model) v\(version)"), ("Window", "\(monitor.settings.windowSeconds ?? 3600) s"),
                                            ("Task", monitor.settings.task?.rawValue ?? "-"), ("Positive class", monitor.settings.positiveClass ?? "-")])
                }
            }
        }
    }

    /// `steward monitor reference MODEL@ALIAS|MODEL/VERSION (--dataset D --dataset-version N FILE | --from T --to T)`.
    struct Reference: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reference", abstract: "Set the reference profile from a dataset version's file or from production windows (audited).")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION.")
        var target: String
        @Argument(help: "The dataset version's file (.csv or .ndjson); its SHA-256 must be the version's digest.")
        var file: String?
        @Option(help: "The registered dataset the file is a version of.")
        var dataset: String?
        @Option(help: "The dataset version number.")
        var datasetVersion: Int?
        @Option(help: "Or: production windows starting at or after this time (RFC 3339).")
        var from: String?
        @Option(help: "… and before this time.")
        var to: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let (model, reference) = try MonitorCommand.Series.split(target)
            try await options.withClient(timeout: .transfer) { client in
                let version = try await MonitorCommand.version(client, model, reference)
                let path = Operations.SetMonitorReference.Input.Path(name: model, version: version)
                let result: Components.Schemas.MonitorReference
                if let file {
                    guard let dataset, let datasetVersion else { throw CLIFailure.usage("a file needs --dataset and --dataset-version") }
                    let body = HTTPBody(try Data(contentsOf: URL(fileURLWithPath: file)))
                    let query = Operations.SetMonitorReference.Input.Query(dataset: dataset, datasetVersion: datasetVersion)
                    let lower = file.lowercased()
                    result = try await client.setMonitorReference(path: path, query: query,
                                                                  body: lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") ? .applicationXNdjson(body) : .csv(body)).ok.body.json
                } else {
                    guard let from, let to else { throw CLIFailure.usage("give a dataset file, or --from and --to") }
                    result = try await client.setMonitorReference(path: path, body: .json(.init(from: try MonitorCommand.Series.time(from, "from"),
                                                                                                    to: try MonitorCommand.Series.time(to, "to")))).ok.body.json
                }
                try options.emit(result) {
                    TableFormatter.details([("Model", "\(model) v\(version)"), ("Rows", String(result.rows)),
                                            ("Features", result.features.map(\.name).joined(separator: ", ")), ("Set by", result.createdBy)])
                }
            }
        }
    }
}

extension Components.Schemas.MonitorSettings.TaskPayload: ExpressibleByArgument {}
