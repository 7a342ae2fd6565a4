import ArgumentParser
import StewardAPI

typealias AliasProtection = Components.Schemas.AliasProtection

extension AliasesCommand {
    /// `steward aliases protect MODEL ALIAS --approvals 2 --role approver …`: protects an alias (or
    /// replaces its policy, which bumps the policy version and makes earlier approvals stale).
    struct Protect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "protect",
            abstract: "Protect an alias: it then moves only through approved promotion requests.",
            discussion: """
                Example: steward aliases protect churn production --approvals 2 --role approver \\
                  --card-field intended_use --metric "accuracy >= 0.9" --require-input-schema --require-lineage
                Without --role and --team, holders of the approver role review.
                """)

        @OptionGroup var reference: AliasReference

        @Option(help: ArgumentHelp("Approvals needed from distinct eligible principals (0: gates only).", valueName: "n"))
        var approvals: Int = 1

        @Option(name: .customLong("role"), help: ArgumentHelp("A role whose holders may approve (repeatable).", valueName: "role"))
        var roles: [Components.Schemas.AliasProtectionPolicy.ApproverRolesPayloadPayload] = []

        @Option(name: .customLong("team"), help: ArgumentHelp("A team whose members may approve (repeatable).", valueName: "team"))
        var teams: [String] = []

        @Flag(help: "Let the requester's own approval count.")
        var allowSelfApproval = false

        @Option(help: ArgumentHelp("How long an approval stays valid, in seconds (default one week).", valueName: "seconds"))
        var validity: Int?

        @Option(name: .customLong("card-field"), help: ArgumentHelp("A model card field that must be filled (repeatable).", valueName: "field"))
        var cardFields: [String] = []

        @Option(name: .customLong("metric"), help: ArgumentHelp("A metric threshold such as 'accuracy >= 0.9' (repeatable).", valueName: "threshold"))
        var metrics: [String] = []

        @Flag(help: "Require an input schema on the version.")
        var requireInputSchema = false

        @Flag(name: .customLong("require-lineage"), help: "Require that the version's run read a registered dataset.")
        var requireLineage = false

        @Flag(help: "Do not record the no-taint gate (tainted versions stay refused by the taint rule).")
        var skipTaintGate = false

        @Option(help: ArgumentHelp("Replace the policy only if its ETag still matches (for example \"p2\").", valueName: "etag"))
        var ifMatch: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let gates = Components.Schemas.PromotionGates(
                requiredCardFields: cardFields, metrics: metrics, requireInputSchema: requireInputSchema,
                requireDatasetLineage: requireLineage, forbidTainted: !skipTaintGate)
            let policy = Components.Schemas.AliasProtectionPolicy(
                requiredApprovals: approvals, approverRoles: roles.isEmpty ? nil : roles, approverTeams: teams,
                allowSelfApproval: allowSelfApproval, approvalValiditySeconds: validity, gates: gates)
            try await options.withClient { client in
                let protection = try await client.setAliasProtection(
                    path: .init(name: reference.model, alias: reference.alias), headers: .init(ifMatch: ifMatch), body: .json(policy)
                ).ok.body.json
                try options.emit(protection) { PromotionPrinting.protection(protection) }
            }
        }
    }

    /// `steward aliases protection MODEL ALIAS`: shows the policy.
    struct Protection: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "protection", abstract: "Show an alias's protection policy.")

        @OptionGroup var reference: AliasReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let protection = try await client.getAliasProtection(path: .init(name: reference.model, alias: reference.alias)).ok.body.json
                try options.emit(protection) { PromotionPrinting.protection(protection) }
            }
        }
    }

    /// `steward aliases unprotect MODEL ALIAS`: removes protection (audited; open requests are cancelled).
    struct Unprotect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unprotect", abstract: "Remove an alias's protection.")

        @OptionGroup var reference: AliasReference

        @Option(help: "Why (recorded in the audit trail).")
        var comment: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteAliasProtection(path: .init(name: reference.model, alias: reference.alias),
                                                           query: .init(comment: comment)).noContent
                options.confirm("Alias \(reference.alias) of \(reference.model) is no longer protected.")
            }
        }
    }
}

extension Components.Schemas.AliasProtectionPolicy.ApproverRolesPayloadPayload: ExpressibleByArgument {}
