import Foundation
import Logging
import SQLKit
@testable import StewardStorage
import Testing

/// `SQLiteDirectRow` converts strings, integers and doubles itself; the answers and the errors must
/// be SQLiteKit's (`SQLiteDataDecoder`) for every kind of stored value.
@Suite("SQLite rows read without runtime casts")
struct SQLiteDirectRowTests {
    @Test func convertsLikeSQLiteKit() async throws {
        let directory = NSTemporaryDirectory() + "steward-rows-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let backend = try await SQLiteBackend(path: directory + "/rows.db", readers: 1, logger: Logger(label: "test"))
        do {
            try await backend.withReader { db in
                let row = try #require(try await db.raw("""
                    SELECT 'text' AS s, 7 AS i, 2.5 AS d, 3 AS di, NULL AS n, '12' AS digits, x'00ff' AS b
                    """).first())
                #expect(try row.decode(column: "s", as: String.self) == "text")
                #expect(try row.decode(column: "i", as: Int64.self) == 7)
                #expect(try row.decode(column: "i", as: String.self) == "7") // SQLiteNIO's rule: integers read as text
                #expect(try row.decode(column: "d", as: Double.self) == 2.5)
                #expect(try row.decode(column: "di", as: Double.self) == 3)
                #expect(try row.decode(column: "i", as: Int.self) == 7) // not a fast path: SQLiteDataDecoder
                #expect(try row.decodeNil(column: "n"))
                #expect(try row.optionalString("n") == nil)
                #expect(try !row.decodeNil(column: "s"))
                // Mismatches still fail, as with SQLiteKit: no text-to-number conversion, no NULL strings.
                #expect(throws: (any Error).self) { try row.decode(column: "digits", as: Int64.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "n", as: String.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "d", as: Int64.self) }
                #expect(throws: (any Error).self) { try row.decode(column: "missing", as: String.self) }
                #expect(row.contains(column: "b") && !row.contains(column: "missing"))
                #expect(row.allColumns == ["s", "i", "d", "di", "n", "digits", "b"])
            }
        } catch {
            await backend.close()
            throw error
        }
        await backend.close()
    }
}
