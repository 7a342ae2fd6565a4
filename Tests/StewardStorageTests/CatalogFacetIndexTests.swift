import Foundation
import SQLKit
import StewardCore
@testable import StewardStorage
import StewardTestSupport
import Testing

/// The in-memory facet index (embedded SQLite only) must count exactly what the SQL grouping counts,
/// for every principal and selection, and must stop being used the moment a write changes facets.
@Suite("Catalog facet index (SQLite)")
struct CatalogFacetIndexTests {
    static let noRoles = Principal(id: "n", name: "nobody", kind: .user, roles: [], authenticatedBy: "test", teams: ["growth"])

    @Test func countsWhatSQLCounts() async throws {
        try await TestDatabase.sqlite.withBackend { backend, _ in
            let store = SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer)
            let registry = Registry(store: store)
            try await CatalogCorpus.seed(registry)
            let gina = try await registry.createAccount(AccountDraft(name: "gina", kind: .user, roles: [.viewer]), by: admin)
            let outsiderWithGrant = Principal(id: gina.id, name: "gina", kind: .user, roles: [.viewer], authenticatedBy: "test")
            _ = try await registry.grant(modelName: "secret-fraud", subject: "account:gina", permission: .read, by: admin)
            // One model alerting, one watched: all three health values occur.
            try await backend.withTransaction { db in
                for (model, rule, open) in [("fraud-detector", "r1", true), ("churn-predictor", "r2", false)] {
                    let id = try await db.raw("SELECT id FROM models WHERE name = \(bind: model)").all()[0].decode(column: "id", as: String.self)
                    try await db.raw("""
                        INSERT INTO alert_rules (id, model_id, name, metric, versions, condition, threshold, windows, clear_windows, cool_down_seconds,
                            severity, enabled, description, created_by, created_at, updated_at)
                        VALUES (\(bind: rule), \(bind: id), \(bind: rule), 'psi', '[]', 'above', 0.2, 1, 1, 0, 'warning', 1, '', 'admin', 0, 0)
                        """).run()
                    if open {
                        try await db.raw("""
                            INSERT INTO alerts (id, rule_id, rule_name, model_id, version, feature, metric, condition, threshold, severity, state,
                                opened_at, opening_windows, closing_windows, last_window_start, triggered)
                            VALUES ('a1', \(bind: rule), \(bind: rule), \(bind: id), 1, '', 'psi', 'above', 0.2, 'warning', 'open', 0, '[]', '[]', 0, 0)
                            """).run()
                    }
                }
            }
            let index = try #require(backend.catalogFacetIndex)
            let catalog = Catalog(store: store)
            let principals = [admin, CatalogCorpus.viewer, CatalogCorpus.riskMember, outsiderWithGrant, Self.noRoles]
            let selections: [[String]] = [[], ["task:classification"], ["task:classification", "framework:xgboost", "framework:pytorch"],
                                          ["health:alerting"], ["health:healthy", "owner:growth"], ["source:third_party"], ["license:MIT", "lifecycle:draft"]]
            let texts: [String?] = [nil, "fraud", "fraud payments", "nothing-matches", "chat"]
            var fromSQL: [String: CatalogPage] = [:]
            for principal in principals {
                for selection in selections {
                    for text in texts {
                        index.invalidate() // the search counts in SQL (and starts a rebuild in the background)
                        #expect(index.current() == nil)
                        fromSQL["\(principal.name) \(selection) \(text ?? "")"] = try await catalog.search(CatalogCorpus.query(text, facets: selection), by: principal)
                    }
                }
            }
            try await index.rebuildNow(backend)
            #expect(index.current() != nil)
            for principal in principals {
                for selection in selections {
                    for text in texts {
                        let key = "\(principal.name) \(selection) \(text ?? "")"
                        let page = try await catalog.search(CatalogCorpus.query(text, facets: selection), by: principal)
                        let reference = try #require(fromSQL[key])
                        #expect(page.facets == reference.facets, "\(key)")
                        #expect(page.total == reference.total && page.names == reference.names, "\(key)")
                    }
                }
            }
            #expect(try await catalog.search(CatalogCorpus.query("fraud"), by: admin).total == 4)
            let all = try await catalog.search(CatalogCorpus.query(), by: admin)
            #expect(all.counts("health") == ["alerting": 1, "healthy": 1, "unmonitored": 4])
            #expect(try await catalog.search(CatalogCorpus.query(), by: outsiderWithGrant).total == 6) // the grant shows secret-fraud
            #expect(try await catalog.search(CatalogCorpus.query(), by: Self.noRoles).total == 2) // only growth's own models
        }
    }

    @Test func aWriteThatChangesFacetsRetiresTheSnapshot() async throws {
        try await TestDatabase.sqlite.withBackend { backend, _ in
            let store = SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer)
            let registry = Registry(store: store)
            try await CatalogCorpus.seed(registry)
            let index = try #require(backend.catalogFacetIndex)
            try await index.rebuildNow(backend)
            #expect(index.current() != nil)
            // Taking a version number changes no facet: the snapshot stays.
            _ = try await registry.createVersion(modelName: "sales-forecast", VersionDraft(), by: admin)
            #expect(index.current() != nil)
            var patch = ModelPatch()
            patch.task = "forecasting"
            _ = try await registry.updateModel(named: "sales-forecast", patch, by: admin)
            #expect(index.current() == nil)
            let catalog = Catalog(store: store)
            #expect(try await catalog.search(CatalogCorpus.query(), by: admin).counts("task")["forecasting"] == 1) // counted in SQL
            try await index.rebuildNow(backend)
            #expect(try await catalog.search(CatalogCorpus.query(), by: admin).counts("task")["forecasting"] == 1) // and from memory
            _ = try await registry.grant(modelName: "secret-fraud", subject: "team:risk", permission: .read, by: admin)
            #expect(index.current() == nil)
        }
    }
}

/// A backend whose reads fail, counting them (a fault no user runs on purpose).
private final class FailingBackend: DatabaseBackend, @unchecked Sendable {
    let dialect = SQLDialectKind.sqlite
    private let lock = NSLock()
    private var readCount = 0
    var reads: Int { lock.withLock { readCount } }
    struct Failure: Error {}

    func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        lock.withLock { readCount += 1 }
        throw Failure()
    }

    func withTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R { throw Failure() }
    func close() async {}
}

extension CatalogFacetIndexTests {
    /// A load that fails is not retried by every search, only after the next write.
    @Test func aFailedLoadIsNotRetriedUntilTheNextWrite() async throws {
        let index = CatalogFacetIndex()
        let backend = FailingBackend()
        func settle(_ expected: Int) async throws {
            for _ in 0..<200 where backend.reads < expected { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(50)) // let the failed rebuild finish and record itself
        }
        index.rebuildInBackground(backend)
        try await settle(1)
        for _ in 0..<5 { index.rebuildInBackground(backend) }
        try await settle(1)
        #expect(backend.reads == 1, "searches after a failed load count in SQL without loading again")
        index.invalidate()
        index.rebuildInBackground(backend)
        try await settle(2)
        #expect(backend.reads == 2, "a write gives the load another try")
        #expect(index.current() == nil)
    }
}
