import Foundation

/// Which approvals of a request count now, under the alias's current policy.
///
/// An approval counts when it was given under the current policy version (a changed policy asks
/// for fresh approvals), is younger than the policy's validity window, and is not the requester's
/// own unless the policy allows that. Several approvals by one principal count once.
public struct ApprovalTally: Sendable, Equatable {
    /// Why a recorded approval does not count.
    public enum Stale: String, Sendable, Equatable {
        case expired, policyChanged = "policy_changed", selfApproval = "self_approval", duplicate
    }

    /// Principals whose approval counts, in the order they approved.
    public var counted: [String]
    public var required: Int
    /// For each review (by index in `request.reviews`), why it does not count; absent when it does
    /// (rejections are never listed).
    public var stale: [Int: Stale]

    public var isComplete: Bool { counted.count >= required }

    public init(_ request: PromotionRequest, protection: AliasProtection?, now: Date) {
        counted = []
        stale = [:]
        guard let protection else {
            required = 0
            return
        }
        required = protection.policy.requiredApprovals
        var seen: Set<String> = []
        let validity = TimeInterval(protection.policy.approvalValiditySeconds)
        // Newest first, so a principal's freshest approval is the one that counts.
        for (index, review) in request.reviews.enumerated().reversed() where review.decision == .approve {
            if review.policyVersion != protection.version {
                stale[index] = .policyChanged
            } else if now.timeIntervalSince(review.at) >= validity {
                stale[index] = .expired
            } else if review.principalID == request.requestedByID && !protection.policy.allowSelfApproval {
                stale[index] = .selfApproval
            } else if seen.contains(review.principalID) {
                stale[index] = .duplicate
            } else {
                seen.insert(review.principalID)
                counted.insert(review.principalName, at: 0)
            }
        }
    }
}
