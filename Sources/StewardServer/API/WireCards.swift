import Foundation
import StewardCore

/// `ModelCard` in openapi.yaml.
struct CardBody: Encodable {
    var card: JSONValue
    var completeness: Double
    var missingFields: [String]
    var version: Int?
    var template: TemplateReportBody?
    enum CodingKeys: String, CodingKey { case card, completeness, version, template, missingFields = "missing_fields" }

    init(_ view: CardView) {
        card = view.card
        completeness = view.completeness
        missingFields = view.missingFields
        version = view.version
        template = view.template.map(TemplateReportBody.init)
    }
}

/// `TemplateReport` in openapi.yaml.
struct TemplateReportBody: Encodable {
    var name: String
    var errors: [FieldError]
    var warnings: [FieldError]
    init(_ report: TemplateReport) {
        name = report.template
        errors = report.errors
        warnings = report.warnings
    }
}

/// `CardUpdate` in openapi.yaml.
struct CardUpdateBody: Decodable {
    var card: JSONValue
}

/// `Template` in openapi.yaml.
struct TemplateBody: Encodable {
    var name: String
    var description: String
    var requiredCardFields: [String]
    var recommendedCardFields: [String]
    var requiredMetrics: [String]
    var paramsSchema: JSONValue?
    var inputSchema: JSONValue?
    var createdBy: String
    var createdAt: String
    var updatedAt: String
    enum CodingKeys: String, CodingKey {
        case name, description
        case requiredCardFields = "required_card_fields", recommendedCardFields = "recommended_card_fields"
        case requiredMetrics = "required_metrics", paramsSchema = "params_schema", inputSchema = "input_schema"
        case createdBy = "created_by", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ template: ModelTemplate) {
        name = template.name
        description = template.description
        requiredCardFields = template.requiredCardFields
        recommendedCardFields = template.recommendedCardFields
        requiredMetrics = template.requiredMetrics
        paramsSchema = template.paramsSchema?.json
        inputSchema = template.inputSchema?.json
        createdBy = template.createdBy
        createdAt = Timestamp.format(template.createdAt)
        updatedAt = Timestamp.format(template.updatedAt)
    }
}

/// `TemplateCreate` in openapi.yaml.
struct TemplateCreateBody: Decodable {
    var name: String
    var description: String?
    var requiredCardFields: [String]?
    var recommendedCardFields: [String]?
    var requiredMetrics: [String]?
    var paramsSchema: JSONValue?
    var inputSchema: JSONValue?
    enum CodingKeys: String, CodingKey {
        case name, description
        case requiredCardFields = "required_card_fields", recommendedCardFields = "recommended_card_fields"
        case requiredMetrics = "required_metrics", paramsSchema = "params_schema", inputSchema = "input_schema"
    }

    var draft: TemplateDraft {
        TemplateDraft(name: name, description: description ?? "", requiredCardFields: requiredCardFields ?? [],
                      recommendedCardFields: recommendedCardFields ?? [], requiredMetrics: requiredMetrics ?? [],
                      paramsSchema: paramsSchema, inputSchema: inputSchema)
    }
}

/// `TemplateUpdate` in openapi.yaml: every field but the name, which the path gives.
struct TemplateUpdateBody: Decodable {
    var description: String?
    var requiredCardFields: [String]?
    var recommendedCardFields: [String]?
    var requiredMetrics: [String]?
    var paramsSchema: JSONValue?
    var inputSchema: JSONValue?
    enum CodingKeys: String, CodingKey {
        case description
        case requiredCardFields = "required_card_fields", recommendedCardFields = "recommended_card_fields"
        case requiredMetrics = "required_metrics", paramsSchema = "params_schema", inputSchema = "input_schema"
    }

    func draft(name: String) -> TemplateDraft {
        TemplateDraft(name: name, description: description ?? "", requiredCardFields: requiredCardFields ?? [],
                      recommendedCardFields: recommendedCardFields ?? [], requiredMetrics: requiredMetrics ?? [],
                      paramsSchema: paramsSchema, inputSchema: inputSchema)
    }
}

/// `TemplateList` in openapi.yaml.
struct TemplateListBody: Encodable {
    var templates: [TemplateBody]
}
