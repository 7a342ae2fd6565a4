import Foundation
import StewardCore

/// The form that creates or edits a template, holding what the user typed so a refused form comes
/// back filled in, with every problem listed.
struct TemplateFormView: Sendable {
    var action: String
    var submit: String
    /// Editing an existing template: its name is fixed (models refer to it by name).
    var editing: Bool
    var name: String
    var description: String
    var requiredCardFields: [Choice]
    var recommendedCardFields: [Choice]
    /// Metric names, one per line.
    var metrics: String
    var paramsSchema: String
    var inputSchema: String
    /// The `ETag` the edit started from (a concurrent change is refused, not overwritten).
    var etag: String
    var errors: [String] = []

    /// An empty create form.
    static func create() -> TemplateFormView {
        TemplateFormView(action: "/ui/admin/templates", submit: "Create template", editing: false, name: "", description: "",
                         requiredCardFields: choices([]), recommendedCardFields: choices([]), metrics: "", paramsSchema: "", inputSchema: "", etag: "")
    }

    /// The edit form of a stored template.
    static func edit(_ template: ModelTemplate) -> TemplateFormView {
        TemplateFormView(action: "/ui/admin/templates/\(URLText.segment(template.name))", submit: "Save changes", editing: true,
                         name: template.name, description: template.description,
                         requiredCardFields: choices(template.requiredCardFields), recommendedCardFields: choices(template.recommendedCardFields),
                         metrics: template.requiredMetrics.joined(separator: "\n"),
                         paramsSchema: template.paramsSchema.map { pretty($0.json) } ?? "",
                         inputSchema: template.inputSchema.map { pretty($0.json) } ?? "", etag: template.etag)
    }

    /// The form as submitted (to show again when refused).
    static func submitted(_ form: FormData, action: String, editing: Bool, name: String) -> TemplateFormView {
        TemplateFormView(action: action, submit: editing ? "Save changes" : "Create template", editing: editing,
                         name: name, description: form.fields["description"]?.last ?? "",
                         requiredCardFields: choices(form.all("required_card_field")),
                         recommendedCardFields: choices(form.all("recommended_card_field")),
                         metrics: form.fields["required_metrics"]?.last ?? "", paramsSchema: form.fields["params_schema"]?.last ?? "",
                         inputSchema: form.fields["input_schema"]?.last ?? "", etag: form["etag"] ?? "")
    }

    /// The draft a submitted form describes; unreadable JSON is reported per field, with the
    /// template rules' own findings, in one `validation_failed` error.
    static func draft(_ form: FormData, name: String) throws -> TemplateDraft {
        var validator = Validator()
        func schema(_ field: String) -> JSONValue? {
            guard let text = form[field] else { return nil }
            do {
                return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            } catch {
                validator.add(field, "is not valid JSON")
                return nil
            }
        }
        let params = schema("params_schema"), input = schema("input_schema")
        try validator.finish()
        let metrics = (form.fields["required_metrics"]?.last ?? "")
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return TemplateDraft(name: name, description: form.fields["description"]?.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                             requiredCardFields: form.all("required_card_field"), recommendedCardFields: form.all("recommended_card_field"),
                             requiredMetrics: metrics, paramsSchema: params, inputSchema: input)
    }

    static func choices(_ selected: [String]) -> [Choice] {
        ModelCard.fields.map { Choice(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: selected.contains($0)) }
    }

    static func pretty(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? CanonicalJSON.encode(value)
    }
}
