import Foundation

extension Catalog {
    /// Creates a template (administrators).
    public func createTemplate(_ draft: TemplateDraft, by principal: Principal) async throws -> ModelTemplate {
        try AccessPolicy.authorize(principal, .manageTemplates)
        let now = clock()
        let template = try draft.template(id: Registry.newID(), by: principal, at: now)
        return try await store.write { tx in
            if try await tx.template(named: template.name) != nil {
                throw DomainError(.conflict, code: "template_already_exists", "Template '\(template.name)' already exists.")
            }
            try await tx.insertTemplate(template)
            try await tx.audit("template.create", AuditTarget("template", id: template.name), after: template.auditSummary,
                               by: principal, at: now)
            return template
        }
    }

    /// Replaces a template's fields (administrators). The name stays: models refer to their template
    /// by name. Versions registered from now on are checked against the new rules; versions already
    /// registered keep theirs (their gaps show as warnings). `ifMatch` guards against lost updates.
    public func updateTemplate(named name: String, _ draft: TemplateDraft, ifMatch: String? = nil,
                               by principal: Principal) async throws -> ModelTemplate {
        try AccessPolicy.authorize(principal, .manageTemplates)
        if draft.name != name {
            throw DomainError.invalidField("name", "cannot be changed: models refer to their template by name")
        }
        let now = clock()
        return try await store.write { tx in
            guard let before = try await tx.template(named: name) else { throw Self.templateNotFound(name) }
            try Registry.checkPrecondition(ifMatch, before.etag)
            var after = try draft.template(id: before.id, by: principal, at: now)
            after.createdBy = before.createdBy
            after.createdAt = before.createdAt
            after.revision = before.revision + 1
            try await tx.updateTemplate(after)
            try await tx.auditChange("template.update", AuditTarget("template", id: name), from: before.auditSummary,
                                     to: after.auditSummary, by: principal, at: now)
            return after
        }
    }

    /// Every template, by name (any signed-in principal may read them: they say what a registration needs).
    public func templates(by principal: Principal) async throws -> [ModelTemplate] {
        try AccessPolicy.authorize(principal, .readModel)
        return try await store.read { try await $0.templates() }
    }

    public func template(named name: String, by principal: Principal) async throws -> ModelTemplate {
        try AccessPolicy.authorize(principal, .readModel)
        return try await store.read { tx in
            guard let template = try await tx.template(named: name) else { throw Self.templateNotFound(name) }
            return template
        }
    }

    /// Deletes a template no model was created from (administrators).
    public func deleteTemplate(named name: String, by principal: Principal) async throws {
        try AccessPolicy.authorize(principal, .manageTemplates)
        let now = clock()
        try await store.write { tx in
            guard let template = try await tx.template(named: name) else { throw Self.templateNotFound(name) }
            let uses = try await tx.templateUseCount(name: name)
            if uses > 0 {
                throw DomainError(.conflict, code: "template_in_use", "Template '\(name)' is used by \(uses) model(s); detach it from them first.")
            }
            try await tx.deleteTemplate(id: template.id)
            try await tx.audit("template.delete", AuditTarget("template", id: name), before: template.auditSummary, by: principal, at: now)
        }
    }
}
