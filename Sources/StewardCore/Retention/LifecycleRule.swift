import Foundation

/// What deprecation, sunset and retirement forbid, checked by every door through the use cases.
public enum LifecycleRule {
    /// Throws 410 once a version may no longer be served: after its sunset (`version_sunset`,
    /// naming the replacement) or when retired (`version_retired`). Used by alias resolution,
    /// downloads and alias moves.
    public static func checkServable(_ version: ModelVersion, at now: Date) throws {
        let state = version.lifecycleState
        if state.retiredAt != nil {
            let successor = state.deprecation.map { " Use version \($0.replacement) (/api/v1/models/\(version.modelName)/versions/\($0.replacement))." } ?? ""
            throw DomainError(.gone, code: "version_retired",
                              "Version \(version.number) of '\(version.modelName)' is retired; its files are no longer served.\(successor)")
        }
        if let deprecation = state.deprecation, state.isSunset(at: now) {
            throw sunset(version, deprecation)
        }
    }

    /// The 410 of a version past its sunset.
    public static func sunset(_ version: ModelVersion, _ deprecation: VersionDeprecation) -> DomainError {
        DomainError(.gone, code: "version_sunset",
                    "Version \(version.number) of '\(version.modelName)' reached its sunset on \(Timestamp.format(deprecation.sunsetAt)); "
                        + "use its replacement, version \(deprecation.replacement) (/api/v1/models/\(version.modelName)/versions/\(deprecation.replacement)).")
    }

    /// Validates a deprecation request before any transaction.
    static func validate(reason: String, replacement: Int, sunset: Date, now: Date) throws {
        var validator = Validator()
        validator.check(!reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "reason", "must not be empty")
        validator.check(reason.utf8.count <= 4096, "reason", "must be at most 4096 bytes")
        validator.check(!reason.containsControlCharacter, "reason", "must not contain control characters")
        validator.check(replacement >= 1, "replacement", "must be a positive version number")
        validator.check(sunset > now, "sunset", "must be in the future")
        try validator.finish()
    }

    /// Validates a free-text reason (legal holds, comments).
    static func validateReason(_ reason: String, field: String = "reason") throws {
        var validator = Validator()
        validator.check(!reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, field, "must not be empty")
        validator.check(reason.utf8.count <= 4096, field, "must be at most 4096 bytes")
        validator.check(!reason.containsControlCharacter, field, "must not contain control characters")
        try validator.finish()
    }
}
