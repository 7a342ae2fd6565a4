import Foundation

extension Registry {
    /// Deletes a version together with the aliases that point at it (MLflow's semantics), in one
    /// transaction. Removing an alias needs the alias right, so the plain rule "a version with
    /// aliases cannot be deleted" is replaced by "whoever may move those aliases may delete it";
    /// each removed alias is recorded in its history.
    public func deleteVersionDetachingAliases(modelName: String, number: Int, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            let version = try await Self.requireVersion(tx, model, number)
            if !version.aliases.isEmpty { try AccessPolicy.authorize(principal, .moveAlias, on: model, grants: try await tx.grants(modelID: model.id)) }
            try await AliasProtectionRule.refuseDirectChange(tx, model: model, aliases: version.aliases, verb: "deleting") // issue 6
            for alias in version.aliases.sorted() {
                try await tx.deleteAlias(modelID: model.id, name: alias)
                try await tx.appendAliasEvent(AliasEvent(modelID: model.id, alias: alias, action: .deleted,
                                                         fromVersion: number, toVersion: nil, at: now, by: principal.name))
            }
            try await tx.markVersionDeleted(id: version.id, at: now)
            try await tx.audit("version.delete", .version(model.name, number), before: version.auditSummary,
                               after: ["aliases_removed": .array(version.aliases.sorted().map(JSONValue.string))], by: principal, at: now)
        }
    }
}
