import Foundation

/// The result of checking a version against its model's template: errors refuse a registration,
/// warnings are listed (in the UI and on the card). On a version that already exists (the template
/// may have changed since), every finding is reported as a warning.
public struct TemplateReport: Sendable, Equatable {
    public var template: String
    public var errors: [FieldError]
    public var warnings: [FieldError]

    public init(template: String, errors: [FieldError] = [], warnings: [FieldError] = []) {
        self.template = template
        self.errors = errors
        self.warnings = warnings
    }

    /// The same findings, all as warnings (for versions already registered).
    public var asWarnings: TemplateReport { TemplateReport(template: template, errors: [], warnings: errors + warnings) }
}

/// Checks a version's parameters, metrics, input schema and card against a template.
public enum TemplateCheck {
    public static func check(params: [String: String], metrics: [String: Double], inputSchema: JSONValue?,
                             card: JSONValue, against template: ModelTemplate) -> TemplateReport {
        var report = TemplateReport(template: template.name)
        func error(_ field: String, _ message: String) { report.errors.append(FieldError(field: field, message: message)) }
        if let schema = template.paramsSchema {
            let object = JSONValue.object(params.mapValues(JSONValue.string))
            for violation in schema.violations(of: object, coercingStrings: true) {
                error("params" + violation.path.dropFirst(), violation.message)
            }
        }
        if let schema = template.inputSchema {
            if let inputSchema {
                for violation in schema.violations(of: inputSchema) { error("input_schema" + violation.path.dropFirst(), violation.message) }
            } else {
                error("input_schema", "is required by template '\(template.name)'")
            }
        }
        for metric in template.requiredMetrics where metrics[metric] == nil {
            error("metrics.\(metric)", "is required by template '\(template.name)'")
        }
        let modelCard = ModelCard(card)
        for field in template.requiredCardFields where !modelCard.isFilled(field) {
            error("card.\(field)", "is required by template '\(template.name)'")
        }
        for field in template.recommendedCardFields where !modelCard.isFilled(field) {
            report.warnings.append(FieldError(field: "card.\(field)", message: "is recommended by template '\(template.name)'"))
        }
        return report
    }

    /// Throws `template_violation` (400) listing every error of `report`.
    public static func enforce(_ report: TemplateReport) throws {
        guard !report.errors.isEmpty else { return }
        throw DomainError(.invalid, code: "template_violation",
                          "The version does not satisfy template '\(report.template)': "
                            + report.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; "),
                          fieldErrors: report.errors)
    }
}
