import ArgumentParser
import StewardAPI

extension VersionsCommand {
    /// `steward versions consumers MODEL VERSION [--days 30]`: who still uses a version.
    struct Consumers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consumers", abstract: "Who still uses a version: each consumer's resolutions per day and when it was last seen.")

        @OptionGroup var target: VersionReference
        @Option(help: "The window in days, ending today (1-366).")
        var days: Int = 30
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let result = try await client.getVersionConsumers(path: .init(name: target.model, version: target.version),
                                                                  query: .init(days: days)).ok.body.json
                try options.emit(result) {
                    var table = TableFormatter(headers: ["CONSUMER", "LAST \(result.windowDays) DAYS", "TOTAL", "LAST SEEN", "PER DAY"])
                    for c in result.consumers {
                        table.append([c.consumer, String(c.count), String(c.total), Cells.date(c.lastSeen),
                                      Cells.summary(c.days.map { "\($0.day.suffix(5))=\($0.count)" }.joined(separator: " "), width: 60)])
                    }
                    return result.consumers.isEmpty ? "No consumer has resolved \(result.model) version \(result.version)." : table.render()
                }
            }
        }
    }
}
