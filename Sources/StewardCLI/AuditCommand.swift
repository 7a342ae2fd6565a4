import ArgumentParser

/// `steward audit …`: read, export and verify the tamper-evident audit trail.
public struct AuditCommand: AsyncParsableCommand {
    /// The `audit` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read, export and verify the audit trail.",
        subcommands: [List.self, Checkpoint.self, Export.self, Verify.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

/// The trail filters shared by `audit list` and `audit export`.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Entries at or after this RFC 3339 time.", valueName: "time"))
    var from: String?
    @Option(help: ArgumentHelp("Entries before this RFC 3339 time.", valueName: "time"))
    var to: String?
    @Option(help: ArgumentHelp("Actor name or id.", valueName: "name"))
    var actor: String?
    @Option(help: ArgumentHelp("An action (alias.move) or a prefix ending in '.' (model.).", valueName: "action"))
    var action: String?
    @Option(help: ArgumentHelp("Model name.", valueName: "name"))
    var model: String?
    @Option(help: ArgumentHelp("Version number (with --model).", valueName: "n"))
    var version: Int?
    @Option(help: ArgumentHelp("Dataset name.", valueName: "name"))
    var dataset: String?

    /// Parses the time options.
    func dates() throws -> (from: Date?, to: Date?) {
        func parse(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = ISO8601DateFormatter.flexible(text) else { throw ValidationError("--\(name) must be an RFC 3339 time") }
            return date
        }
        return (try parse(from, "from"), try parse(to, "to"))
    }
}

import Foundation

extension ISO8601DateFormatter {
    /// RFC 3339 with or without fractional seconds.
    static func flexible(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
