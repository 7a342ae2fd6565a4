import Foundation
import StewardCore
import StewardTestSupport
import Testing

@Suite("Search and paging (storage, both databases)")
struct SearchStoreTests {
    /// Three models; `fraud-a` has versions with metrics/params/tags.
    func seed(_ registry: Registry) async throws {
        _ = try await registry.createModel(ModelDraft(name: "fraud-a", tags: ["team": "risk", "tier": "1"]), by: admin)
        _ = try await registry.createModel(ModelDraft(name: "Fraud-B", tags: ["team": "risk"]), by: admin)
        _ = try await registry.createModel(ModelDraft(name: "churn", tags: ["team": "growth"]), by: admin)
        try await registry.readyVersion("fraud-a", draft: VersionDraft(tags: ["stage": "dev"], params: ["lr": "0.1"], metrics: ["auc": 0.81]))
        try await registry.readyVersion("fraud-a", draft: VersionDraft(tags: ["stage": "prod"], params: ["lr": "0.01"], metrics: ["auc": 0.93]))
        _ = try await registry.createVersion(modelName: "fraud-a", VersionDraft(metrics: ["auc": 0.95]), by: admin)
        try await registry.readyVersion("churn", draft: VersionDraft(metrics: ["auc": 0.7]))
    }

    func modelNames(_ registry: Registry, _ filter: String) async throws -> [String] {
        try await registry.listModels(registry.query(.models, filter: filter), by: admin).items.map(\.name)
    }

    func versionKeys(_ registry: Registry, _ filter: String) async throws -> [String] {
        try await registry.searchVersions(registry.query(.versions, filter: filter, orderBy: ["name", "version"]), by: admin)
            .items.map { "\($0.modelName)/\($0.number)" }
    }

    @Test(arguments: TestDatabase.all)
    func modelFilters(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await seed(registry)
            #expect(try await modelNames(registry, "name = 'churn'") == ["churn"])
            #expect(try await modelNames(registry, "name LIKE 'fraud%'") == ["fraud-a"])
            #expect(try await modelNames(registry, "name ILIKE 'fraud%'") == ["Fraud-B", "fraud-a"])
            #expect(try await modelNames(registry, "tag.team = 'risk' AND tag.tier = '1'") == ["fraud-a"])
            #expect(try await modelNames(registry, "tag.team = 'growth' OR (tag.tier = '1' AND name != 'x')") == ["churn", "fraud-a"])
            #expect(try await modelNames(registry, "name IN ('churn', 'Fraud-B')") == ["Fraud-B", "churn"])
            #expect(try await modelNames(registry, "name NOT IN ('churn', 'Fraud-B')") == ["fraud-a"])
            #expect(try await modelNames(registry, "created_at > '2000-01-01' AND created_at < 99999999999999") .count == 3)
            #expect(try await modelNames(registry, "created_at < '2000-01-01T00:00:00Z'") == [])
            #expect(try await modelNames(registry, "name LIKE 'fraud\\_%'") == [])
        }
    }

    @Test(arguments: TestDatabase.all)
    func versionFilters(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await seed(registry)
            #expect(try await versionKeys(registry, "metric.auc > 0.9") == ["fraud-a/2", "fraud-a/3"])
            #expect(try await versionKeys(registry, "metric.auc > 0.9 AND status = 'READY'") == ["fraud-a/2"])
            #expect(try await versionKeys(registry, "status = 'pending'") == ["fraud-a/3"])
            #expect(try await versionKeys(registry, "param.lr = '0.1'") == ["fraud-a/1"])
            #expect(try await versionKeys(registry, "tag.stage IN ('prod', 'dev') AND version >= 2") == ["fraud-a/2"])
            #expect(try await versionKeys(registry, "name = 'churn' OR metric.auc <= 0.81") == ["churn/1", "fraud-a/1"])
            let perModel = try await registry.listVersions(modelName: "fraud-a",
                                                           registry.query(.versions, filter: "metric.auc >= 0.81", orderBy: ["version DESC"]), by: admin)
            #expect(perModel.items.map(\.number) == [3, 2, 1])
        }
    }

    @Test(arguments: TestDatabase.all)
    func badFiltersSayWhere(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            for (filter, code) in [("name = ", "invalid_filter"), ("nosuch = 'x'", "invalid_filter"), ("metric.auc = 'high'", "invalid_filter"),
                                   ("status = 'weird'", "invalid_filter"), ("name > 'a' AND (", "invalid_filter"),
                                   ("created_at > 'yesterday'", "invalid_filter"), ("metric.auc LIKE '1%'", "invalid_filter")] {
                #expect(await errorCode { _ = try await registry.searchVersions(registry.query(.versions, filter: filter), by: admin) } == code, "\(filter)")
            }
            let error = await #expect(throws: DomainError.self) { _ = try registry.query(.models, filter: "name = 'a' AND AND") }
            #expect(error?.message.contains("position") == true)
            #expect(await errorCode { _ = try registry.query(.models, orderBy: ["colour"]) } == "invalid_order_by")
            #expect(await errorCode { _ = try registry.query(.models, max: 0) } == "validation_failed")
            #expect(await errorCode { _ = try registry.query(.models, max: 1001) } == "validation_failed")
            #expect(await errorCode { _ = try registry.query(.models, token: "garbage!!") } == "invalid_page_token")
        }
    }

    @Test(arguments: TestDatabase.all)
    func pagingStaysCorrectWhileDataChanges(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            for index in stride(from: 0, to: 40, by: 2) {
                _ = try await registry.createModel(ModelDraft(name: String(format: "m%03d", index)), by: admin)
            }
            var seen: [String] = []
            var token: String?
            var page = 0
            repeat {
                let result = try await registry.listModels(registry.query(.models, max: 7, token: token), by: admin)
                seen += result.items.map(\.name)
                token = result.nextPageToken
                if page == 0 {
                    // Between pages: rows appear before and after the cursor, and one not yet seen disappears.
                    _ = try await registry.createModel(ModelDraft(name: "m001"), by: admin)
                    _ = try await registry.createModel(ModelDraft(name: "m039"), by: admin)
                    try await registry.deleteModel(named: "m020", force: false, by: admin)
                }
                page += 1
            } while token != nil
            #expect(Set(seen).count == seen.count, "no row is returned twice")
            #expect(seen == seen.sorted())
            let expected = stride(from: 0, to: 40, by: 2).map { String(format: "m%03d", $0) }.filter { $0 != "m020" }
            #expect(expected.allSatisfy(seen.contains), "no surviving row is skipped")
            #expect(seen.contains("m039") && !seen.contains("m001"))

            // A token only works for the query it came from.
            let first = try await registry.listModels(registry.query(.models, max: 2), by: admin)
            let next = try #require(first.nextPageToken)
            #expect(await errorCode { _ = try registry.query(.models, filter: "name LIKE 'm%'", max: 2, token: next) } == "invalid_page_token")
            // Sorting by a timestamp descending pages correctly too.
            var byDate: [String] = []
            var dateToken: String?
            repeat {
                let result = try await registry.listModels(registry.query(.models, orderBy: ["created_at DESC"], max: 3, token: dateToken), by: admin)
                byDate += result.items.map(\.name)
                dateToken = result.nextPageToken
            } while dateToken != nil
            #expect(Set(byDate).count == byDate.count && byDate.count == expected.count + 2)
        }
    }
}
