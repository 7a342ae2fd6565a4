import ArgumentParser

extension TeamsCommand {
    /// `steward teams add-member TEAM ACCOUNT`: prints the team as it now is.
    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-member", abstract: "Add an account to a team (administrators).")

        @OptionGroup var membership: TeamMembership
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let team = try await client.addTeamMember(
                    path: .init(team: membership.team, account: membership.account)
                ).ok.body.json
                try options.emit(team) { TeamPrinting.details(team) }
            }
        }
    }
}
