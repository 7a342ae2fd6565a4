import Foundation

/// A parameterization template, defined by administrators per kind of model: the card fields and
/// evaluation metrics every version must have, and JSON Schemas (the `JSONSchema` subset) for the
/// version's parameters and its input schema. A model created from a template is checked against it
/// on every version (`TemplateCheck`).
public struct ModelTemplate: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    /// Card fields (of `ModelCard.fields`) that must be filled: an error at registration.
    public var requiredCardFields: [String]
    /// Card fields that should be filled: a warning.
    public var recommendedCardFields: [String]
    /// Evaluation metrics every version must report.
    public var requiredMetrics: [String]
    /// Schema of the parameters object (values are strings; numbers and booleans are read from them).
    public var paramsSchema: JSONSchema?
    /// Schema the version's `input_schema` document must satisfy.
    public var inputSchema: JSONSchema?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var revision: Int

    public init(id: String, name: String, description: String = "", requiredCardFields: [String] = [],
                recommendedCardFields: [String] = [], requiredMetrics: [String] = [], paramsSchema: JSONSchema? = nil,
                inputSchema: JSONSchema? = nil, createdBy: String, createdAt: Date, updatedAt: Date, revision: Int = 1) {
        self.id = id
        self.name = name
        self.description = description
        self.requiredCardFields = requiredCardFields
        self.recommendedCardFields = recommendedCardFields
        self.requiredMetrics = requiredMetrics
        self.paramsSchema = paramsSchema
        self.inputSchema = inputSchema
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }

    /// The `ETag` of this revision (`If-Match` on updates).
    public var etag: String { "\"t\(revision)\"" }

    /// What the audit trail records about a template.
    public var auditSummary: JSONValue {
        .object(["name": .string(name), "description": .string(description),
                 "required_card_fields": .array(requiredCardFields.map(JSONValue.string)),
                 "recommended_card_fields": .array(recommendedCardFields.map(JSONValue.string)),
                 "required_metrics": .array(requiredMetrics.map(JSONValue.string)),
                 "params_schema": paramsSchema?.json ?? .null, "input_schema": inputSchema?.json ?? .null])
    }
}

/// The fields an administrator supplies to create or replace a template (schemas unchecked yet).
public struct TemplateDraft: Sendable, Equatable {
    public var name: String
    public var description: String
    public var requiredCardFields: [String]
    public var recommendedCardFields: [String]
    public var requiredMetrics: [String]
    public var paramsSchema: JSONValue?
    public var inputSchema: JSONValue?

    public init(name: String, description: String = "", requiredCardFields: [String] = [], recommendedCardFields: [String] = [],
                requiredMetrics: [String] = [], paramsSchema: JSONValue? = nil, inputSchema: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.requiredCardFields = requiredCardFields
        self.recommendedCardFields = recommendedCardFields
        self.requiredMetrics = requiredMetrics
        self.paramsSchema = paramsSchema
        self.inputSchema = inputSchema
    }

    /// Validates every field (each bad one listed) and builds the template.
    func template(id: String, by principal: Principal, at date: Date) throws -> ModelTemplate {
        var validator = Validator()
        validator.capture { try Names.key(name, field: "name") }
        Names.description(description, into: &validator)
        for (field, names) in [("required_card_fields", requiredCardFields), ("recommended_card_fields", recommendedCardFields)] {
            for name in names where !ModelCard.fields.contains(name) {
                validator.add(field, "'\(name)' is not a card field (\(ModelCard.fields.joined(separator: ", ")))")
            }
        }
        validator.check(requiredMetrics.count <= 100, "required_metrics", "must list at most 100 metrics")
        for metric in requiredMetrics { validator.capture { try Names.key(metric, field: "required_metrics") } }
        var params: JSONSchema?, input: JSONSchema?
        if let paramsSchema, paramsSchema != .null { validator.capture { params = try JSONSchema(paramsSchema, field: "params_schema") } }
        if let inputSchema, inputSchema != .null { validator.capture { input = try JSONSchema(inputSchema, field: "input_schema") } }
        try validator.finish()
        return ModelTemplate(id: id, name: name, description: description, requiredCardFields: Self.unique(requiredCardFields),
                             recommendedCardFields: Self.unique(recommendedCardFields), requiredMetrics: Self.unique(requiredMetrics),
                             paramsSchema: params, inputSchema: input, createdBy: principal.name, createdAt: date, updatedAt: date)
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
