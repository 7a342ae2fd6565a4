import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// Watches the statements of one write transaction so the store can refuse to commit a change that
/// has no audit entry: whatever door or use case a mutation comes from, it cannot skip the trail.
final class WriteJournal: Sendable {
    private struct State {
        /// Statements that changed audited tables, by table (minus those that turned out to change nothing).
        var changes: [String: Int] = [:]
        var audited = false
        /// Whether a statement changed tokens, accounts, teams or memberships (audited or not).
        var credentialsChanged = false
        /// Whether a statement changed what catalog facets count (models, grants, alerts, rules).
        var catalogChanged = false
    }

    private let state = NIOLockedValueBox(State())

    /// Tables whose rows are not audited facts of their own: the audit log itself, idempotency
    /// replay records (written with the audited creation), and usage telemetry.
    static let exemptTables: Set<String> = ["audit_entries", "audit_nodes", "audit_head", "idempotency_keys", "version_consumption",
                                                 "gc_candidates", // issue 6: GC marks are bookkeeping; each run is audited as `gc.run`
                                                 "metric_points", // issue 7: per-window telemetry; alerts it opens are audited
                                                 // issue 7: prediction-log telemetry (like version_consumption): rows,
                                                 // profiles, labels and counters record traffic, not user changes; each
                                                 // ingest or labels batch still appends one compact entry with its counts.
                                                 "monitor_partials", "monitor_predictions", "monitor_pending_labels",
                                                 "monitor_rejected", "monitor_windows"]

    /// Tables whose changes can change who a token authenticates as (see `CredentialCache`).
    static let credentialTables: Set<String> = ["tokens", "accounts", "teams", "team_members"]

    /// Tables whose changes can change catalog facet counts (see `CatalogFacetIndex`).
    static let catalogTables: Set<String> = ["models", "catalog_documents", "model_grants", "alerts", "alert_rules"]

    /// Statements on those tables that change no facet: taking the next version number.
    static func leavesFacets(_ sql: String) -> Bool { sql.hasPrefix("UPDATE models SET last_version = ") }

    /// Statements that are bookkeeping inside an audited table: a token's last-use time.
    static func isBookkeeping(_ sql: String) -> Bool { sql.hasPrefix("UPDATE tokens SET last_used_at = ") }

    /// Notes a statement; counts every audited table it changes.
    func note(_ sql: String) {
        let changed = Self.changedTables(sql)
        guard !changed.isEmpty else { return }
        let credentials = changed.contains { Self.credentialTables.contains($0) }
        let catalog = !Self.leavesFacets(sql) && changed.contains { Self.catalogTables.contains($0) }
        let tables = Self.isBookkeeping(sql) ? [] : changed.filter { !Self.exemptTables.contains($0) }
        state.withLockedValue { state in
            state.credentialsChanged = state.credentialsChanged || credentials
            state.catalogChanged = state.catalogChanged || catalog
            for table in tables { state.changes[table, default: 0] += 1 }
        }
    }

    var credentialsChanged: Bool { state.withLockedValue { $0.credentialsChanged } }

    var catalogChanged: Bool { state.withLockedValue { $0.catalogChanged } }

    /// Withdraws the last statement on `table`: an insert that hit a conflict and changed nothing.
    func retract(_ table: String) {
        state.withLockedValue { $0.changes[table, default: 0] -= 1 }
    }

    func markAudited() { state.withLockedValue { $0.audited = true } }

    /// Throws when the transaction changed an audited table without appending an audit entry.
    func checkComplete() throws {
        let (changed, audited) = state.withLockedValue { state in (state.changes.filter { $0.value > 0 }.keys.sorted().first, state.audited) }
        if let changed, !audited { throw UnauditedMutation(table: changed) }
    }

    /// The tables an INSERT, UPDATE or DELETE statement changes, including those inside
    /// data-modifying `WITH` clauses; empty for reads. Values are always bound parameters, so
    /// keywords in the text are SQL, never data.
    static func changedTables(_ sql: String) -> [String] {
        let head = sql.prefix(8).uppercased()
        guard head.hasPrefix("INSERT") || head.hasPrefix("UPDATE") || head.hasPrefix("DELETE") || head.hasPrefix("WITH") else { return [] }
        // A plain statement changes one table, named in its first words (a trailing
        // `ON CONFLICT … DO UPDATE SET` changes the same table); only `WITH` can hide more, so only
        // it is scanned to the end. Multi-row inserts are long, and this runs on every statement.
        let scanned = head.hasPrefix("WITH") ? Substring(sql) : sql.prefix(200)
        let words = scanned.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "\"") })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        var tables: [String] = []
        var i = 0
        while i < words.count {
            switch words[i].uppercased() {
            case "INSERT" where i + 2 < words.count && words[i + 1].uppercased() == "INTO": tables.append(words[i + 2].lowercased()); i += 2
            case "DELETE" where i + 2 < words.count && words[i + 1].uppercased() == "FROM": tables.append(words[i + 2].lowercased()); i += 2
            case "UPDATE" where i + 1 < words.count && words[i + 1].uppercased() != "SET": tables.append(words[i + 1].lowercased()); i += 1
            default: break
            }
            i += 1
        }
        return tables
    }
}

/// A store write changed data without an audit entry: a bug, never the caller's fault.
struct UnauditedMutation: Error, CustomStringConvertible {
    var table: String
    var description: String { "a write transaction changed \(table) without appending an audit entry" }
}

/// An `SQLDatabase` that reports every statement to a `WriteJournal` before running it.
struct JournalingDatabase: SQLDatabase {
    let base: any SQLDatabase
    let journal: WriteJournal

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let serialized = base.serialize(query)
        journal.note(serialized.sql)
        return base.execute(sql: PreSerialized(sql: serialized.sql, binds: serialized.binds), onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let serialized = base.serialize(query)
        journal.note(serialized.sql)
        try await base.execute(sql: PreSerialized(sql: serialized.sql, binds: serialized.binds), onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession { try await closure(JournalingDatabase(base: $0, journal: journal)) }
    }
}

/// A statement the journal already serialized for the same dialect: the driver reuses its text and
/// binds instead of walking the expression tree a second time (large multi-row inserts are written
/// once, not twice).
private struct PreSerialized: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        // Placeholders in `sql` are numbered from 1; a fresh driver serializer starts from no binds.
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }
}

extension DatabaseBackend {
    /// Runs `body` in one transaction whose statements are journaled, and commits only when every
    /// change it made has its audit entry. Every store's `write` goes through here.
    func auditedTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase, WriteJournal) async throws -> R) async throws -> R {
        try await SQLRegistryStore.mappingErrors {
            let journal = WriteJournal()
            let result = try await withTransaction { db in
                let result = try await body(JournalingDatabase(base: db, journal: journal), journal)
                try journal.checkComplete()
                return result
            }
            // After the commit, before the caller answers: the next request reads the new state.
            if journal.credentialsChanged { credentialCache?.invalidate() }
            if journal.catalogChanged { catalogFacetIndex?.invalidate() }
            return result
        }
    }

    /// Runs `body` on a reader connection, with database failures mapped as for writes.
    func mappedRead<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await SQLRegistryStore.mappingErrors { try await withReader(body) }
    }
}
