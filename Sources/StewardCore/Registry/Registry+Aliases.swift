import Foundation

extension Registry {
    /// Points `alias` at a ready version (creating or moving it) and records the move in its history.
    public func setAlias(modelName: String, alias: String, version number: Int, by principal: Principal) async throws -> Alias {
        try Names.aliasName(alias)
        guard number >= 1 else { throw DomainError.invalidField("version", "must be a positive version number") }
        let now = clock()
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .moveAlias)
            let version = try await Self.requireVersion(tx, model, number)
            guard version.status == .ready else {
                throw DomainError(.conflict, code: "version_not_ready",
                                  "Version \(number) of '\(modelName)' is \(version.status.rawValue); an alias may only point at a ready version.")
            }
            try TaintRule.checkServable(version) // issue 5: no alias moves to a version trained on flagged data
            let previous = try await tx.alias(modelID: model.id, name: alias)
            let record = Alias(modelID: model.id, modelName: model.name, name: alias, version: number, updatedAt: now,
                               updatedBy: principal.name)
            if previous?.version == number { return previous! }
            try await tx.setAlias(record)
            try await tx.appendAliasEvent(AliasEvent(modelID: model.id, alias: alias, action: previous == nil ? .set : .moved,
                                                     fromVersion: previous?.version, toVersion: number, at: now, by: principal.name))
            try await tx.audit(previous == nil ? "alias.set" : "alias.move", AuditTarget("alias", id: "\(model.name)@\(alias)", model: model.name, version: number),
                               before: previous.map { ["version": .number(Double($0.version))] }, after: ["version": .number(Double(number))],
                               by: principal, at: now)
            return record
        }
    }

    /// The version an alias points at.
    public func resolveAlias(modelName: String, alias: String, by principal: Principal) async throws -> ModelVersion {
        try Names.aliasName(alias)
        return try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .readModel)
            guard let record = try await tx.alias(modelID: model.id, name: alias) else {
                throw DomainError.aliasNotFound(modelName, alias)
            }
            return try await Self.requireVersion(tx, model, record.version)
        }
    }

    /// Removes an alias (its history stays).
    public func deleteAlias(modelName: String, alias: String, by principal: Principal) async throws {
        try Names.aliasName(alias)
        let now = clock()
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .moveAlias)
            guard let previous = try await tx.alias(modelID: model.id, name: alias) else {
                throw DomainError.aliasNotFound(modelName, alias)
            }
            try await tx.deleteAlias(modelID: model.id, name: alias)
            try await tx.appendAliasEvent(AliasEvent(modelID: model.id, alias: alias, action: .deleted,
                                                     fromVersion: previous.version, toVersion: nil, at: now, by: principal.name))
            try await tx.audit("alias.delete", AuditTarget("alias", id: "\(model.name)@\(alias)", model: model.name, version: previous.version),
                               before: ["version": .number(Double(previous.version))], by: principal, at: now)
        }
    }

    /// All current aliases of a model.
    public func aliases(modelName: String, by principal: Principal) async throws -> [Alias] {
        try await store.read { tx in try await tx.aliases(modelID: try await Self.requireModel(tx, modelName, principal, .readModel).id) }
    }

    /// Every set, move and delete of an alias, newest first.
    public func aliasHistory(modelName: String, alias: String, limit: Int = 1000, by principal: Principal) async throws -> [AliasEvent] {
        try Names.aliasName(alias)
        return try await store.read { tx in
            try await tx.aliasHistory(modelID: try await Self.requireModel(tx, modelName, principal, .readModel).id,
                                      alias: alias, limit: limit)
        }
    }
}
