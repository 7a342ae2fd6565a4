import ArgumentParser
import StewardAPI

extension GrantsCommand {
    /// `steward grants set MODEL SUBJECT PERMISSION`: creates the grant or changes its permission.
    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Give an account or a team a permission on a model, replacing any it had.")

        @OptionGroup var reference: GrantReference

        @Argument(help: "The permission: read, write or maintain.")
        var permission: Components.Schemas.GrantSet.PermissionPayload

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let grant = try await client.setGrant(
                    path: .init(name: reference.model, subject: reference.subject.description),
                    body: .json(.init(permission: permission))
                ).ok.body.json
                try options.emit(grant) { GrantPrinting.table([grant]) }
            }
        }
    }
}
