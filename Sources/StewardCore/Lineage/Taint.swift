import Foundation

/// Why a dataset version was flagged.
public enum TaintReason: String, Sendable, Equatable, CaseIterable, Codable {
    /// The data was manipulated (poisoning, label flipping, corrupted pipeline).
    case poisoned
    /// The data may not be used as it was (licence terms, expired rights).
    case license
    /// The data holds personal data it must not (GDPR erasure, missing consent).
    case personalData = "personal_data"
    case other
}

/// The current flag on a dataset version.
public struct DatasetTaint: Sendable, Equatable {
    public var reason: TaintReason
    public var comment: String
    public var flaggedBy: String
    public var flaggedAt: Date

    public init(reason: TaintReason, comment: String, flaggedBy: String, flaggedAt: Date) {
        self.reason = reason
        self.comment = comment
        self.flaggedBy = flaggedBy
        self.flaggedAt = flaggedAt
    }

    public var auditSummary: JSONValue {
        .object(["reason": .string(reason.rawValue), "comment": .string(comment), "flagged_by": .string(flaggedBy),
                 "flagged_at": .string(Timestamp.format(flaggedAt))])
    }
}

/// Why a model version is tainted: a flagged dataset version upstream of it. Computed from lineage
/// when the version is read, so flagging or clearing takes effect on every version at once.
public struct VersionTaint: Sendable, Equatable {
    public var dataset: DatasetVersionRef
    public var taint: DatasetTaint

    public init(dataset: DatasetVersionRef, taint: DatasetTaint) {
        self.dataset = dataset
        self.taint = taint
    }
}

/// The rule that keeps tainted versions out of service; every door that points a name at a
/// version (native aliases, MLflow aliases, MLflow stages) asks it.
public enum TaintRule {
    /// Throws 409 `version_tainted` when `version` is downstream of a flagged dataset version.
    public static func checkServable(_ version: ModelVersion) throws {
        guard let first = version.taints.first else { return }
        let reasons = version.taints.map { "\($0.dataset.dataset) v\($0.dataset.version) (\($0.taint.reason.rawValue))" }
        throw DomainError(.conflict, code: "version_tainted",
                          "Version \(version.number) of '\(version.modelName)' is tainted by \(reasons.joined(separator: ", ")): \(first.taint.comment.prefix(200)). Clear the flag or pick another version.")
    }
}

extension ModelVersion {
    /// True when any dataset version upstream of this version is flagged.
    public var isTainted: Bool { !taints.isEmpty }
}
