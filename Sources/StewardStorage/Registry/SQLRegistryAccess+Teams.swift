import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    func team(named name: String) async throws -> Team? {
        guard let row = try await db.raw("SELECT id, name, description, created_at FROM teams WHERE name = \(bind: name)").all().first else {
            return nil
        }
        return try await withMembers([decodeTeam(row)]).first
    }

    func teams() async throws -> [Team] {
        try await withMembers(try await db.raw("SELECT id, name, description, created_at FROM teams ORDER BY name").all().map(decodeTeam))
    }

    func teamNames(accountID: String) async throws -> Set<String> {
        Set(try await db.raw("""
            SELECT t.name FROM teams t JOIN team_members tm ON tm.team_id = t.id WHERE tm.account_id = \(bind: accountID)
            """).all().map { try $0.string("name") })
    }

    func insertTeam(_ team: Team) async throws -> Bool {
        let inserted = !(try await db.raw("""
            INSERT INTO teams (id, name, description, created_at)
            VALUES (\(bind: team.id), \(bind: team.name), \(bind: team.description), \(bind: team.createdAt.millis))
            ON CONFLICT DO NOTHING RETURNING id
            """).all()).isEmpty
        if !inserted { journal?.retract("teams") } // a conflict: nothing changed
        return inserted
    }

    func deleteTeam(id: String) async throws {
        try await db.raw("DELETE FROM team_members WHERE team_id = \(bind: id)").run()
        try await db.raw("DELETE FROM model_grants WHERE subject_id = \(bind: id)").run()
        try await db.raw("DELETE FROM teams WHERE id = \(bind: id)").run()
    }

    func addMember(teamID: String, accountID: String) async throws {
        try await db.raw("""
            INSERT INTO team_members (team_id, account_id) VALUES (\(bind: teamID), \(bind: accountID)) ON CONFLICT DO NOTHING
            """).run()
    }

    func removeMember(teamID: String, accountID: String) async throws -> Bool {
        !(try await db.raw("""
            DELETE FROM team_members WHERE team_id = \(bind: teamID) AND account_id = \(bind: accountID) RETURNING team_id
            """).all()).isEmpty
    }

    func grants(modelID: String) async throws -> [ModelGrant] {
        try await db.raw("""
            SELECT model_id, subject_kind, subject_id, subject_name, permission FROM model_grants
            WHERE model_id = \(bind: modelID) ORDER BY subject_kind, subject_name
            """).all().map { row in
                let id = try row.string("subject_id"), name = try row.string("subject_name")
                return ModelGrant(modelID: try row.string("model_id"),
                                  subject: try row.string("subject_kind") == "team" ? .team(id: id, name: name) : .account(id: id, name: name),
                                  permission: Permission(rawValue: try row.string("permission")) ?? .read)
            }
    }

    func putGrant(_ grant: ModelGrant) async throws {
        let (kind, id, name): (String, String, String) = switch grant.subject {
        case .account(let id, let name): ("account", id, name)
        case .team(let id, let name): ("team", id, name)
        }
        try await db.raw("""
            INSERT INTO model_grants (model_id, subject_kind, subject_id, subject_name, permission)
            VALUES (\(bind: grant.modelID), \(bind: kind), \(bind: id), \(bind: name), \(bind: grant.permission.rawValue))
            ON CONFLICT (model_id, subject_id) DO UPDATE SET permission = excluded.permission
            """).run()
    }

    func deleteGrant(modelID: String, subjectID: String) async throws -> Bool {
        !(try await db.raw("""
            DELETE FROM model_grants WHERE model_id = \(bind: modelID) AND subject_id = \(bind: subjectID) RETURNING model_id
            """).all()).isEmpty
    }

    private func decodeTeam(_ row: any SQLRow) throws -> Team {
        Team(id: try row.string("id"), name: try row.string("name"), description: try row.string("description"),
             createdAt: try row.date("created_at"))
    }

    private func withMembers(_ teams: [Team]) async throws -> [Team] {
        guard !teams.isEmpty else { return teams }
        let rows = try await db.raw("""
            SELECT tm.team_id, a.name FROM team_members tm JOIN accounts a ON a.id = tm.account_id
            WHERE tm.team_id IN (\(binds: teams.map(\.id))) ORDER BY a.name
            """).all()
        var members: [String: [String]] = [:]
        for row in rows { members[try row.string("team_id"), default: []].append(try row.string("name")) }
        return teams.map { team in
            var team = team
            team.members = members[team.id] ?? []
            return team
        }
    }
}
