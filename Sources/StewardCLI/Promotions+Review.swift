import ArgumentParser
import StewardAPI

extension PromotionsCommand {
    /// `steward promotions approve ID`: when the quorum is reached the alias moves.
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Approve a request; the alias moves once enough approvals count.")

        @Argument(help: "The promotion request id.")
        var id: String

        @Option(help: "A comment for the record.")
        var comment: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let promotion = try await client.approvePromotion(path: .init(promotion: id), body: .json(.init(comment: comment))).ok.body.json
                try options.emit(promotion) { PromotionPrinting.details(promotion) }
            }
        }
    }

    /// `steward promotions reject ID --comment …`: closes the request.
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a request (closes it).")

        @Argument(help: "The promotion request id.")
        var id: String

        @Option(help: "Why the promotion is rejected (required).")
        var comment: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let promotion = try await client.rejectPromotion(path: .init(promotion: id), body: .json(.init(comment: comment))).ok.body.json
                try options.emit(promotion) { PromotionPrinting.details(promotion) }
            }
        }
    }

    /// `steward promotions cancel ID`: the requester (or a maintainer) withdraws it.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Withdraw an open request.")

        @Argument(help: "The promotion request id.")
        var id: String

        @Option(help: "Why (recorded in the audit trail).")
        var comment: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let promotion = try await client.cancelPromotion(path: .init(promotion: id), body: .json(.init(comment: comment))).ok.body.json
                try options.emit(promotion) { PromotionPrinting.details(promotion) }
            }
        }
    }
}
