import ArgumentParser
import Foundation
import OpenAPIRuntime
import StewardAPI

extension MonitorCommand {
    /// `steward monitor log MODEL@ALIAS|MODEL/VERSION FILE`: streams a CSV or NDJSON file of
    /// predictions in batches, printing what each batch did.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log", abstract: "Log predictions from a CSV or NDJSON file, in batches.",
            discussion: "CSV columns: id, timestamp, prediction, probability_<class>; every other column is a feature.")

        @Argument(help: "MODEL@ALIAS (resolved by the server for each batch) or MODEL/VERSION.")
        var target: String
        @Argument(help: "The file (.csv, or .ndjson/.jsonl).")
        var file: String
        @Option(help: "Rows per batch (keep batches under the server's JSON body limit).")
        var batchRows = 2000
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await MonitorBatches.send(target: target, file: file, kind: .predictions, batchRows: batchRows, options: options)
        }
    }

    /// `steward monitor labels MODEL@ALIAS|MODEL/VERSION FILE`: ground-truth labels by row id.
    struct Labels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "labels", abstract: "Send ground-truth labels from a CSV (id,label) or NDJSON file, in batches.")

        @Argument(help: "MODEL@ALIAS or MODEL/VERSION.")
        var target: String
        @Argument(help: "The file (.csv with id and label columns, or .ndjson/.jsonl of {\"id\", \"label\"}).")
        var file: String
        @Option(help: "Labels per batch.")
        var batchRows = 5000
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await MonitorBatches.send(target: target, file: file, kind: .labels, batchRows: batchRows, options: options)
        }
    }
}

/// Sends a file's rows as NDJSON batches and prints per-batch and total counts.
enum MonitorBatches {
    static func send(target: String, file: String, kind: MonitorRows.Kind, batchRows: Int, options: ClientOptions) async throws {
        guard batchRows >= 1 else { throw CLIFailure.usage("--batch-rows must be at least 1.") }
        let (model, reference) = try MonitorCommand.Series.split(target)
        var rows = try MonitorRows(path: file, kind: kind)
        var totals: [String: Int] = [:]
        var batches = 0
        try await options.withClient(timeout: .transfer) { client in
            while true {
                var lines: [String] = []
                while lines.count < batchRows, let line = rows.next() { lines.append(line) }
                guard !lines.isEmpty else { break }
                batches += 1
                let body = HTTPBody(lines.joined(separator: "\n") + "\n")
                var counts: [String: Int]
                switch (kind, reference) {
                case (.predictions, .number(let version)):
                    counts = try Self.counts(try await client.ingestPredictions(path: .init(name: model, version: version), body: .applicationXNdjson(body)).ok.body.json)
                case (.predictions, .alias(let alias)):
                    counts = try Self.counts(try await client.ingestPredictionsByAlias(path: .init(name: model, alias: alias), body: .applicationXNdjson(body)).ok.body.json)
                case (.labels, .number(let version)):
                    counts = Self.counts(try await client.ingestLabels(path: .init(name: model, version: version), body: .applicationXNdjson(body)).ok.body.json)
                case (.labels, .alias(let alias)):
                    counts = Self.counts(try await client.ingestLabelsByAlias(path: .init(name: model, alias: alias), body: .applicationXNdjson(body)).ok.body.json)
                }
                for (key, value) in counts { totals[key, default: 0] += value }
                if options.format == .table {
                    print("batch \(batches): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                }
            }
        }
        try options.emit(totals) {
            "total (\(batches) batches): " + totals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
    }

    static func counts(_ result: Components.Schemas.IngestResult) throws -> [String: Int] {
        var counts = ["accepted": result.accepted, "rejected": result.rejectedTotal, "labels_joined": result.labelsJoined]
        for (reason, count) in result.rejected.additionalProperties { counts["rejected." + reason] = count }
        return counts
    }

    static func counts(_ result: Components.Schemas.LabelResult) -> [String: Int] {
        ["received": result.received, "joined": result.joined, "pending": result.pending]
    }
}
