import ArgumentParser
import StewardAPI

extension TeamsCommand {
    /// `steward teams create NAME`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a team (administrators).")

        @Argument(help: "The team name (letters, digits, '.', '_', '-', '@').")
        var name: String

        @Option(help: "A description.")
        var description: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.TeamCreate(name: name, description: description)
                let team = try await client.createTeam(body: .json(body)).created.body.json
                try options.emit(team) { TeamPrinting.details(team) }
            }
        }
    }
}
