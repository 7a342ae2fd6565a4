import Foundation

extension Retention {
    /// Deprecates a sealed version in favour of a ready replacement of the same model, with a sunset
    /// in the future. Emits `version.deprecated` to the version's consumers. Re-deprecating replaces
    /// the reason, replacement and sunset.
    public func deprecate(modelName: String, number: Int, reason: String, replacement: Int, sunset: Date,
                          by principal: Principal) async throws -> ModelVersion {
        let now = clock()
        try LifecycleRule.validate(reason: reason, replacement: replacement, sunset: sunset, now: now)
        return try await store.write { tx in
            let (model, version) = try await Self.requireVersion(tx, modelName, number, principal, .manageLifecycle)
            guard replacement != number else { throw DomainError.invalidField("replacement", "must be another version") }
            guard version.status != .pending else {
                throw DomainError(.conflict, code: "version_not_ready", "Version \(number) of '\(modelName)' is pending; only sealed versions can be deprecated.")
            }
            if version.lifecycleState.retiredAt != nil {
                throw DomainError(.conflict, code: "version_retired", "Version \(number) of '\(modelName)' is retired.")
            }
            guard let successor = try await tx.registryReader.version(modelID: model.id, number: replacement) else {
                throw DomainError(.notFound, code: "version_not_found", "Replacement version \(replacement) of '\(modelName)' does not exist.")
            }
            guard successor.status == .ready, successor.lifecycleState.lifecycle == .active else {
                throw DomainError(.conflict, code: "replacement_not_ready",
                                  "Replacement version \(replacement) of '\(modelName)' must be ready and neither deprecated nor retired.")
            }
            let before = version.lifecycleState
            var state = before
            state.deprecation = VersionDeprecation(reason: reason, replacement: replacement, sunsetAt: sunset, deprecatedAt: now,
                                                   deprecatedBy: principal.name)
            try await tx.setDeprecation(versionID: version.id, state.deprecation)
            try await tx.registryWriter.audit("version.deprecate", .version(model.name, number), before: before.auditSummary,
                                              after: state.auditSummary, by: principal, at: now)
            try await tx.registryWriter.appendEvent(DomainEvent(type: "version.deprecated", model: model.name, payload: [
                "model": .string(model.name), "version": .number(Double(number)), "replacement": .number(Double(replacement)),
                "reason": .string(reason), "sunset": .string(Timestamp.format(sunset)),
                "consumers": try await Self.audience(tx, version),
            ], createdAt: now))
            var updated = version
            updated.lifecycleState = state
            return updated
        }
    }

    /// Withdraws a deprecation; allowed only before the sunset.
    public func undeprecate(modelName: String, number: Int, by principal: Principal) async throws -> ModelVersion {
        let now = clock()
        return try await store.write { tx in
            let (model, version) = try await Self.requireVersion(tx, modelName, number, principal, .manageLifecycle)
            let before = version.lifecycleState
            guard let deprecation = before.deprecation, before.retiredAt == nil else {
                throw DomainError(.conflict, code: "version_not_deprecated", "Version \(number) of '\(modelName)' is not deprecated.")
            }
            if before.isSunset(at: now) { throw LifecycleRule.sunset(version, deprecation) }
            var state = before
            state.deprecation = nil
            try await tx.setDeprecation(versionID: version.id, nil)
            try await tx.registryWriter.audit("version.undeprecate", .version(model.name, number), before: before.auditSummary,
                                              after: state.auditSummary, by: principal, at: now)
            try await tx.registryWriter.appendEvent(DomainEvent(type: "version.undeprecated", model: model.name, payload: [
                "model": .string(model.name), "version": .number(Double(number)), "consumers": try await Self.audience(tx, version),
            ], createdAt: now))
            var updated = version
            updated.lifecycleState = state
            return updated
        }
    }
}
