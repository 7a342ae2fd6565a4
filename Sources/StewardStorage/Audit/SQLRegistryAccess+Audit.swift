import Foundation
import SQLKit
import StewardCore

/// The audit log in SQL: append (under the head row's lock) and the reads proofs and exports need.
extension SQLRegistryAccess {
    func appendAudit(_ record: AuditRecord) async throws -> AuditEntry {
        guard let sealer, let journal else { throw UnauditedMutation(table: "audit_entries (outside a write transaction)") }
        // FOR UPDATE serialises appends across PostgreSQL replicas until this transaction commits;
        // SQLite's single writer (BEGIN IMMEDIATE) already does.
        let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE" : ""
        let frontier = try await readFrontier(suffix: lock)
        let sealed = try sealer.seal(record, after: frontier)
        let entry = sealed.entry
        let insertEntry: SQLQueryString = """
            INSERT INTO audit_entries (idx, body, leaf_hash, root_hash, signature, at, actor_id, actor_name, action,
                target_type, target_id, model, version, dataset)
            VALUES (\(bind: entry.index), \(bind: entry.body), \(bind: sealed.leafHash.hex), \(bind: entry.rootHash.hex),
                \(bind: entry.signature.base64EncodedString()), \(bind: entry.time.millis), \(bind: entry.actorID),
                \(bind: entry.actorName), \(bind: entry.action), \(bind: entry.target.type), \(bind: entry.target.id),
                \(bind: entry.target.model), \(bind: entry.target.version.map(Int64.init)), \(bind: entry.target.dataset))
            """
        let insertNodes: SQLQueryString? = sealed.nodes.isEmpty ? nil
            : "INSERT INTO audit_nodes (level, idx, hash) VALUES " + sealed.nodes.map { node -> SQLQueryString in
                "(\(bind: node.0.level), \(bind: node.0.index), \(bind: node.1.hex))"
            }.joined(separator: ", ")
        let stored = sealed.frontier.hashes.map(\.hex).joined(separator: ",")
        let updateHead: SQLQueryString = """
            UPDATE audit_head SET size = \(bind: sealed.frontier.size), frontier = \(bind: stored),
                signature = \(bind: entry.signature.base64EncodedString()) WHERE id = 1
            """
        if dialect == .postgres {
            // One round trip for the three writes (data-modifying CTEs): the head row stays locked
            // until commit, so every round trip saved shortens the queue of concurrent appends.
            var sql: SQLQueryString = "WITH e AS (" + insertEntry + ")"
            if let insertNodes { sql = sql + ", n AS (" + insertNodes + ")" }
            try await db.raw(sql + " " + updateHead).run()
        } else {
            try await db.raw(insertEntry).run()
            if let insertNodes { try await db.raw(insertNodes).run() }
            try await db.raw(updateHead).run()
        }
        journal.markAudited()
        return entry
    }

    func auditFrontier() async throws -> MerkleFrontier { try await readFrontier(suffix: "") }

    func auditHead() async throws -> AuditCheckpoint? {
        guard let row = try await db.raw("SELECT size, signature FROM audit_head WHERE id = 1").first() else { return nil }
        let frontier = try await readFrontier(suffix: "")
        guard frontier.size > 0 else { return nil }
        return AuditCheckpoint(treeSize: frontier.size, rootHash: frontier.root,
                               signature: Data(base64Encoded: try row.string("signature")) ?? Data())
    }

    private func readFrontier(suffix: SQLQueryString) async throws -> MerkleFrontier {
        guard let row = try await db.raw("SELECT size, frontier FROM audit_head WHERE id = 1" + suffix).first() else {
            throw DomainError(.unavailable, code: "audit_head_missing", "The audit log head is missing; run the migrations.")
        }
        let text = try row.string("frontier")
        let hashes = text.isEmpty ? [] : try text.split(separator: ",").map { try Data(hexChecked: String($0)) }
        return try MerkleFrontier(size: try row.int64("size"), hashes: hashes)
    }

    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        var sql: SQLQueryString = "SELECT idx, body, root_hash, signature, at, actor_id, actor_name, action, target_type, target_id, model, version, dataset FROM audit_entries WHERE 1 = 1"
        if let after = query.afterIndex { sql = sql + " AND idx > \(bind: after)" }
        if let from = query.from { sql = sql + " AND at >= \(bind: from.millis)" }
        if let to = query.to { sql = sql + " AND at < \(bind: to.millis)" }
        if let actor = query.actor { sql = sql + " AND (actor_name = \(bind: actor) OR actor_id = \(bind: actor))" }
        if let action = query.action {
            if action.hasSuffix(".") || action.hasSuffix("*") {
                let prefix = action.hasSuffix("*") ? String(action.dropLast()) : action
                sql = sql + " AND action >= \(bind: prefix) AND action < \(bind: prefix + "\u{10FFFF}")"
            } else {
                sql = sql + " AND action = \(bind: action)"
            }
        }
        if let model = query.model { sql = sql + " AND model = \(bind: model)" }
        if let version = query.version { sql = sql + " AND version = \(bind: Int64(version))" }
        if let dataset = query.dataset { sql = sql + " AND dataset = \(bind: dataset)" }
        sql = sql + " ORDER BY idx LIMIT \(bind: query.limit)"
        return try await db.raw(sql).all().map(decodeAuditEntry)
    }

    func auditEntry(index: Int64) async throws -> AuditEntry? {
        try await db.raw("""
            SELECT idx, body, root_hash, signature, at, actor_id, actor_name, action, target_type, target_id, model, version, dataset
            FROM audit_entries WHERE idx = \(bind: index)
            """).first().map(decodeAuditEntry)
    }

    func auditNodes(_ ids: Set<MerkleNodeID>) async throws -> [MerkleNodeID: Data] {
        var result: [MerkleNodeID: Data] = [:]
        let leaves = ids.filter { $0.level == 0 }.map(\.index)
        for chunk in stride(from: 0, to: leaves.count, by: 500).map({ Array(leaves[$0..<min($0 + 500, leaves.count)]) }) {
            for row in try await db.raw("SELECT idx, leaf_hash FROM audit_entries WHERE idx IN (\(binds: chunk))").all() {
                result[MerkleNodeID(level: 0, index: try row.int64("idx"))] = try Data(hexChecked: try row.string("leaf_hash"))
            }
        }
        let inner = ids.filter { $0.level > 0 }.sorted { ($0.level, $0.index) < ($1.level, $1.index) }
        for start in stride(from: 0, to: inner.count, by: 100) {
            // (level = ? AND idx = ?) OR …: each arm is a primary-key lookup on both databases.
            let arms = inner[start..<min(start + 100, inner.count)].map { id -> SQLQueryString in
                "(level = \(bind: id.level) AND idx = \(bind: id.index))"
            }
            for row in try await db.raw("SELECT level, idx, hash FROM audit_nodes WHERE " + arms.joined(separator: " OR ")).all() {
                result[MerkleNodeID(level: try row.int("level"), index: try row.int64("idx"))] = try Data(hexChecked: try row.string("hash"))
            }
        }
        return result
    }

    private func decodeAuditEntry(_ row: any SQLRow) throws -> AuditEntry {
        let version = try row.optionalInt64("version").map(Int.init)
        let target = AuditTarget(try row.string("target_type"), id: try row.string("target_id"), model: try row.optionalString("model"),
                                 version: version, dataset: try row.optionalString("dataset"))
        return AuditEntry(index: try row.int64("idx"), body: try row.string("body"), rootHash: try Data(hexChecked: try row.string("root_hash")),
                          signature: Data(base64Encoded: try row.string("signature")) ?? Data(), time: try row.date("at"),
                          actorID: try row.string("actor_id"), actorName: try row.string("actor_name"), action: try row.string("action"),
                          target: target)
    }
}
