import Foundation

extension Registry {
    /// Registers a new model. With an `idempotencyKey`, a repeated request returns the model the
    /// first one created.
    public func createModel(_ draft: ModelDraft, idempotencyKey: String? = nil, by principal: Principal) async throws -> RegisteredModel {
        try AccessPolicy.authorize(principal, .createModel)
        try Self.validate(draft)
        if let idempotencyKey { try IdempotencyRecord.validate(idempotencyKey) }
        let now = clock()
        var model = RegisteredModel(id: Self.newID(), name: draft.name, description: draft.description, tags: draft.tags,
                                    owner: draft.owner, task: draft.task, framework: draft.framework, card: draft.card,
                                    createdBy: principal.name, createdAt: now, updatedAt: now)
        model.visibility = draft.visibility
        let created = model
        let fingerprint = IdempotencyRecord.fingerprint(["model", draft.name, draft.visibility.rawValue, draft.description, draft.owner ?? "",
                                                         draft.task ?? "", draft.framework ?? "", draft.card.jsonText,
                                                         JSONValue.object(draft.tags.mapValues(JSONValue.string)).jsonText])
        return try await store.write { tx in
            if let idempotencyKey, let record = try await tx.idempotencyRecord(principalID: principal.id, key: idempotencyKey) {
                guard record.scope == "model", record.fingerprint == fingerprint else { throw IdempotencyRecord.reused(idempotencyKey) }
                guard let existing = try await tx.model(id: record.resourceID) else { throw DomainError.modelNotFound(draft.name) }
                return existing
            }
            if let owner = draft.owner { try await Self.requireTeam(tx, owner, field: "owner") }
            try await tx.insertModel(created)
            try await tx.audit("model.create", .model(created.name), after: created.auditSummary, by: principal, at: now)
            try await Catalog.attach(tx, created, template: draft.template, source: draft.source, by: principal, at: now) // issue 8
            if let idempotencyKey {
                try await tx.insertIdempotencyRecord(IdempotencyRecord(principalID: principal.id, key: idempotencyKey, scope: "model",
                                                                       fingerprint: fingerprint, resourceID: created.id, createdAt: now))
            }
            return created
        }
    }

    /// Reads a model by name.
    public func model(named name: String, by principal: Principal) async throws -> RegisteredModel {
        try await store.read { try await Self.requireModel($0, name, principal, .readModel) }
    }

    /// Lists or searches models.
    public func listModels(_ query: ListQuery, by principal: Principal) async throws -> Page<RegisteredModel> {
        var query = query
        query.visibility = VisibilityScope(principal)
        let scoped = query
        return try await store.read { try await $0.models(scoped) }
    }

    /// Changes description, tags, owner, task, framework or card.
    public func updateModel(named name: String, _ patch: ModelPatch, ifMatch: String? = nil,
                            by principal: Principal) async throws -> RegisteredModel {
        var validator = Validator()
        if let description = patch.description { Names.description(description, into: &validator) }
        if let tags = patch.tags {
            for key in tags.keys { validator.capture { try Names.key(key, field: "tags") } }
            for case let (key, value?) in tags { validator.check(value.count <= Names.maxValueLength, "tags.\(key)", "value too long") }
        }
        if let card = patch.card { Self.validateCard(card, into: &validator) }
        Self.validateOptionalText(patch.owner, "owner", into: &validator)
        Self.validateOptionalText(patch.task, "task", into: &validator)
        Self.validateOptionalText(patch.framework, "framework", into: &validator)
        try validator.finish()
        let now = clock()
        return try await store.write { tx in
            var model = try await Self.requireModel(tx, name, principal, patch.visibility == nil && patch.owner == nil ? .updateModel : .manageGrants)
            try Self.checkPrecondition(ifMatch, model.etag)
            let before = model.auditSummary
            if let description = patch.description { model.description = description }
            if let tags = patch.tags { model.tags = model.tags.merging(patch: tags) }
            if let owner = patch.owner {
                if !owner.isEmpty { try await Self.requireTeam(tx, owner, field: "owner") }
                model.owner = owner.isEmpty ? nil : owner
            }
            if let visibility = patch.visibility { model.visibility = visibility }
            if let task = patch.task { model.task = task.isEmpty ? nil : task }
            if let framework = patch.framework { model.framework = framework.isEmpty ? nil : framework }
            if let card = patch.card { model.card = card }
            model.updatedAt = now
            model.revision += 1
            try await tx.updateModel(model)
            try await tx.auditChange("model.update", .model(model.name), from: before, to: model.auditSummary, by: principal, at: now)
            return model
        }
    }

    /// Renames a model; versions, aliases and history follow it.
    public func renameModel(named name: String, to newName: String, by principal: Principal) async throws -> RegisteredModel {
        try Names.modelName(newName, field: "new_name")
        let now = clock()
        return try await store.write { tx in
            var model = try await Self.requireModel(tx, name, principal, .deleteModel)
            if newName == name { return model }
            if try await tx.model(named: newName) != nil { throw Self.alreadyExists(newName) }
            model.name = newName
            model.updatedAt = now
            model.revision += 1
            try await tx.updateModel(model)
            try await tx.audit("model.rename", .model(newName), before: ["name": .string(name)], after: ["name": .string(newName)],
                               by: principal, at: now)
            return model
        }
    }

    /// Deletes a model. Refused while it has live versions, unless an administrator forces it.
    public func deleteModel(named name: String, force: Bool, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            let model = try await Self.requireModel(tx, name, principal, force ? .forceDeleteModel : .deleteModel)
            let live = try await tx.liveVersionCount(modelID: model.id)
            if live > 0 && !force {
                throw DomainError(.conflict, code: "model_has_live_versions",
                                  "Model '\(name)' still has \(live) live version(s); delete them first, or force the deletion as an administrator.")
            }
            try await tx.deleteModel(id: model.id)
            try await tx.audit(force ? "model.force_delete" : "model.delete", .model(name), before: model.auditSummary,
                               after: ["live_versions_deleted": .number(Double(live))], by: principal, at: now)
        }
    }

    /// Throws `validation_failed` when no team has this name.
    static func requireTeam(_ reader: any RegistryReader, _ name: String, field: String) async throws {
        if try await reader.team(named: name) == nil {
            throw DomainError.invalidField(field, "there is no team named '\(name)'")
        }
    }

    /// The error for a taken model name.
    public static func alreadyExists(_ name: String) -> DomainError {
        DomainError(.conflict, code: "model_already_exists", "Registered model '\(name)' already exists.")
    }

    static func validate(_ draft: ModelDraft) throws {
        var validator = Validator()
        validator.capture { try Names.modelName(draft.name) }
        Names.description(draft.description, into: &validator)
        Names.stringMap(draft.tags, field: "tags", into: &validator)
        validateCard(draft.card, into: &validator)
        validator.capture { try draft.source.validate() } // issue 8: third-party models
        validateOptionalText(draft.owner, "owner", into: &validator)
        validateOptionalText(draft.task, "task", into: &validator)
        validateOptionalText(draft.framework, "framework", into: &validator)
        try validator.finish()
    }

    static func validateCard(_ card: JSONValue, into validator: inout Validator) {
        ModelCard.validate(card, into: &validator) // issue 8: structured fields are text
    }

    static func validateOptionalText(_ text: String?, _ field: String, into validator: inout Validator) {
        guard let text else { return }
        validator.check(text.count <= 256, field, "must be at most 256 characters")
        validator.check(!text.containsControlCharacter, field, "must not contain control characters")
    }
}
