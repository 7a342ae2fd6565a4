import Foundation

/// The catalog routes' steps of the audit completeness walk (issue 8): templates, a model created
/// from one as a third-party model, its card, a version's card, its source and template.
enum CatalogAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        return [
            s(.post, "/api/v1/templates", nil, #"{"name":"tabular","required_card_fields":["summary"],"required_metrics":["auc"]}"#, .audited, nil),
            s(.put, "/api/v1/templates/{template}", "/api/v1/templates/tabular", #"{"description":"tabular models","required_card_fields":["summary"],"required_metrics":["auc"]}"#, .audited, nil),
            s(.post, "/api/v1/models", nil, #"{"name":"cat1","card":{"summary":"s"},"template":"tabular","source":{"kind":"third_party","provider":"acme","url":"https://acme.example/m","license":"mit"}}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/card", "/api/v1/models/cat1/card", #"{"card":{"summary":"scores things"}}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/versions", "/api/v1/models/cat1/versions", #"{"metrics":{"auc":0.9}}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/versions/{version}/card", "/api/v1/models/cat1/versions/1/card", #"{"card":{"summary":"v1"}}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/source", "/api/v1/models/cat1/source", #"{"kind":"internal"}"#, .audited, nil),
            s(.put, "/api/v1/models/{name}/template", "/api/v1/models/cat1/template", #"{"template":null}"#, .audited, nil),
            s(.delete, "/api/v1/templates/{template}", "/api/v1/templates/tabular", nil, .audited, nil),
        ]
    }
}
