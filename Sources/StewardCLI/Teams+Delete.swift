import ArgumentParser

extension TeamsCommand {
    /// `steward teams delete NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a team (administrators).")

        @Argument(help: "The team name.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteTeam(path: .init(team: name)).noContent
                options.confirm("Deleted team \(name).")
            }
        }
    }
}
