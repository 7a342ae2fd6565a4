import ArgumentParser
import StewardAPI

/// `steward retention …`: per-model retention policies and runs.
public struct RetentionCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Set, show and run per-model retention policies (retire old versions, free their bytes).",
        subcommands: [Set.self, Show.self, Run.self])

    public init() {}

    /// `steward retention set MODEL [--keep-last N] [--max-age-days D] [--consumer-window-days W]`.
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a model's retention policy.")

        @Argument(help: "The model name.") var model: String
        @Option(help: "Always keep the newest N versions.") var keepLast: Int?
        @Option(help: "Retire versions created more than D days ago.") var maxAgeDays: Int?
        @Option(help: "Keep versions a consumer resolved within W days (default 30).") var consumerWindowDays: Int?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let policy = try await client.setRetentionPolicy(
                    path: .init(name: model),
                    body: .json(.init(keepLast: keepLast, maxAgeDays: maxAgeDays, consumerWindowDays: consumerWindowDays))).ok.body.json
                try options.emit(policy) { LifecyclePrinting.policy(policy) }
            }
        }
    }

    /// `steward retention show MODEL`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a model's retention policy.")

        @Argument(help: "The model name.") var model: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let policy = try await client.getRetentionPolicy(path: .init(name: model)).ok.body.json
                try options.emit(policy) { LifecyclePrinting.policy(policy) }
            }
        }
    }

    /// `steward retention run [MODEL] [--dry-run]`: one model, or every model with a policy (admins).
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Apply retention to one model (or, without MODEL, to every model with a policy).")

        @Argument(help: "The model name (omit for all models; administrators only).") var model: String?
        @Flag(help: "Only report what would be retired and why each other version is kept.") var dryRun = false
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.RetentionRun(dryRun: dryRun)
                let report = if let model {
                    try await client.runModelRetention(path: .init(name: model), body: .json(body)).ok.body.json
                } else {
                    try await client.runRetention(body: .json(body)).ok.body.json
                }
                try options.emit(report) { LifecyclePrinting.report(report) }
            }
        }
    }
}
