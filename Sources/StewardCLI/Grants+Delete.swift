import ArgumentParser

extension GrantsCommand {
    /// `steward grants delete MODEL SUBJECT`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a grant from a model.")

        @OptionGroup var reference: GrantReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteGrant(
                    path: .init(name: reference.model, subject: reference.subject.description)
                ).noContent
                options.confirm("Removed the grant of model \(reference.model) to \(reference.subject).")
            }
        }
    }
}
