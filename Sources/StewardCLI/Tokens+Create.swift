import ArgumentParser
import StewardAPI

extension TokensCommand {
    /// `steward tokens create NAME`: issues a token and prints its secret, once.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Issue a token for yourself, or (administrators) for another account.",
            discussion: """
                The secret is printed once and cannot be retrieved later; with --format json it is \
                the "secret" field. A token's scopes are never wider than those of the credentials \
                that create it.
                """)

        @Argument(help: "A name to recognise the token by, e.g. ci-deploy.")
        var name: String

        @Option(name: .customLong("scope"), help: ArgumentHelp("A scope: read, write or admin; repeatable. (default: read)", valueName: "scope"))
        var scopes: [Components.Schemas.TokenCreate.ScopesPayloadPayload] = []

        @Option(help: ArgumentHelp("Expire after this many days (1 to \(TokenExpiry.maxDays)).", valueName: "days"))
        var expiresIn: Int?

        @Option(help: ArgumentHelp("Expire at this RFC 3339 time, e.g. 2027-01-31T00:00:00Z.", valueName: "time"))
        var expiresAt: String?

        @Option(help: ArgumentHelp("Issue the token for this account (administrators). (default: yourself)", valueName: "name"))
        var account: String?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if expiresIn != nil && expiresAt != nil { throw ValidationError("give --expires-in or --expires-at, not both") }
        }

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.TokenCreate(
                    name: name,
                    scopes: scopes.isEmpty ? nil : scopes,
                    expiresAt: try TokenExpiry.resolve(days: expiresIn, timestamp: expiresAt),
                    account: account)
                let token = try await client.createToken(body: .json(body)).created.body.json
                try options.emit(token) { TokenPrinting.created(token) }
            }
        }
    }
}
