import Foundation
import StewardCore

/// A promotion request in a list.
struct PromotionRow: Sendable {
    var id: String
    var link: String
    var model: String
    var alias: String
    var version: String
    var fromVersion: String
    var state: String
    var requestedBy: String
    var createdAt: String
    var approvals: String

    init(_ detail: PromotionDetail) {
        let request = detail.request
        id = request.id
        link = "/ui/promotions/" + URLText.segment(request.id)
        model = request.modelName
        alias = request.alias
        version = "v\(request.version)"
        fromVersion = request.fromVersion.map { "v\($0)" } ?? "—"
        state = request.state.rawValue
        requestedBy = request.requestedBy
        createdAt = Format.time(request.createdAt)
        approvals = "\(detail.tally.counted.count) of \(detail.tally.required)"
    }
}

/// The promotions page: requests filtered by state.
struct PromotionListView: Sendable {
    var rows: [PromotionRow]
    var states: [Choice]
    var nextLink: String?
}

/// One request with its evidence, reviews and (while open) the approve and reject forms.
struct PromotionDetailView: Sendable {
    var row: PromotionRow
    var modelLink: String
    var compareLink: String?
    var comment: String
    var evidence: String
    var reviews: [Review]
    var isOpen: Bool
    var policy: [Fact]
    var closing: String?

    struct Review: Sendable {
        var by: String
        var decision: String
        var comment: String
        var at: String
        var counted: Bool
    }

    init(_ detail: PromotionDetail) {
        let request = detail.request
        row = PromotionRow(detail)
        let modelLink = "/ui/models/" + URLText.segment(request.modelName)
        self.modelLink = modelLink
        compareLink = request.fromVersion.map {
            "\(modelLink)/compare?" + URLText.query([("from", String($0)), ("to", String(request.version))])
        }
        comment = request.comment
        evidence = CanonicalJSON.encode(request.evidence)
        reviews = request.reviews.map {
            Review(by: $0.principalName, decision: $0.decision.rawValue, comment: $0.comment, at: Format.time($0.at),
                   counted: detail.tally.counted.contains($0.principalName) || detail.tally.counted.contains($0.principalID))
        }
        isOpen = request.state == .open
        if let policy = detail.protection?.policy {
            self.policy = [Fact(label: "Approvals required", value: String(policy.requiredApprovals)),
                           Fact(label: "Approver roles", value: policy.approverRoles.map(\.rawValue).sorted().joined(separator: ", ")),
                           Fact(label: "Approver teams", value: policy.approverTeams.joined(separator: ", ")),
                           Fact(label: "Self-approval", value: policy.allowSelfApproval ? "allowed" : "not allowed")]
        } else {
            policy = []
        }
        closing = request.closedAt.map { "\(request.state.rawValue) at \(Format.time($0)) by \(request.closedBy ?? "—")" + (request.closingComment.map { ": \($0)" } ?? "") }
    }
}
