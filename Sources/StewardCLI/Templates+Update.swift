import ArgumentParser
import StewardAPI

extension TemplatesCommand {
    /// `steward templates update NAME …`: changes the given fields and keeps the others. The CLI
    /// reads the template, applies the options and replaces it with `If-Match`, so a change made by
    /// someone else in between is refused rather than overwritten.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Change a template's description, required fields and metrics or schemas (administrators).")

        /// Fields `--clear` can empty.
        enum Field: String, CaseIterable, ExpressibleByArgument {
            case description, requiredCardFields = "required-card-fields", recommendedCardFields = "recommended-card-fields"
            case requiredMetrics = "required-metrics", paramsSchema = "params-schema", inputSchema = "input-schema"
        }

        @Argument(help: "The template name.")
        var name: String
        @Option(help: "A new description.")
        var description: String?
        @Option(name: .customLong("require-card-field"), help: "Card fields every version must fill (repeatable; replaces the list).")
        var requiredCardFields: [String] = []
        @Option(name: .customLong("recommend-card-field"), help: "Card fields that should be filled (repeatable; replaces the list).")
        var recommendedCardFields: [String] = []
        @Option(name: .customLong("require-metric"), help: "Evaluation metrics every version must report (repeatable; replaces the list).")
        var requiredMetrics: [String] = []
        @Option(help: "A JSON file: the new JSON Schema of the parameters.")
        var paramsSchema: String?
        @Option(help: "A JSON file: the new JSON Schema the version's input schema must satisfy.")
        var inputSchema: String?
        @Option(help: ArgumentHelp("Empty a field (repeatable): \(Field.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "field"))
        var clear: [Field] = []

        @OptionGroup var options: ClientOptions

        func validate() throws {
            let given = description != nil || !requiredCardFields.isEmpty || !recommendedCardFields.isEmpty || !requiredMetrics.isEmpty
                || paramsSchema != nil || inputSchema != nil || !clear.isEmpty
            guard given else {
                throw ValidationError("nothing to update: give --description, --require-card-field, --recommend-card-field, --require-metric, --params-schema, --input-schema or --clear")
            }
        }

        func run() async throws {
            let params = try paramsSchema.map { try JSONFile.value(at: $0, option: "--params-schema") }
            let input = try inputSchema.map { try JSONFile.value(at: $0, option: "--input-schema") }
            try await options.withClient { client in
                let current = try await client.getTemplate(path: .init(template: name)).ok
                let template = try current.body.json
                let body = Components.Schemas.TemplateUpdate(
                    description: clear.contains(.description) ? "" : description ?? template.description,
                    requiredCardFields: clear.contains(.requiredCardFields) ? [] : requiredCardFields.isEmpty ? template.requiredCardFields : requiredCardFields,
                    recommendedCardFields: clear.contains(.recommendedCardFields) ? []
                        : recommendedCardFields.isEmpty ? template.recommendedCardFields : recommendedCardFields,
                    requiredMetrics: clear.contains(.requiredMetrics) ? [] : requiredMetrics.isEmpty ? template.requiredMetrics : requiredMetrics,
                    paramsSchema: clear.contains(.paramsSchema) ? nil : params ?? template.paramsSchema,
                    inputSchema: clear.contains(.inputSchema) ? nil : input ?? template.inputSchema)
                let updated = try await client.updateTemplate(path: .init(template: name), headers: .init(ifMatch: current.headers.eTag),
                                                              body: .json(body)).ok.body.json
                try options.emit(updated) { CatalogPrinting.template(updated) }
            }
        }
    }
}
