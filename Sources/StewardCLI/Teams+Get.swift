import ArgumentParser

extension TeamsCommand {
    /// `steward teams get NAME`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a team and its members.")

        @Argument(help: "The team name.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let team = try await client.getTeam(path: .init(team: name)).ok.body.json
                try options.emit(team) { TeamPrinting.details(team) }
            }
        }
    }
}
