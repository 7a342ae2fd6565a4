import Foundation

extension Retention {
    /// Puts a version on legal hold: retention never retires it until the hold is released.
    public func hold(modelName: String, number: Int, reason: String, by principal: Principal) async throws -> ModelVersion {
        try LifecycleRule.validateReason(reason)
        let now = clock()
        return try await store.write { tx in
            let (model, version) = try await Self.requireVersion(tx, modelName, number, principal, .manageLifecycle)
            if version.lifecycleState.retiredAt != nil {
                throw DomainError(.conflict, code: "version_retired", "Version \(number) of '\(modelName)' is retired.")
            }
            let hold = LegalHold(reason: reason, heldBy: principal.name, heldAt: now)
            try await tx.setLegalHold(versionID: version.id, hold)
            try await tx.registryWriter.audit("version.hold", .version(model.name, number),
                                              before: version.lifecycleState.legalHold.map { ["reason": .string($0.reason)] },
                                              after: ["reason": .string(reason)], by: principal, at: now)
            var updated = version
            updated.lifecycleState.legalHold = hold
            return updated
        }
    }

    /// Releases a legal hold.
    public func release(modelName: String, number: Int, by principal: Principal) async throws -> ModelVersion {
        let now = clock()
        return try await store.write { tx in
            let (model, version) = try await Self.requireVersion(tx, modelName, number, principal, .manageLifecycle)
            guard let hold = version.lifecycleState.legalHold else {
                throw DomainError(.conflict, code: "version_not_held", "Version \(number) of '\(modelName)' is not on legal hold.")
            }
            try await tx.setLegalHold(versionID: version.id, nil)
            try await tx.registryWriter.audit("version.release", .version(model.name, number), before: ["reason": .string(hold.reason)],
                                              by: principal, at: now)
            var updated = version
            updated.lifecycleState.legalHold = nil
            return updated
        }
    }
}
