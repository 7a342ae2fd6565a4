import Foundation
import StewardCore
import StewardTestSupport
import Testing

@Suite("Catalog search: ranking, facets, access and hostile text (storage, both databases)")
struct CatalogSearchTests {
    @Test(arguments: TestDatabase.all)
    func rankingPutsNameMatchesFirst(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            let page = try await catalog.search(CatalogCorpus.query("fraud"), by: admin)
            #expect(Set(page.names) == ["fraud-detector", "fraud-rings", "secret-fraud", "churn-predictor"])
            #expect(page.total == 4)
            // Name matches outrank a description-only mention.
            #expect(page.names.last == "churn-predictor")
            #expect(page.entries.first!.score > page.entries.last!.score)
            // Words in the card and tags are searchable; stemming finds "payment" for "payments".
            #expect(try await catalog.search(CatalogCorpus.query("organised rings"), by: admin).names == ["fraud-rings"])
            #expect(try await catalog.search(CatalogCorpus.query("payment"), by: admin).names == ["fraud-detector"])
            // Every word must match.
            #expect(try await catalog.search(CatalogCorpus.query("fraud forecast"), by: admin).names == [])
            #expect(try await catalog.search(CatalogCorpus.query("fraud graph"), by: admin).names == ["fraud-rings"]) // task is a keyword
            #expect(try await catalog.search(CatalogCorpus.query("fraud embeddings"), by: admin).names == ["fraud-rings"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func facetCountsAreDisjunctive(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            let all = try await catalog.search(CatalogCorpus.query(), by: admin)
            #expect(all.total == 6)
            #expect(all.counts("task") == ["classification": 3, "graph": 1, "regression": 1, "generation": 1])
            #expect(all.counts("framework") == ["xgboost": 2, "sklearn": 2, "pytorch": 1, "transformers": 1])
            #expect(all.counts("owner") == ["risk": 3, "growth": 2])
            #expect(all.counts("source") == ["internal": 5, "third_party": 1])
            #expect(all.counts("license") == ["Apache-2.0": 1, "MIT": 1, "llama3": 1])
            #expect(all.counts("lifecycle") == ["active": 2, "draft": 4])
            #expect(all.counts("health") == ["unmonitored": 6])
            #expect(all.facets["task"]!.first == FacetCount(value: "classification", count: 3))
            #expect(all.names == ["churn-predictor", "fraud-detector", "fraud-rings", "llama-chat", "sales-forecast", "secret-fraud"])

            let classification = try await catalog.search(CatalogCorpus.query(facets: ["task:classification"]), by: admin)
            #expect(classification.total == 3)
            #expect(Set(classification.names) == ["churn-predictor", "fraud-detector", "secret-fraud"])
            // The selected facet keeps its alternatives; the others count within the selection.
            #expect(classification.counts("task") == ["classification": 3, "graph": 1, "regression": 1, "generation": 1])
            #expect(classification.counts("framework") == ["xgboost": 2, "sklearn": 1])

            let narrowed = try await catalog.search(CatalogCorpus.query("fraud", facets: ["task:classification", "task:graph", "framework:xgboost"]), by: admin)
            #expect(Set(narrowed.names) == ["fraud-detector", "secret-fraud"])
            #expect(narrowed.counts("framework") == ["xgboost": 2, "sklearn": 1, "pytorch": 1])
            #expect(narrowed.counts("task") == ["classification": 2])

            let filtered = try await catalog.search(CatalogCorpus.query(filter: "owner = 'growth'"), by: admin)
            #expect(filtered.names == ["churn-predictor", "sales-forecast"])
            #expect(filtered.counts("framework") == ["sklearn": 2])
        }
    }

    @Test(arguments: TestDatabase.all)
    func restrictedModelsNeverCount(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            let outsider = try await catalog.search(CatalogCorpus.query("fraud"), by: CatalogCorpus.viewer)
            #expect(Set(outsider.names) == ["fraud-detector", "fraud-rings", "churn-predictor"])
            #expect(outsider.total == 3)
            #expect(outsider.counts("owner") == ["risk": 2, "growth": 1])
            let everything = try await catalog.search(CatalogCorpus.query(max: 1), by: CatalogCorpus.viewer)
            #expect(everything.total == 5)
            #expect(everything.counts("task")["classification"] == 2)
            let member = try await catalog.search(CatalogCorpus.query("fraud", facets: ["owner:risk"]), by: CatalogCorpus.riskMember)
            #expect(Set(member.names) == ["fraud-detector", "fraud-rings", "secret-fraud"])
            #expect(member.total == 3)
        }
    }

    @Test(arguments: TestDatabase.all)
    func hostileTextIsOnlyWords(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            for text in [#"fraud" OR secret*"#, "fraud NEAR(a b)", "fraud') ; DROP TABLE models; --", "-fraud", "name:fraud",
                         "fraud^2 AND", "\"unbalanced", "(((", "*", "fraud & | ! <->", "\u{0}fraud", "' OR 1=1 --", "{fraud}"] {
                let page = try await catalog.search(CatalogCorpus.query(text), by: CatalogCorpus.viewer)
                #expect(!page.names.contains("secret-fraud"), "\(text)")
                #expect(page.total <= 5, "\(text)")
            }
            #expect(try await catalog.search(CatalogCorpus.query("fraud') ; DROP TABLE models; --"), by: admin).names.isEmpty)
            #expect(try await catalog.search(CatalogCorpus.query("*"), by: admin).total == 6) // no words: everything
            #expect(try await catalog.search(CatalogCorpus.query(#"FRAUD"detector"#), by: admin).names == ["fraud-detector"])
            #expect(try await catalog.search(CatalogCorpus.query(), by: admin).total == 6) // the table survived
            #expect(await errorCode { _ = try await catalog.search(CatalogCorpus.query(filter: "name = "), by: admin) } == "invalid_filter")
            #expect(await errorCode { _ = try await catalog.search(CatalogCorpus.query(facets: ["colour:red"]), by: admin) } == "validation_failed")
        }
    }

    @Test(arguments: TestDatabase.all)
    func pagesAndOrders(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            var names: [String] = []
            var token: String?
            repeat {
                let page = try await catalog.search(CatalogCorpus.query(max: 4, token: token), by: admin)
                #expect(page.total == 6)
                names += page.names
                token = page.nextPageToken
            } while token != nil
            #expect(names == ["churn-predictor", "fraud-detector", "fraud-rings", "llama-chat", "sales-forecast", "secret-fraud"])
            let first = try await catalog.search(CatalogCorpus.query(max: 2), by: admin)
            #expect(await errorCode { _ = try await catalog.search(CatalogCorpus.query("x", max: 2, token: first.nextPageToken), by: admin) }
                    == "invalid_page_token")
            let updated = try await catalog.search(CatalogCorpus.query(order: .updated), by: admin)
            #expect(updated.names.first == "llama-chat") // its version was the last change… of its row
        }
    }

    @Test(arguments: TestDatabase.all)
    func entriesCarryQualitySignalsAndThirdPartySource(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            let llama = try #require(try await catalog.search(CatalogCorpus.query("chat"), by: admin).entries.first)
            #expect(llama.source.kind == .thirdParty)
            #expect(llama.source.provider == "meta")
            #expect(llama.license == "llama3")
            #expect(llama.quality.metrics == ["mmlu": 0.66])
            #expect(llama.quality.version == 1)
            #expect(llama.quality.lifecycle == .active)
            let detector = try #require(try await catalog.search(CatalogCorpus.query("detector"), by: admin).entries.first)
            #expect(detector.cardCompleteness == 0.27) // 3 of 11 fields
            #expect(detector.quality.health == .unmonitored)
            #expect(try await catalog.search(CatalogCorpus.query(facets: ["source:third_party"]), by: CatalogCorpus.viewer).names == ["llama-chat"])
            #expect(try await catalog.search(CatalogCorpus.query("meta"), by: admin).names == ["llama-chat"]) // provider is searchable
        }
    }

    @Test(arguments: TestDatabase.all)
    func indexFollowsEveryChange(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            try await CatalogCorpus.seed(registry)
            let catalog = Catalog(store: registry.store)
            _ = try await registry.updateModel(named: "sales-forecast", ModelPatch(description: "Quarterly revenue outlook."), by: admin)
            #expect(try await catalog.search(CatalogCorpus.query("weekly"), by: admin).names.isEmpty)
            #expect(try await catalog.search(CatalogCorpus.query("revenue"), by: admin).names == ["sales-forecast"])
            _ = try await registry.renameModel(named: "sales-forecast", to: "revenue-outlook", by: admin)
            #expect(try await catalog.search(CatalogCorpus.query("outlook"), by: admin).names == ["revenue-outlook"])
            _ = try await catalog.updateModelCard(modelName: "revenue-outlook", ["summary": "Uses seasonal decomposition."], by: admin)
            #expect(try await catalog.search(CatalogCorpus.query("seasonal"), by: admin).names == ["revenue-outlook"])
            try await registry.deleteModel(named: "revenue-outlook", force: false, by: admin)
            #expect(try await catalog.search(CatalogCorpus.query("seasonal"), by: admin).names.isEmpty)
            #expect(try await catalog.search(CatalogCorpus.query(), by: admin).total == 5)
            _ = try await catalog.setSource(modelName: "churn-predictor", ModelSource(kind: .thirdParty, provider: "acme",
                                            url: "https://acme.example/churn", license: "proprietary"), by: admin)
            let page = try await catalog.search(CatalogCorpus.query("acme"), by: admin)
            #expect(page.names == ["churn-predictor"])
            #expect(page.counts("license") == ["proprietary": 1])
        }
    }
}
