import Foundation
import StewardCore

/// `VersionDeprecation` in openapi.yaml.
struct DeprecationBody: Encodable {
    var reason: String
    var replacement: Int
    var sunset: String
    var deprecatedAt: String
    var deprecatedBy: String
    enum CodingKeys: String, CodingKey { case reason, replacement, sunset, deprecatedAt = "deprecated_at", deprecatedBy = "deprecated_by" }

    init(_ deprecation: VersionDeprecation) {
        reason = deprecation.reason
        replacement = deprecation.replacement
        sunset = Timestamp.format(deprecation.sunsetAt)
        deprecatedAt = Timestamp.format(deprecation.deprecatedAt)
        deprecatedBy = deprecation.deprecatedBy
    }
}

/// `LegalHold` in openapi.yaml.
struct LegalHoldBody: Encodable {
    var reason: String
    var heldBy: String
    var heldAt: String
    enum CodingKeys: String, CodingKey { case reason, heldBy = "held_by", heldAt = "held_at" }

    init(_ hold: LegalHold) {
        reason = hold.reason
        heldBy = hold.heldBy
        heldAt = Timestamp.format(hold.heldAt)
    }
}

/// `DeprecationSet` in openapi.yaml.
struct DeprecationSetBody: Decodable {
    var reason: String
    var replacement: Int
    var sunset: String

    func sunsetDate() throws -> Date {
        guard let date = Timestamp.parse(sunset) else { throw DomainError.invalidField("sunset", "must be an RFC 3339 timestamp") }
        return date
    }
}

/// `LegalHoldSet` in openapi.yaml.
struct LegalHoldSetBody: Decodable {
    var reason: String
}

/// `RetentionPolicySet` in openapi.yaml.
struct RetentionPolicySetBody: Decodable {
    var keepLast: Int?
    var maxAgeDays: Int?
    var consumerWindowDays: Int?
    enum CodingKeys: String, CodingKey { case keepLast = "keep_last", maxAgeDays = "max_age_days", consumerWindowDays = "consumer_window_days" }
}

/// `RetentionPolicy` in openapi.yaml.
struct RetentionPolicyBody: Encodable {
    var model: String
    var policy: RetentionPolicy
    enum CodingKeys: String, CodingKey {
        case model, keepLast = "keep_last", maxAgeDays = "max_age_days", consumerWindowDays = "consumer_window_days"
        case updatedAt = "updated_at", updatedBy = "updated_by"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(policy.keepLast, forKey: .keepLast)
        try container.encode(policy.maxAgeDays, forKey: .maxAgeDays)
        try container.encode(policy.consumerWindowDays, forKey: .consumerWindowDays)
        try container.encode(Timestamp.format(policy.updatedAt), forKey: .updatedAt)
        try container.encode(policy.updatedBy, forKey: .updatedBy)
    }
}

/// `RetentionRun` and `GarbageCollectionRun` in openapi.yaml (every field optional).
struct RunOptionsBody: Decodable {
    var dryRun: Bool?
    var graceSeconds: Int?
    var limit: Int?
    var daysBefore: Int?
    enum CodingKeys: String, CodingKey { case dryRun = "dry_run", graceSeconds = "grace_seconds", limit, daysBefore = "days_before" }
}

/// `GarbageReport` in openapi.yaml.
struct GarbageReportBody: Encodable {
    var dryRun: Bool
    var marked: Int
    var deleted: Int
    var bytesReclaimed: Int64
    var keptReferenced: Int
    var remaining: Int
    enum CodingKeys: String, CodingKey {
        case marked, deleted, remaining, dryRun = "dry_run", bytesReclaimed = "bytes_reclaimed", keptReferenced = "kept_referenced"
    }

    init(_ report: GarbageReport) {
        dryRun = report.dryRun
        marked = report.marked
        deleted = report.deleted
        bytesReclaimed = report.bytesReclaimed
        keptReferenced = report.keptReferenced
        remaining = report.remaining
    }
}

/// `RetentionReport` in openapi.yaml.
struct RetentionReportBody: Encodable {
    struct Decision: Encodable {
        var model: String
        var version: Int
        var action: String
        var reasons: [String]
    }
    var dryRun: Bool
    var retired: Int
    var kept: Int
    var decisions: [Decision]
    var garbage: GarbageReportBody?
    enum CodingKeys: String, CodingKey { case retired, kept, decisions, garbage, dryRun = "dry_run" }

    init(_ report: RetentionReport) {
        dryRun = report.dryRun
        retired = report.retired
        kept = report.kept
        decisions = report.decisions.map { Decision(model: $0.model, version: $0.version, action: $0.action.rawValue, reasons: $0.reasons) }
        garbage = report.garbage.map(GarbageReportBody.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(retired, forKey: .retired)
        try container.encode(kept, forKey: .kept)
        try container.encode(decisions, forKey: .decisions)
        try container.encode(garbage, forKey: .garbage)
    }
}
