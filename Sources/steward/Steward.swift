import ArgumentParser
import StewardCLI

/// `steward`: the server (`serve`, `migrate`) and the client commands, in one binary.
@main
struct Steward: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steward",
        abstract: "Steward: a self-hosted model registry and governance server.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ModelsCommand.self, VersionsCommand.self, AliasesCommand.self,
            WhoAmICommand.self, AccountsCommand.self, TeamsCommand.self, TokensCommand.self, GrantsCommand.self,
            AuditCommand.self, DatasetsCommand.self, LineageCommand.self, PromotionsCommand.self,
            RetentionCommand.self, GCCommand.self, SubscriptionsCommand.self, DriftCommand.self,
            MonitorCommand.self, // issue 7: steward monitor …
            CatalogCommand.self, TemplatesCommand.self, // issue 8: steward catalog search, steward templates …
        ]
    )

    /// Maps ArgumentParser's usage-error status (64) to 2, as the CLI conventions ask.
    static func main() async { await CommandLineMain.run(Steward.self) }
}
