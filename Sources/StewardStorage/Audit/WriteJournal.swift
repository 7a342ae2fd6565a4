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
    }

    private let state = NIOLockedValueBox(State())

    /// Tables whose rows are not audited facts of their own: the audit log itself, idempotency
    /// replay records (written with the audited creation), and usage telemetry.
    static let exemptTables: Set<String> = ["audit_entries", "audit_nodes", "audit_head", "idempotency_keys", "version_consumption"]

    /// Notes a statement; remembers the first one that changes an audited table.
    func note(_ sql: String) {
        guard let table = Self.changedTable(sql), !Self.exemptTables.contains(table) else { return }
        state.withLockedValue { $0.changes[table, default: 0] += 1 }
    }

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

    /// The table an INSERT, UPDATE or DELETE statement changes; nil for anything else.
    static func changedTable(_ sql: String) -> String? {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).prefix(3).map { $0.uppercased() }
        let name: Substring?
        switch words.first {
        case "INSERT" where words.count > 2 && words[1] == "INTO": name = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).dropFirst(2).first
        case "UPDATE": name = sql.split(whereSeparator: { $0 == " " || $0 == "\n" }).dropFirst(1).first
        case "DELETE" where words.count > 2 && words[1] == "FROM": name = sql.split(whereSeparator: { $0 == " " || $0 == "\n" }).dropFirst(2).first
        default: name = nil
        }
        return name.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"`")).lowercased() }
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
        journal.note(base.serialize(query).sql)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        journal.note(base.serialize(query).sql)
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession { try await closure(JournalingDatabase(base: $0, journal: journal)) }
    }
}
