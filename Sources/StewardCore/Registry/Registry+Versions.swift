import Foundation

extension Registry {
    /// Creates a `pending` version with the next number; numbers are never reused. With an
    /// `idempotencyKey`, a repeated request returns the version the first one created.
    public func createVersion(modelName: String, _ draft: VersionDraft, idempotencyKey: String? = nil,
                              by principal: Principal) async throws -> ModelVersion {
        try Self.validate(draft)
        if let idempotencyKey { try IdempotencyRecord.validate(idempotencyKey) }
        let now = clock()
        let fingerprint = IdempotencyRecord.fingerprint(["version", modelName, draft.description, draft.source ?? "",
                                                         JSONValue.object(draft.tags.mapValues(JSONValue.string)).jsonText,
                                                         JSONValue.object(draft.params.mapValues(JSONValue.string)).jsonText,
                                                         JSONValue.object(draft.metrics.mapValues(JSONValue.number)).jsonText,
                                                         draft.inputSchema?.jsonText ?? "", draft.outputSchema?.jsonText ?? ""])
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            if let idempotencyKey, let record = try await tx.idempotencyRecord(principalID: principal.id, key: idempotencyKey) {
                guard record.scope == "version", record.fingerprint == fingerprint else { throw IdempotencyRecord.reused(idempotencyKey) }
                guard let existing = try await tx.version(id: record.resourceID) else {
                    throw DomainError(.conflict, code: "idempotency_key_reused", "The version this Idempotency-Key created no longer exists.")
                }
                return existing
            }
            let number = try await tx.nextVersionNumber(modelID: model.id)
            let version = ModelVersion(id: Self.newID(), modelID: model.id, modelName: model.name, number: number,
                                       description: draft.description, tags: draft.tags, params: draft.params,
                                       metrics: draft.metrics, inputSchema: draft.inputSchema,
                                       outputSchema: draft.outputSchema, source: draft.source,
                                       createdBy: principal.name, createdAt: now, updatedAt: now)
            try await tx.insertVersion(version)
            try await Catalog.admit(tx, model: model, version: version, by: principal, at: now) // issue 8: template, card snapshot
            try await tx.audit("version.create", .version(model.name, number), after: version.auditSummary, by: principal, at: now)
            try await tx.appendEvent(RegistryEvents.versionCreated(version, by: principal, at: now))
            if let idempotencyKey {
                try await tx.insertIdempotencyRecord(IdempotencyRecord(principalID: principal.id, key: idempotencyKey, scope: "version",
                                                                       fingerprint: fingerprint, resourceID: version.id, createdAt: now))
            }
            return version
        }
    }

    /// Reads one live version with its files and aliases.
    public func version(modelName: String, number: Int, by principal: Principal) async throws -> ModelVersion {
        try await store.read { tx in
            try await Self.requireVersion(tx, try await Self.requireModel(tx, modelName, principal, .readModel), number)
        }
    }

    /// Lists or searches the versions of one model.
    public func listVersions(modelName: String, _ query: ListQuery, by principal: Principal) async throws -> Page<ModelVersion> {
        var query = query
        query.visibility = VisibilityScope(principal)
        let scoped = query
        return try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .readModel)
            return try await tx.versions(modelID: model.id, scoped)
        }
    }

    /// Searches versions across all models.
    public func searchVersions(_ query: ListQuery, by principal: Principal) async throws -> Page<ModelVersion> {
        var query = query
        query.visibility = VisibilityScope(principal)
        let scoped = query
        return try await store.read { try await $0.versions(modelID: nil, scoped) }
    }

    /// Updates version metadata. Once sealed only description and tags may change.
    public func updateVersion(modelName: String, number: Int, _ patch: VersionPatch, ifMatch: String? = nil,
                              by principal: Principal) async throws -> ModelVersion {
        var validator = Validator()
        if let description = patch.description { Names.description(description, into: &validator) }
        if let tags = patch.tags { for key in tags.keys { validator.capture { try Names.key(key, field: "tags") } } }
        if let params = patch.params { Names.stringMap(params, field: "params", into: &validator) }
        if let metrics = patch.metrics { Self.validateMetrics(metrics, into: &validator) }
        Self.validateSchema(patch.inputSchema, "input_schema", into: &validator)
        Self.validateSchema(patch.outputSchema, "output_schema", into: &validator)
        Self.validateSource(patch.source, into: &validator)
        try validator.finish()
        let now = clock()
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            var version = try await Self.requireVersion(tx, model, number)
            try Self.checkPrecondition(ifMatch, version.etag)
            if version.isSealed && patch.touchesSealedFields { throw DomainError.versionSealed(model.name, number) }
            let before = version.auditSummary
            if let description = patch.description { version.description = description }
            if let tags = patch.tags { version.tags = version.tags.merging(patch: tags) }
            if let params = patch.params { version.params = params }
            if let metrics = patch.metrics { version.metrics = metrics }
            if let schema = patch.inputSchema { version.inputSchema = schema == .null ? nil : schema }
            if let schema = patch.outputSchema { version.outputSchema = schema == .null ? nil : schema }
            if let source = patch.source { version.source = source.isEmpty ? nil : source }
            version.updatedAt = now
            version.revision += 1
            try await tx.updateVersion(version)
            try await tx.auditChange("version.update", .version(model.name, number), from: before, to: version.auditSummary, by: principal, at: now)
            return version
        }
    }

    /// Deletes a version. Its number stays taken; refused while an alias points at it.
    public func deleteVersion(modelName: String, number: Int, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            let version = try await Self.requireVersion(tx, model, number)
            if !version.aliases.isEmpty {
                throw DomainError(.conflict, code: "version_aliased",
                                  "Version \(number) of '\(modelName)' is the target of alias(es) \(version.aliases.sorted().joined(separator: ", ")); move or delete them first.")
            }
            if let hold = version.lifecycleState.legalHold { // issue 6: a held version stays
                throw DomainError(.conflict, code: "version_on_hold", "Version \(number) of '\(modelName)' is on legal hold (\(hold.reason)); release it first.")
            }
            try await tx.markVersionDeleted(id: version.id, at: now)
            try await tx.audit("version.delete", .version(model.name, number), before: version.auditSummary, by: principal, at: now)
        }
    }

    /// Seals a version: status `ready`, manifest and digest frozen. Idempotent on a ready version.
    public func finalizeVersion(modelName: String, number: Int, by principal: Principal) async throws -> ModelVersion {
        let now = clock()
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            var version = try await Self.requireVersion(tx, model, number)
            switch version.status {
            case .ready: return version
            case .failed: throw DomainError.versionSealed(model.name, number)
            case .pending: break
            }
            if version.files.isEmpty {
                throw DomainError(.conflict, code: "version_empty", "Version \(number) of '\(modelName)' has no files; upload at least one before finalizing.")
            }
            version.status = .ready
            version.manifestDigest = Manifest.digest(of: version.files)
            version.sealedAt = now
            version.updatedAt = now
            version.revision += 1
            try await tx.updateVersion(version)
            try await tx.audit("version.finalize", .version(model.name, number), before: ["status": "pending"],
                               after: ["status": "ready", "manifest_digest": .string(version.manifestDigest ?? ""),
                                       "files": .number(Double(version.files.count))], by: principal, at: now)
            try await tx.appendEvent(RegistryEvents.versionReady(version, by: principal, at: now))
            return version
        }
    }

    static func validate(_ draft: VersionDraft) throws {
        var validator = Validator()
        Names.description(draft.description, into: &validator)
        Names.stringMap(draft.tags, field: "tags", into: &validator)
        Names.stringMap(draft.params, field: "params", into: &validator)
        validateMetrics(draft.metrics, into: &validator)
        validateSchema(draft.inputSchema, "input_schema", into: &validator)
        validateSchema(draft.outputSchema, "output_schema", into: &validator)
        validateSource(draft.source, into: &validator)
        try validator.finish()
    }

    static func validateMetrics(_ metrics: [String: Double], into validator: inout Validator) {
        for (key, value) in metrics {
            validator.capture { try Names.key(key, field: "metrics") }
            validator.check(value.isFinite, "metrics.\(key)", "must be a finite number")
        }
    }

    static func validateSchema(_ schema: JSONValue?, _ field: String, into validator: inout Validator) {
        guard let schema else { return }
        validator.check(schema.jsonText.utf8.count <= 1_048_576, field, "must be at most 1 MiB of JSON")
        validator.check(schema.depth <= 32, field, "is nested more than 32 levels deep")
    }

    static func validateSource(_ source: String?, into validator: inout Validator) {
        guard let source else { return }
        validator.check(source.utf8.count <= 4096, "source", "must be at most 4096 bytes")
        validator.check(!source.containsControlCharacter, "source", "must not contain control characters")
    }
}
