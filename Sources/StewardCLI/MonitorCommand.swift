// Part S (issue 7): add your `steward monitor …` subcommands (ingest, report, …) to the
// `subcommands` list below, in files of your own (`Monitor+<Name>.swift`); part A's are the alert ones.
import ArgumentParser

/// `steward monitor …`: production monitoring of model versions.
public struct MonitorCommand: AsyncParsableCommand {
    /// The `monitor` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Monitor models in production: prediction logs, drift and quality reports, metric series, alert rules and alerts.",
        subcommands: [Configure.self, Log.self, Labels.self, Reference.self, Report.self, Windows.self, Rejected.self,
                      Rules.self, Alerts.self, Acknowledge.self, Series.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}
