import Foundation
import StewardCore
import StewardStorage
import StewardTestSupport

/// A fixed catalog corpus: five internal models (one restricted to the `risk` team) and one
/// third-party model, with tasks, frameworks, owners, cards and versions chosen so ranking and facet
/// counts have one right answer.
enum CatalogCorpus {
    static let viewer = Principal(id: "v", name: "victor", kind: .user, roles: [.viewer], authenticatedBy: "test")
    static let riskMember = Principal(id: "r", name: "rita", kind: .user, roles: [.viewer], authenticatedBy: "test", teams: ["risk"])

    static func seed(_ registry: Registry) async throws {
        _ = try await registry.createTeam(name: "risk", by: admin)
        _ = try await registry.createTeam(name: "growth", by: admin)
        _ = try await registry.createModel(ModelDraft(
            name: "fraud-detector", description: "Detects card fraud in payment transactions.", tags: ["domain": "payments"],
            owner: "risk", task: "classification", framework: "xgboost",
            card: ["summary": "Gradient boosted trees scoring each transaction.", "license": "Apache-2.0", "intended_use": "Scoring payments"]), by: admin)
        _ = try await registry.createModel(ModelDraft(
            name: "churn-predictor", description: "Predicts customer churn; unrelated to fraud.", owner: "growth",
            task: "classification", framework: "sklearn"), by: admin)
        _ = try await registry.createModel(ModelDraft(
            name: "fraud-rings", description: "Graph embeddings of money movements.", owner: "risk", task: "graph", framework: "pytorch",
            card: ["summary": "Finds organised rings.", "license": "MIT"]), by: admin)
        _ = try await registry.createModel(ModelDraft(
            name: "sales-forecast", description: "Weekly sales forecast per store.", owner: "growth", task: "regression",
            framework: "sklearn"), by: admin)
        _ = try await registry.createModel(ModelDraft(
            name: "secret-fraud", description: "Insider fraud screening.", owner: "risk", task: "classification",
            framework: "xgboost", visibility: .restricted), by: admin)
        var llama = ModelDraft(name: "llama-chat", description: "Open-weights chat assistant.", task: "generation", framework: "transformers")
        llama.source = ModelSource(kind: .thirdParty, provider: "meta", url: "https://huggingface.co/meta-llama/Llama-3-8B",
                                   revision: "8b-instruct", license: "llama3", terms: "Llama 3 Community License")
        _ = try await registry.createModel(llama, by: admin)
        try await registry.readyVersion("fraud-detector", draft: VersionDraft(metrics: ["auc": 0.91]))
        try await registry.readyVersion("llama-chat", draft: VersionDraft(metrics: ["mmlu": 0.66]))
    }

    static func query(_ text: String? = nil, filter: String? = nil, facets: [String] = [], order: CatalogOrder = .relevance,
                      max: Int = 20, token: String? = nil) throws -> CatalogQuery {
        CatalogQuery(text: text, filter: filter, selected: try CatalogQuery.selections(facets), orderBy: order, maxResults: max, pageToken: token)
    }
}

extension CatalogPage {
    /// `value=count` pairs of one facet, sorted by value.
    func counts(_ facet: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (facets[facet] ?? []).map { ($0.value, $0.count) })
    }
    var names: [String] { entries.map(\.name) }
}
