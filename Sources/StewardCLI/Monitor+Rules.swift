import ArgumentParser
import StewardAPI

extension MonitorCommand {
    /// `steward monitor rules create|list|delete`.
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules", abstract: "Create, list and delete a model's alert rules.",
            subcommands: [Create.self, List.self, Delete.self])
    }
}

extension MonitorCommand.Rules {
    /// `steward monitor rules create MODEL --name N --metric M --condition C [--threshold T] …`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an alert rule (maintainers); prints a retraining trigger's secret once.")

        @Argument(help: "The model.")
        var model: String
        @Option(help: "The rule's name.")
        var name: String
        @Option(help: "The metric: drift_score, dataset_drift_share, prediction_drift_score, accuracy, rmse, rows, …")
        var metric: String
        @Option(help: "One feature, or '*' for every feature separately (omit for whole-window metrics).")
        var feature: String?
        @Option(help: "Versions watched: '*' (all), a number, or @alias (resolved at evaluation).")
        var versions: String?
        @Option(help: "above, below or outside_reference (compare with the version's evaluation metric).")
        var condition: String = "above"
        @Option(help: "The bound (above/below), or a relative tolerance for outside_reference (default 0.2 classification, 0.1 regression).")
        var threshold: Double?
        @Option(help: "Consecutive breaching windows that open an alert.")
        var windows: Int?
        @Option(name: .customLong("clear-windows"), help: "Consecutive healthy windows that close it.")
        var clearWindows: Int?
        @Option(name: .customLong("cool-down"), help: "Seconds after a close during which the series does not reopen.")
        var coolDown: Int?
        @Option(help: "info, warning or critical.")
        var severity: String?
        @Flag(help: "Create the rule disabled.")
        var disabled = false
        @Option(name: .customLong("trigger-url"), help: "Retraining pipeline URL: a signed webhook with the evidence on each opening.")
        var triggerURL: String?
        @Option(name: .customLong("trigger-secret"), help: "A whsec_ secret to sign the trigger with (generated when omitted).")
        var triggerSecret: String?
        @Option(help: "What the rule is for.")
        var description: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.AlertRuleCreate(
                    name: name, metric: metric, feature: feature, versions: versions,
                    condition: try Self.parse(condition, "condition"), threshold: threshold, windows: windows,
                    clearWindows: clearWindows, coolDownSeconds: coolDown, severity: try severity.map { try Self.parse($0, "severity") },
                    enabled: disabled ? false : nil, description: description,
                    retrainingTrigger: triggerURL.map { Components.Schemas.RetrainingTriggerInput(url: $0, secret: triggerSecret) })
                let rule = try await client.createAlertRule(path: .init(name: model), body: .json(body)).created.body.json
                try options.emit(rule) { AlertPrinting.created(rule) }
            }
        }

        static func parse<T: RawRepresentable>(_ text: String, _ option: String) throws -> T where T.RawValue == String {
            guard let value = T(rawValue: text) else { throw ValidationError("--\(option) '\(text)' is not allowed") }
            return value
        }
    }

    /// `steward monitor rules list MODEL`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "A model's alert rules.")

        @Argument(help: "The model.")
        var model: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listAlertRules(path: .init(name: model)).ok.body.json
                try options.emit(list) { AlertPrinting.rules(list.rules) }
            }
        }
    }

    /// `steward monitor rules delete MODEL NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an alert rule (its open alerts are resolved).")

        @Argument(help: "The model.")
        var model: String
        @Argument(help: "The rule's name.")
        var name: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteAlertRule(path: .init(name: model, rule: name)).noContent
                options.confirm("Deleted alert rule \(name) of \(model).")
            }
        }
    }
}
