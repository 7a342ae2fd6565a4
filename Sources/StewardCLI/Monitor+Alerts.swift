import ArgumentParser
import StewardAPI

extension MonitorCommand {
    /// `steward monitor alerts [MODEL] [--state open|closed|all]`.
    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alerts", abstract: "Alerts of a model, or of every model you may read (open ones by default).")

        @Argument(help: "The model (omit for every model you may read).")
        var model: String?
        @Option(help: "open, closed or all.")
        var state: String = "open"
        @Option(name: .customLong("max-results"), help: "At most this many (1-500).")
        var maxResults: Int?
        @OptionGroup var options: ClientOptions

        func validate() throws {
            if !["open", "closed", "all"].contains(state) { throw ValidationError("--state must be open, closed or all") }
        }

        func run() async throws {
            try await options.withClient { client in
                let page: Components.Schemas.AlertPage
                if let model {
                    page = try await client.listModelAlerts(path: .init(name: model),
                                                            query: .init(state: .init(rawValue: state), maxResults: maxResults)).ok.body.json
                } else {
                    page = try await client.listAlerts(query: .init(state: .init(rawValue: state), maxResults: maxResults)).ok.body.json
                }
                try options.emit(page) { AlertPrinting.alerts(page.alerts) }
            }
        }
    }

    /// `steward monitor acknowledge MODEL ALERT-ID`.
    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "acknowledge", abstract: "Acknowledge an alert (someone is on it).")

        @Argument(help: "The model.")
        var model: String
        @Argument(help: "The alert id.")
        var alert: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let acknowledged = try await client.acknowledgeAlert(path: .init(name: model, alert: alert)).ok.body.json
                try options.emit(acknowledged) { AlertPrinting.alerts([acknowledged]) }
            }
        }
    }
}
