import Foundation

extension Registry {
    /// The grants of a model (readable by anyone who may maintain it).
    public func grants(modelName: String, by principal: Principal) async throws -> [ModelGrant] {
        try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .manageGrants)
            return try await tx.grants(modelID: model.id)
        }
    }

    /// Gives an account (`account:<name>`) or a team (`team:<name>`) a permission on a model.
    public func grant(modelName: String, subject: String, permission: Permission, by principal: Principal) async throws -> ModelGrant {
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .manageGrants)
            let grant = ModelGrant(modelID: model.id, subject: try await Self.resolveSubject(tx, subject), permission: permission)
            let previous = try await tx.grants(modelID: model.id).first { $0.subject.id == grant.subject.id }
            try await tx.putGrant(grant)
            try await tx.audit("grant.set", AuditTarget("grant", id: "\(model.name):\(subject)", model: model.name),
                               before: previous.map { ["subject": .string(subject), "permission": .string($0.permission.rawValue)] },
                               after: ["subject": .string(subject), "permission": .string(permission.rawValue)], by: principal, at: clock())
            return grant
        }
    }

    /// Removes a grant.
    public func revokeGrant(modelName: String, subject: String, by principal: Principal) async throws {
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .manageGrants)
            let resolved = try await Self.resolveSubject(tx, subject)
            guard try await tx.deleteGrant(modelID: model.id, subjectID: resolved.id) else {
                throw DomainError(.notFound, code: "grant_not_found", "'\(subject)' has no grant on '\(modelName)'.")
            }
            try await tx.audit("grant.revoke", AuditTarget("grant", id: "\(model.name):\(subject)", model: model.name),
                               before: ["subject": .string(subject)], by: principal, at: clock())
        }
    }

    /// Parses `account:<name>` or `team:<name>` and finds it.
    static func resolveSubject(_ reader: any RegistryReader, _ subject: String) async throws -> ModelGrant.Subject {
        let parts = subject.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw DomainError.invalidField("subject", "must be account:<name> or team:<name>")
        }
        switch parts[0] {
        case "account":
            let account = try await requireAccount(reader, parts[1])
            return .account(id: account.id, name: account.name)
        case "team":
            let team = try await requireTeamRecord(reader, parts[1])
            return .team(id: team.id, name: team.name)
        default:
            throw DomainError.invalidField("subject", "must be account:<name> or team:<name>")
        }
    }
}
