import Foundation
import SQLKit
import StewardCore
@testable import StewardStorage
import StewardTestSupport
import Testing

/// The store refuses to commit a change that has no audit entry, whatever SQL made it.
@Suite("Write journal: unaudited changes roll back (both databases)")
struct WriteJournalTests {
    @Test func statementsAreAttributedToTheTablesTheyChange() {
        #expect(WriteJournal.changedTables("SELECT * FROM models").isEmpty)
        #expect(WriteJournal.changedTables(#"INSERT INTO "models" (id) VALUES ($1)"#) == ["models"])
        #expect(WriteJournal.changedTables("INSERT INTO tokens (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET name = ?") == ["tokens"])
        #expect(WriteJournal.changedTables("UPDATE versions SET status = ? WHERE id = ?") == ["versions"])
        #expect(WriteJournal.changedTables("DELETE FROM aliases WHERE model_id = ?") == ["aliases"])
        #expect(WriteJournal.changedTables("WITH e AS (INSERT INTO audit_entries (idx) VALUES (1)), x AS (DELETE FROM grants WHERE 1 = 1) UPDATE audit_head SET size = 1")
                == ["audit_entries", "grants", "audit_head"])
    }

    @Test(arguments: TestDatabase.all)
    func anUnauditedWriteIsRolledBack(_ database: TestDatabase) async throws {
        try await database.withBackend { backend, _ in
            let store = SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer)
            let admin = Principal(id: "admin", name: "admin", kind: .user, roles: [.admin], authenticatedBy: "test")
            let model = RegisteredModel(id: "m1", name: "sneaky", createdBy: "x", createdAt: Date(), updatedAt: Date())
            await #expect(throws: StoreFailure.self) {
                try await store.write { tx in try await tx.insertModel(model) }
            }
            #expect(try await store.read { try await $0.model(named: "sneaky") } == nil, "the unaudited insert was rolled back")
            // The same change with its entry commits, and the entry is there.
            try await store.write { tx in
                try await tx.insertModel(model)
                try await tx.audit("model.create", .model("sneaky"), by: admin, at: Date())
            }
            #expect(try await store.read { try await $0.model(named: "sneaky") } != nil)
            #expect(try await store.read { try await $0.auditFrontier().size } == 1)
        }
    }
}
