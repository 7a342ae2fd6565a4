import ArgumentParser
import StewardAPI

extension DatasetsCommand {
    /// `steward datasets flag NAME VERSION --reason poisoned --comment …`.
    struct FlagTaint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flag", abstract: "Flag a dataset version as tainted; every model version trained on it becomes tainted.")

        @OptionGroup var target: DatasetVersionReference

        @Option(help: "Why: poisoned, license, personal_data or other.")
        var reason: Components.Schemas.TaintReason

        @Option(help: "What is wrong (recorded in the audit trail).")
        var comment: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let change = try await client.flagDatasetVersion(path: .init(dataset: target.dataset, version: target.version),
                                                                 body: .json(.init(reason: reason, comment: comment))).ok.body.json
                try options.emit(change) { DatasetPrinting.change(change, verb: "Flagged") }
            }
        }
    }

    /// `steward datasets clear NAME VERSION`.
    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Clear the taint flag of a dataset version.")

        @OptionGroup var target: DatasetVersionReference

        @Option(help: "Why the flag is cleared (recorded in the audit trail).")
        var comment: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let change = try await client.clearDatasetVersionTaint(path: .init(dataset: target.dataset, version: target.version),
                                                                       query: .init(comment: comment)).ok.body.json
                try options.emit(change) { DatasetPrinting.change(change, verb: "Cleared") }
            }
        }
    }
}

extension Components.Schemas.TaintReason: ExpressibleByArgument {}
