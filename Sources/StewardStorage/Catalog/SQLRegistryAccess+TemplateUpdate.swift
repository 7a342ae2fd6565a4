import Foundation
import SQLKit
import StewardCore

/// Replacing a template's rules (issue 8: templates are edited in the UI and with `PUT /api/v1/templates/{template}`).
extension SQLRegistryAccess {
    func updateTemplate(_ template: ModelTemplate) async throws {
        try await db.raw("""
            UPDATE model_templates SET description = \(bind: template.description),
                required_card_fields = \(bind: jsonText(template.requiredCardFields)),
                recommended_card_fields = \(bind: jsonText(template.recommendedCardFields)),
                required_metrics = \(bind: jsonText(template.requiredMetrics)),
                params_schema = \(bind: template.paramsSchema?.json.jsonText), input_schema = \(bind: template.inputSchema?.json.jsonText),
                updated_at = \(bind: template.updatedAt.millis), revision = \(bind: Int64(template.revision))
            WHERE id = \(bind: template.id)
            """).run()
    }
}
