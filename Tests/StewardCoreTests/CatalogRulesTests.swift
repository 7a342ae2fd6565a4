import Foundation
import StewardCore
import Testing

@Suite("Catalog rules: cards, templates, facets, query text")
struct CatalogRulesTests {
    @Test func cardCompletenessCountsStructuredFields() {
        #expect(ModelCard(.object([:])).completeness == 0)
        let card = ModelCard(["summary": "s", "intended_use": "  ", "evaluation_results": ["auc": .number(0.9)], "markdown": "# notes", "extra": "x"])
        #expect(card.completeness == 0.18) // 2 of 11
        #expect(card.missingFields.first == "intended_use")
        #expect(!card.missingFields.contains("evaluation_results"))
        let full = ModelCard(.object(Dictionary(uniqueKeysWithValues: ModelCard.fields.map { ($0, JSONValue.string("x")) })))
        #expect(full.completeness == 1)
        #expect(card.searchText.contains("# notes"))
    }

    @Test func cardFieldsMustBeText() {
        var validator = Validator()
        ModelCard.validate(["summary": 3, "limitations": ["a"], "evaluation_results": ["auc": 1], "custom": 5], into: &validator)
        #expect(validator.errors.map(\.field) == ["card.summary", "card.limitations"])
    }

    static let template = ModelTemplate(
        id: "t", name: "tabular", requiredCardFields: ["intended_use"], recommendedCardFields: ["limitations"],
        requiredMetrics: ["auc"], paramsSchema: try! JSONSchema(["type": "object", "properties": ["lr": ["type": "number", "maximum": 1]]]),
        inputSchema: try! JSONSchema(["type": "object", "required": ["columns"]]), createdBy: "admin", createdAt: Date(), updatedAt: Date())

    @Test func templateFindsErrorsAndWarnings() {
        let bad = TemplateCheck.check(params: ["lr": "3"], metrics: [:], inputSchema: ["rows": 1], card: .object([:]), against: Self.template)
        #expect(bad.errors.map(\.field) == ["params.lr", "input_schema.columns", "metrics.auc", "card.intended_use"])
        #expect(bad.warnings.map(\.field) == ["card.limitations"])
        #expect(throws: DomainError.self) { try TemplateCheck.enforce(bad) }
        let good = TemplateCheck.check(params: ["lr": "0.1"], metrics: ["auc": 0.9], inputSchema: ["columns": []],
                                       card: ["intended_use": "scoring"], against: Self.template)
        #expect(good.errors.isEmpty)
        #expect(good.warnings.count == 1)
        #expect(throws: Never.self) { try TemplateCheck.enforce(good) }
        let missing = TemplateCheck.check(params: [:], metrics: ["auc": 1], inputSchema: nil, card: ["intended_use": "x"], against: Self.template)
        #expect(missing.errors.map(\.field) == ["input_schema"])
        #expect(bad.asWarnings.errors.isEmpty && bad.asWarnings.warnings.count == 5)
    }

    @Test func facetTallyIsDisjunctive() {
        let combos = [
            FacetCombo(values: [.task: "a", .framework: "x"], count: 2),
            FacetCombo(values: [.task: "a", .framework: "y"], count: 1),
            FacetCombo(values: [.task: "b", .framework: "x"], count: 4),
            FacetCombo(values: [.framework: "y"], count: 1),
        ]
        let none = FacetTally.tally(combos, selected: [:])
        #expect(none.total == 8)
        #expect(none.facets["task"] == [FacetCount(value: "b", count: 4), FacetCount(value: "a", count: 3)])
        let chosen = FacetTally.tally(combos, selected: [.task: ["a"]])
        #expect(chosen.total == 3)
        #expect(chosen.facets["task"] == [FacetCount(value: "b", count: 4), FacetCount(value: "a", count: 3)])
        #expect(chosen.facets["framework"] == [FacetCount(value: "x", count: 2), FacetCount(value: "y", count: 1)])
        let both = FacetTally.tally(combos, selected: [.task: ["a", "b"], .framework: ["y"]])
        #expect(both.total == 1)
        #expect(both.facets["framework"] == [FacetCount(value: "x", count: 6), FacetCount(value: "y", count: 1)])
        #expect(both.facets["task"] == [FacetCount(value: "a", count: 1)])
    }

    @Test func queryTextKeepsOnlyWords() throws {
        #expect(CatalogText.terms(#"Fraud" OR det*ector NEAR(x) -- ';"#) == ["fraud", "or", "det", "ector", "near", "x"])
        #expect(CatalogText.terms("   ***  ").isEmpty)
        #expect(CatalogText.terms("Modèle de fraude 2024").count == 4)
        #expect(CatalogText.terms(String(repeating: "a ", count: 100)).count == CatalogText.maxTerms)
        #expect(throws: DomainError.self) { try CatalogQuery.selections(["task"]) }
        let selected = try CatalogQuery.selections(["task:a", "task:b:c", "health:alerting"])
        #expect(selected == [.task: ["a", "b:c"], .health: ["alerting"]])
    }

    @Test func thirdPartySourcesNeedProviderURLAndLicense() {
        #expect(throws: DomainError.self) { try ModelSource(kind: .thirdParty, provider: "meta").validate() }
        #expect(throws: DomainError.self) { try ModelSource(kind: .thirdParty, provider: "m", url: "ftp://x/y", license: "l").validate() }
        #expect(throws: DomainError.self) { try ModelSource(kind: .internal, provider: "m").validate() }
        #expect(throws: Never.self) { try ModelSource(kind: .thirdParty, provider: "m", url: "https://hf.co/m", license: "mit").validate() }
        #expect(CatalogLifecycle.derive(ready: 0, deprecated: 0, retired: 0) == .draft)
        #expect(CatalogLifecycle.derive(ready: 3, deprecated: 1, retired: 1) == .active)
        #expect(CatalogLifecycle.derive(ready: 2, deprecated: 1, retired: 1) == .deprecated)
        #expect(CatalogLifecycle.derive(ready: 2, deprecated: 0, retired: 2) == .retired)
    }
}
