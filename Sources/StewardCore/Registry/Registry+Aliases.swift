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
            return try await Self.moveAlias(tx, model: model, alias: alias, to: version, by: principal, at: now, promotion: nil)
        }
    }

    /// The one path that points an alias at a version, inside the caller's transaction (the caller
    /// has authorized the move). A protected alias only moves with the completed `promotion` that
    /// moves it (issue 6); everything else gets 409 `alias_protected`.
    static func moveAlias(_ tx: any RegistryWriter, model: RegisteredModel, alias: String, to version: ModelVersion,
                          by principal: Principal, at now: Date, promotion: PromotionRequest?) async throws -> Alias {
        let number = version.number
        guard version.status == .ready else {
            throw DomainError(.conflict, code: "version_not_ready",
                              "Version \(number) of '\(model.name)' is \(version.status.rawValue); an alias may only point at a ready version.")
        }
        try TaintRule.checkServable(version) // issue 5: no alias moves to a version trained on flagged data
        try LifecycleRule.checkServable(version, at: now) // issue 6: nor to a retired or sunset version
        let previous = try await tx.alias(modelID: model.id, name: alias)
        let record = Alias(modelID: model.id, modelName: model.name, name: alias, version: number, updatedAt: now,
                           updatedBy: principal.name)
        if previous?.version == number { return previous! }
        if promotion == nil { try await AliasProtectionRule.refuseDirectChange(tx, model: model, alias: alias) }
        try await tx.setAlias(record)
        var history = AliasEvent(modelID: model.id, alias: alias, action: previous == nil ? .set : .moved,
                                 fromVersion: previous?.version, toVersion: number, at: now, by: principal.name)
        history.promotionID = promotion?.id
        try await tx.appendAliasEvent(history)
        var after: [String: JSONValue] = ["version": .number(Double(number))]
        if let promotion { after.merge(["promotion_id": .string(promotion.id), "rollback": .bool(promotion.rollback)]) { _, new in new } }
        try await tx.audit(previous == nil ? "alias.set" : "alias.move", AuditTarget("alias", id: "\(model.name)@\(alias)", model: model.name, version: number),
                           before: previous.map { ["version": .number(Double($0.version))] }, after: .object(after),
                           by: principal, at: now)
        var event = RegistryEvents.aliasMoved(model: model.name, alias: alias, from: previous?.version, to: number, by: principal, at: now)
        if let promotion, case .object(var fields) = event.payload {
            fields["promotion_id"] = .string(promotion.id)
            fields["rollback"] = .bool(promotion.rollback)
            event.payload = .object(fields)
        }
        try await tx.appendEvent(event)
        return record
    }

    /// The version an alias points at.
    /// - Parameter files: false for doors that show no file list (MLflow): the version is read
    ///   without its manifest, and its aliases come from the model's alias map.
    public func resolveAlias(modelName: String, alias: String, by principal: Principal) async throws -> ModelVersion {
        try Names.aliasName(alias)
        let now = clock()
        return try await store.read { tx in
            let (model, number) = try await Self.aliasTarget(tx, modelName, alias, principal)
            let version = try await Self.requireVersion(tx, model, number)
            try LifecycleRule.checkServable(version, at: now) // issue 6: 410 after the sunset
            return version
        }
    }

    /// `resolveAlias` for doors that show no file list (MLflow's `get_model_version_by_alias`), with the
    /// version's tracking facts: one statement after the model's for an untainted version.
    public func resolveServingAlias(modelName: String, alias: String, by principal: Principal) async throws
        -> (version: ModelVersion, tracking: VersionTracking?) {
        try Names.aliasName(alias)
        let now = clock()
        return try await store.read { tx in
            let (model, number) = try await Self.aliasTarget(tx, modelName, alias, principal)
            guard var found = try await tx.servingVersion(modelID: model.id, number: number) else {
                throw DomainError.versionNotFound(model.name, number)
            }
            found.version.aliases = model.aliasNames(of: number)
            try LifecycleRule.checkServable(found.version, at: now) // issue 6: 410 after the sunset
            return found
        }
    }

    /// The model (readable by `principal`) and the version number `alias` points at.
    private static func aliasTarget(_ tx: any RegistryReader, _ modelName: String, _ alias: String,
                                    _ principal: Principal) async throws -> (RegisteredModel, Int) {
        let model = try await requireModel(tx, modelName, principal, .readModel)
        // The model was read with its alias map, in the same read: no second look-up.
        guard let number = model.aliases[alias] else { throw DomainError.aliasNotFound(modelName, alias) }
        return (model, number)
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
            try await AliasProtectionRule.refuseDirectChange(tx, model: model, alias: alias, verb: "deleting") // issue 6
            try await tx.deleteAlias(modelID: model.id, name: alias)
            try await tx.appendAliasEvent(AliasEvent(modelID: model.id, alias: alias, action: .deleted,
                                                     fromVersion: previous.version, toVersion: nil, at: now, by: principal.name))
            try await tx.audit("alias.delete", AuditTarget("alias", id: "\(model.name)@\(alias)", model: model.name, version: previous.version),
                               before: ["version": .number(Double(previous.version))], by: principal, at: now)
            try await tx.appendEvent(RegistryEvents.aliasMoved(model: model.name, alias: alias, from: previous.version, to: nil,
                                                               by: principal, at: now))
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
