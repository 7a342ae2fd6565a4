import Foundation

/// Where a version is in its service life (independent of its upload `status`):
/// `active → deprecated(sunset, replacement) → retired`.
public enum VersionLifecycle: String, Sendable, Equatable, CaseIterable, Codable {
    case active, deprecated, retired
}

/// Why and until when a version is deprecated, and what replaces it.
public struct VersionDeprecation: Sendable, Equatable {
    public var reason: String
    /// The replacement's number, in the same model (ready when the deprecation was recorded).
    public var replacement: Int
    /// After this instant alias resolution and downloads answer 410 Gone.
    public var sunsetAt: Date
    public var deprecatedAt: Date
    public var deprecatedBy: String

    public init(reason: String, replacement: Int, sunsetAt: Date, deprecatedAt: Date, deprecatedBy: String) {
        self.reason = reason
        self.replacement = replacement
        self.sunsetAt = sunsetAt
        self.deprecatedAt = deprecatedAt
        self.deprecatedBy = deprecatedBy
    }
}

/// A legal hold: retention never retires the version while it is set.
public struct LegalHold: Sendable, Equatable {
    public var reason: String
    public var heldBy: String
    public var heldAt: Date

    public init(reason: String, heldBy: String, heldAt: Date) {
        self.reason = reason
        self.heldBy = heldBy
        self.heldAt = heldAt
    }
}

/// The lifecycle facts of one version, kept beside it (the version row itself never changes for them).
public struct VersionLifecycleState: Sendable, Equatable {
    public var deprecation: VersionDeprecation?
    public var legalHold: LegalHold?
    public var retiredAt: Date?
    public var retiredBy: String?

    public init(deprecation: VersionDeprecation? = nil, legalHold: LegalHold? = nil, retiredAt: Date? = nil, retiredBy: String? = nil) {
        self.deprecation = deprecation
        self.legalHold = legalHold
        self.retiredAt = retiredAt
        self.retiredBy = retiredBy
    }

    public var lifecycle: VersionLifecycle {
        if retiredAt != nil { return .retired }
        return deprecation == nil ? .active : .deprecated
    }

    /// True once the deprecation's sunset instant has passed.
    public func isSunset(at now: Date) -> Bool {
        guard let deprecation else { return false }
        return now >= deprecation.sunsetAt
    }

    /// True while deprecated and before the sunset: consumers are still migrating, so retention
    /// must leave the version alone.
    public func inSunsetPeriod(at now: Date) -> Bool {
        deprecation != nil && !isSunset(at: now) && retiredAt == nil
    }

    /// Summary for audit entries.
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = ["lifecycle": .string(lifecycle.rawValue)]
        if let deprecation {
            fields["reason"] = .string(deprecation.reason)
            fields["replacement"] = .number(Double(deprecation.replacement))
            fields["sunset"] = .string(Timestamp.format(deprecation.sunsetAt))
        }
        return .object(fields)
    }
}
