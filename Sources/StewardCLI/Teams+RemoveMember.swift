import ArgumentParser

extension TeamsCommand {
    /// `steward teams remove-member TEAM ACCOUNT`: prints the team as it now is.
    struct RemoveMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-member", abstract: "Remove an account from a team (administrators).")

        @OptionGroup var membership: TeamMembership
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let team = try await client.removeTeamMember(
                    path: .init(team: membership.team, account: membership.account)
                ).ok.body.json
                try options.emit(team) { TeamPrinting.details(team) }
            }
        }
    }
}
