import ArgumentParser
import StewardAPI

/// `steward templates …`: the templates models are created from (administrators define them).
public struct TemplatesCommand: AsyncParsableCommand {
    /// The `templates` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Create, list, inspect, update and delete model templates (required card fields, metrics, schemas).",
        subcommands: [Create.self, List.self, Get.self, Update.self, Delete.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

extension TemplatesCommand {
    /// `steward templates create NAME …`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a template (administrators).")

        @Argument(help: "The template name.")
        var name: String
        @Option(help: "A description.")
        var description: String?
        @Option(name: .customLong("require-card-field"), help: "A card field every version must fill (repeatable).")
        var requiredCardFields: [String] = []
        @Option(name: .customLong("recommend-card-field"), help: "A card field that should be filled (a warning; repeatable).")
        var recommendedCardFields: [String] = []
        @Option(name: .customLong("require-metric"), help: "An evaluation metric every version must report (repeatable).")
        var requiredMetrics: [String] = []
        @Option(help: "A JSON file: the JSON Schema of the parameters.")
        var paramsSchema: String?
        @Option(help: "A JSON file: the JSON Schema the version's input schema must satisfy.")
        var inputSchema: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let body = Components.Schemas.TemplateCreate(
                name: name, description: description, requiredCardFields: requiredCardFields, recommendedCardFields: recommendedCardFields,
                requiredMetrics: requiredMetrics, paramsSchema: try paramsSchema.map { try JSONFile.value(at: $0, option: "--params-schema") },
                inputSchema: try inputSchema.map { try JSONFile.value(at: $0, option: "--input-schema") })
            try await options.withClient { client in
                let template = try await client.createTemplate(body: .json(body)).created.body.json
                try options.emit(template) { CatalogPrinting.template(template) }
            }
        }
    }

    /// `steward templates list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List templates.")
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listTemplates().ok.body.json
                try options.emit(list) { CatalogPrinting.templates(list.templates) }
            }
        }
    }

    /// `steward templates get NAME`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a template.")
        @Argument(help: "The template name.")
        var name: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let template = try await client.getTemplate(path: .init(template: name)).ok.body.json
                try options.emit(template) { CatalogPrinting.template(template) }
            }
        }
    }

    /// `steward templates delete NAME`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a template no model uses (administrators).")
        @Argument(help: "The template name.")
        var name: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteTemplate(path: .init(template: name)).noContent
                options.confirm("Deleted template \(name).")
            }
        }
    }
}
