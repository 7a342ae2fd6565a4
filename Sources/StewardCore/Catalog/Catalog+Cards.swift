import Foundation

/// A card as read: its JSON, completeness, the structured fields still empty and, when the model
/// was created from a template, what the template finds missing (as warnings: the card exists).
public struct CardView: Sendable, Equatable {
    public var card: JSONValue
    public var completeness: Double
    public var missingFields: [String]
    /// The version the card belongs to (nil: the model's current card).
    public var version: Int?
    public var template: TemplateReport?

    init(_ card: JSONValue, version: Int? = nil, template: TemplateReport? = nil) {
        let modelCard = ModelCard(card)
        self.card = card
        completeness = modelCard.completeness
        missingFields = modelCard.missingFields
        self.version = version
        self.template = template
    }
}

extension Catalog {
    /// The model's current card: the one the next version is registered with.
    public func modelCard(modelName: String, by principal: Principal) async throws -> CardView {
        try await store.read { tx in
            let model = try await Registry.requireModel(tx, modelName, principal, .readModel)
            let report = try await Self.template(of: model, tx).map { TemplateCheck.checkCard(model.card, against: $0) }
            return CardView(model.card, template: report)
        }
    }

    /// Replaces the model's current card (versions keep the card they were registered with).
    public func updateModelCard(modelName: String, _ card: JSONValue, ifMatch: String? = nil, by principal: Principal) async throws -> CardView {
        var validator = Validator()
        ModelCard.validate(card, into: &validator)
        try validator.finish()
        let now = clock()
        return try await store.write { tx in
            var model = try await Registry.requireModel(tx, modelName, principal, .updateModel)
            try Registry.checkPrecondition(ifMatch, model.etag)
            let before = model.card
            model.card = card
            model.updatedAt = now
            model.revision += 1
            try await tx.updateModel(model)
            try await tx.auditChange("card.update", .model(model.name), from: Self.cardSummary(before), to: Self.cardSummary(card),
                                     by: principal, at: now)
            let report = try await Self.template(of: model, tx).map { TemplateCheck.checkCard(card, against: $0) }
            return CardView(card, template: report)
        }
    }

    /// The card a version was registered with, and the template's findings on the version (warnings).
    public func versionCard(modelName: String, number: Int, by principal: Principal) async throws -> CardView {
        try await store.read { tx in
            let model = try await Registry.requireModel(tx, modelName, principal, .readModel)
            let version = try await Registry.requireVersion(tx, model, number)
            let card = try await tx.versionCard(versionID: version.id) ?? .object([:])
            let report = try await Self.template(of: model, tx).map {
                TemplateCheck.check(params: version.params, metrics: version.metrics, inputSchema: version.inputSchema, card: card, against: $0).asWarnings
            }
            return CardView(card, version: number, template: report)
        }
    }

    /// Replaces a version's card (documentation may be corrected after sealing; the audit trail keeps each change).
    public func updateVersionCard(modelName: String, number: Int, _ card: JSONValue, by principal: Principal) async throws -> CardView {
        var validator = Validator()
        ModelCard.validate(card, into: &validator)
        try validator.finish()
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx, modelName, principal, .writeVersion)
            let version = try await Registry.requireVersion(tx, model, number)
            let before = try await tx.versionCard(versionID: version.id) ?? .object([:])
            try await tx.putVersionCard(versionID: version.id, modelID: model.id, card: card, by: principal.name, at: now)
            try await tx.auditChange("version.card", .version(model.name, number), from: Self.cardSummary(before), to: Self.cardSummary(card),
                                     by: principal, at: now)
            let report = try await Self.template(of: model, tx).map {
                TemplateCheck.check(params: version.params, metrics: version.metrics, inputSchema: version.inputSchema, card: card, against: $0).asWarnings
            }
            return CardView(card, version: number, template: report)
        }
    }

    /// The registration rule: a new version of a model created from a template must satisfy it
    /// (errors refuse the registration with every gap listed); the version keeps a snapshot of the
    /// model's current card. Called by `Registry` right after inserting the version.
    static func admit(_ tx: any RegistryWriter, model: RegisteredModel, version: ModelVersion, by principal: Principal,
                      at date: Date) async throws {
        if let template = try await template(of: model, tx) {
            try TemplateCheck.enforce(TemplateCheck.check(params: version.params, metrics: version.metrics,
                                                          inputSchema: version.inputSchema, card: model.card, against: template))
        }
        try await tx.putVersionCard(versionID: version.id, modelID: model.id, card: model.card, by: principal.name, at: date)
    }

    static func template(of model: RegisteredModel, _ tx: any RegistryReader) async throws -> ModelTemplate? {
        guard let name = try await tx.catalogInfo(modelID: model.id).template else { return nil }
        return try await tx.template(named: name)
    }

    /// A card as the audit trail records it: the card itself (bounded: cards are at most 1 MiB) and its completeness.
    static func cardSummary(_ card: JSONValue) -> JSONValue {
        .object(["card": card, "completeness": .number(ModelCard(card).completeness)])
    }
}

extension TemplateCheck {
    /// The template's card requirements alone (for the model's current card).
    public static func checkCard(_ card: JSONValue, against template: ModelTemplate) -> TemplateReport {
        var cardOnly = template
        cardOnly.paramsSchema = nil
        cardOnly.inputSchema = nil
        cardOnly.requiredMetrics = []
        return check(params: [:], metrics: [:], inputSchema: nil, card: card, against: cardOnly).asWarnings
    }
}
