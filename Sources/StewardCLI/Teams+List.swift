import ArgumentParser

extension TeamsCommand {
    /// `steward teams list`: every team with its members.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List teams with their members.")

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listTeams().ok.body.json
                try options.emit(list) { TeamPrinting.table(list.teams) }
            }
        }
    }
}
