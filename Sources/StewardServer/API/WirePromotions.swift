import Foundation
import StewardCore

/// `PromotionCreate` in openapi.yaml.
struct PromotionCreateBody: Decodable {
    var alias: String
    var version: Int
    var comment: String?
}

/// `PromotionReview` (request side) in openapi.yaml: an optional comment.
struct PromotionCommentBody: Decodable {
    var comment: String?
}

/// `Promotion` in openapi.yaml: the request, its evidence, every review (with whether it counts
/// now and why not) and the tally under the alias's current policy.
struct PromotionBody: Encodable {
    var detail: PromotionDetail

    enum CodingKeys: String, CodingKey {
        case id, model, alias, version, state, rollback, comment, evidence, reviews
        case fromVersion = "from_version", manifestDigest = "manifest_digest", policyVersion = "policy_version"
        case currentPolicyVersion = "current_policy_version", requestedBy = "requested_by", createdAt = "created_at"
        case updatedAt = "updated_at", closedAt = "closed_at", closedBy = "closed_by", closingComment = "closing_comment"
        case approvalsRequired = "approvals_required", approvals
    }

    struct ReviewBody: Encodable {
        var by: String
        var decision: String
        var comment: String
        var policyVersion: Int
        var at: String
        var counts: Bool
        var notCountedBecause: String?
        enum CodingKeys: String, CodingKey {
            case by, decision, comment, at, counts, policyVersion = "policy_version", notCountedBecause = "not_counted_because"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(by, forKey: .by)
            try container.encode(decision, forKey: .decision)
            try container.encode(comment, forKey: .comment)
            try container.encode(policyVersion, forKey: .policyVersion)
            try container.encode(at, forKey: .at)
            try container.encode(counts, forKey: .counts)
            try container.encode(notCountedBecause, forKey: .notCountedBecause)
        }
    }

    func encode(to encoder: any Encoder) throws {
        let request = detail.request
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request.id, forKey: .id)
        try container.encode(request.modelName, forKey: .model)
        try container.encode(request.alias, forKey: .alias)
        try container.encode(request.version, forKey: .version)
        try container.encode(request.fromVersion, forKey: .fromVersion)
        try container.encode(request.rollback, forKey: .rollback)
        try container.encode(request.state.rawValue, forKey: .state)
        try container.encode(request.manifestDigest, forKey: .manifestDigest)
        try container.encode(request.policyVersion, forKey: .policyVersion)
        try container.encode(detail.protection?.version, forKey: .currentPolicyVersion)
        try container.encode(request.requestedBy, forKey: .requestedBy)
        try container.encode(request.comment, forKey: .comment)
        try container.encode(Timestamp.format(request.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(request.updatedAt), forKey: .updatedAt)
        try container.encode(request.closedAt.map(Timestamp.format), forKey: .closedAt)
        try container.encode(request.closedBy, forKey: .closedBy)
        try container.encode(request.closingComment, forKey: .closingComment)
        try container.encode(detail.tally.required, forKey: .approvalsRequired)
        try container.encode(detail.tally.counted, forKey: .approvals)
        try container.encode(request.evidence, forKey: .evidence)
        let reviews = request.reviews.enumerated().map { index, review in
            // Rejections close the request, so only approvals can be "not counted".
            let stale = review.decision == .approve ? detail.tally.stale[index] : nil
            let counts = review.decision == .approve && stale == nil && detail.protection != nil
            return ReviewBody(by: review.principalName, decision: review.decision.rawValue, comment: review.comment,
                              policyVersion: review.policyVersion, at: Timestamp.format(review.at), counts: counts,
                              notCountedBecause: stale?.rawValue)
        }
        try container.encode(reviews, forKey: .reviews)
    }
}

/// `PromotionList` in openapi.yaml.
struct PromotionListBody: Encodable {
    var promotions: [PromotionBody]
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case promotions, nextPageToken = "next_page_token" }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promotions, forKey: .promotions)
        try container.encode(nextPageToken, forKey: .nextPageToken)
    }
}
