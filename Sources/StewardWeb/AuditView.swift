import Foundation
import StewardCore

/// The audit trail page: filters, entries and the state of the signed tree head.
struct AuditView: Sendable {
    var actor: String
    var action: String
    var model: String
    var rows: [AuditRow]
    var olderLink: String?
    var newerLink: String?
    var head: Head?
    var verification: Verification?

    struct Head: Sendable {
        var treeSize: String
        var rootHash: String
        var keyID: String
        var signed: Bool
    }

    /// The outcome of checking the whole log (`/ui/audit/verify`).
    struct Verification: Sendable {
        var verified: Bool
        var entries: String
        var problem: String?
        var firstBadIndex: String?
    }
}
