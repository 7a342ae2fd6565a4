import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLKit's `SQLDatabase` over one SQLite connection, as SQLiteKit's own `connection.sql()`, except
/// for how rows read their values (`SQLiteDirectRow`).
///
/// Why: SQLiteKit reads every value through `SQLiteDataDecoder`, which asks the runtime whether the
/// requested type conforms to `SQLiteDataConvertible` and casts the result back, for each column of
/// each row. That was about a tenth of the server's CPU in a registry search (100 models and their
/// versions per page). The store reads only strings, integers and doubles, so those are converted
/// directly, with the same rules; anything else still goes through `SQLiteDataDecoder`.
struct SQLiteDirectDatabase: SQLDatabase {
    let connection: SQLiteConnection

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { connection.sql().version }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let (sql, rawBinds) = serialize(query)
        let binds: [SQLiteData]
        do {
            binds = try rawBinds.map { try SQLiteDataEncoder().encode($0) }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return connection.query(sql, binds, logger: connection.logger) { onRow(SQLiteDirectRow(row: $0)) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, rawBinds) = serialize(query)
        try await connection.query(sql, try rawBinds.map { try SQLiteDataEncoder().encode($0) }) { onRow(SQLiteDirectRow(row: $0)) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// One result row; strings, integers and doubles are converted without the runtime casts of
/// `SQLiteDataDecoder` (see `SQLiteDirectDatabase`), with `SQLiteNIO`'s own conversion rules.
struct SQLiteDirectRow: SQLRow {
    let row: SQLiteRow

    var allColumns: [String] { row.columns.map(\.name) }

    func contains(column: String) -> Bool { row.column(column) != nil }

    func decodeNil(column: String) throws -> Bool { (row.column(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = row.column(column) else { throw MissingColumn(column: column) }
        // `D.self == X.self` compares metadata pointers; the casts are then between identical types.
        if D.self == String.self, let value = data.string { return value as! D }
        if D.self == Int64.self, case .integer(let value) = data { return Int64(value) as! D }
        if D.self == Double.self {
            switch data {
            case .integer(let value): return Double(value) as! D
            case .float(let value): return value as! D
            default: break
            }
        }
        return try SQLiteDataDecoder().decode(D.self, from: data)
    }

    /// A column the query did not select: a bug in the store, reported like SQLiteKit does.
    struct MissingColumn: Error, CustomStringConvertible {
        var column: String
        var description: String { "SQLite row has no column \"\(column)\"" }
    }
}
