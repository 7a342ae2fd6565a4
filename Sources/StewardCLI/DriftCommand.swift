import ArgumentParser
import Foundation
import StewardMonitoring

/// `steward drift REF CUR`: a one-shot, exact drift report between two local files, no server.
///
/// Reads CSV (header row) or NDJSON/JSON Lines, types the columns like Evidently, and prints one
/// verdict per feature (Evidently's default method and threshold, PSI beside it) and the dataset
/// verdict. `--fail-on-drift` makes a drifted dataset exit with status 1, for CI gates.
public struct DriftCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare two data files (CSV or NDJSON) and report per-feature and dataset drift.",
        discussion: """
            Methods: ks, chisquare, ztest, wasserstein, jensenshannon, psi. Defaults follow Evidently: \
            p-value tests for at most 1000 reference rows, distances above. Example: \
            steward drift train.csv today.csv --method f00=psi --threshold f00=0.2 --fail-on-drift
            """)

    @Argument(help: "The reference file (.csv, .ndjson or .jsonl).") var reference: String
    @Argument(help: "The current file (.csv, .ndjson or .jsonl).") var current: String
    @Option(help: "Method for one feature, FEATURE=METHOD, or METHOD for every feature (repeatable).")
    var method: [String] = []
    @Option(help: "Threshold for one feature, FEATURE=VALUE, or VALUE for every feature (repeatable).")
    var threshold: [String] = []
    @Option(help: "The dataset drifts when at least this share of features drifts (default 0.5).")
    var driftShare: Double = 0.5
    @Option(help: "The prediction column: reported on its own, not counted as a feature.")
    var prediction: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @Flag(help: "Exit with status 1 when the dataset drifts.") var failOnDrift = false

    public init() {}

    public func validate() throws {
        _ = try settings()
        guard driftShare > 0, driftShare <= 1 else { throw ValidationError("--drift-share must be in (0, 1]") }
    }

    /// The drift settings from the command-line overrides.
    func settings() throws -> DriftSettings {
        var settings = DriftSettings(driftShare: driftShare)
        for entry in method {
            let (feature, value) = Self.split(entry)
            guard let parsed = DriftMethod(rawValue: value.lowercased()) else {
                throw ValidationError("unknown method '\(value)' (\(DriftMethod.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if let feature { settings.features[feature, default: .init()].method = parsed } else { settings.defaults.method = parsed }
        }
        for entry in threshold {
            let (feature, value) = Self.split(entry)
            guard let parsed = Double(value), parsed.isFinite, parsed >= 0 else { throw ValidationError("bad threshold '\(entry)'") }
            if let feature { settings.features[feature, default: .init()].threshold = parsed } else { settings.defaults.threshold = parsed }
        }
        return settings
    }

    static func split(_ entry: String) -> (String?, String) {
        guard let equals = entry.lastIndex(of: "=") else { return (nil, entry) }
        return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
    }

    public func run() async throws {
        let settings = try settings()
        var pair: TablePair
        do {
            pair = try TableLoader.loadPair(reference: reference, current: current)
        } catch {
            StandardError.write("error: \(error)")
            throw ExitCode(1)
        }
        if let prediction, !pair.reference.contains(where: { $0.name == prediction }) {
            StandardError.write("error: the reference has no column '\(prediction)'")
            throw ExitCode(2)
        }
        let rows = (pair.reference.first?.count ?? 0, pair.current.first?.count ?? 0)
        let (referenceColumns, currentColumns, loadSkipped) = (pair.reference, pair.current, pair.skipped)
        pair = TablePair(reference: [], current: [], skipped: [])  // hand the only copies to the report
        let result = ExactDrift.analyze(reference: referenceColumns, current: currentColumns, settings: settings, prediction: prediction)
        let output = DriftOutput(result: result, skipped: loadSkipped + result.skipped, rows: rows)
        switch format {
        case .json: print(try JSONOutput.string(output))
        case .table: print(output.table())
        }
        if failOnDrift && result.report.datasetDrifted { throw ExitCode(1) }
    }
}
