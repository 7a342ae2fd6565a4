import Foundation

extension Registry {
    /// Creates a team (administrators only).
    public func createTeam(name: String, description: String = "", by principal: Principal) async throws -> Team {
        try AccessPolicy.authorize(principal, .manageIdentity)
        try Account.validateName(name)
        var validator = Validator()
        Names.description(description, into: &validator)
        try validator.finish()
        let now = clock()
        let team = Team(id: Self.newID(), name: name, description: description, createdAt: now)
        guard try await store.write({ tx in
            guard try await tx.insertTeam(team) else { return false }
            try await tx.audit("team.create", AuditTarget("team", id: name), after: ["name": .string(name), "description": .string(description)],
                               by: principal, at: now)
            return true
        }) else {
            throw DomainError(.conflict, code: "team_already_exists", "A team named '\(name)' already exists.")
        }
        return team
    }

    /// Lists teams with their members (any authenticated principal: team names are not secret).
    public func teams(by principal: Principal) async throws -> [Team] {
        try await store.read { try await $0.teams() }
    }

    /// Reads one team.
    public func team(named name: String, by principal: Principal) async throws -> Team {
        try await store.read { try await Self.requireTeamRecord($0, name) }
    }

    /// Deletes a team (administrators only); models it owned keep the name as a dangling owner.
    public func deleteTeam(named name: String, by principal: Principal) async throws {
        try AccessPolicy.authorize(principal, .manageIdentity)
        let now = clock()
        try await store.write { tx in
            let team = try await Self.requireTeamRecord(tx, name)
            try await tx.deleteTeam(id: team.id)
            try await tx.audit("team.delete", AuditTarget("team", id: name), before: ["members": .array(team.members.sorted().map(JSONValue.string))],
                               by: principal, at: now)
        }
    }

    /// Adds an account to a team (administrators only).
    public func addMember(team name: String, account accountName: String, by principal: Principal) async throws -> Team {
        try AccessPolicy.authorize(principal, .manageIdentity)
        return try await store.write { tx in
            let team = try await Self.requireTeamRecord(tx, name)
            let account = try await Self.requireAccount(tx, accountName)
            if !team.members.contains(account.name) {
                try await tx.addMember(teamID: team.id, accountID: account.id)
                try await tx.audit("team.add_member", AuditTarget("team", id: name), after: ["member": .string(account.name)], by: principal, at: clock())
            }
            return try await Self.requireTeamRecord(tx, name)
        }
    }

    /// Removes an account from a team (administrators only).
    public func removeMember(team name: String, account accountName: String, by principal: Principal) async throws -> Team {
        try AccessPolicy.authorize(principal, .manageIdentity)
        return try await store.write { tx in
            let team = try await Self.requireTeamRecord(tx, name)
            let account = try await Self.requireAccount(tx, accountName)
            guard try await tx.removeMember(teamID: team.id, accountID: account.id) else {
                throw DomainError(.notFound, code: "member_not_found", "'\(accountName)' is not a member of '\(name)'.")
            }
            try await tx.audit("team.remove_member", AuditTarget("team", id: name), before: ["member": .string(account.name)], by: principal, at: clock())
            return try await Self.requireTeamRecord(tx, name)
        }
    }

    static func requireTeamRecord(_ reader: any RegistryReader, _ name: String) async throws -> Team {
        guard let team = try await reader.team(named: name) else {
            throw DomainError(.notFound, code: "team_not_found", "There is no team named '\(name)'.")
        }
        return team
    }
}
