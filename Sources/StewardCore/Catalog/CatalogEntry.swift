import Foundation

/// A model's lifecycle in the catalog, derived from its versions: `draft` until a version is ready,
/// `active` while a ready version is neither deprecated nor retired, then `deprecated`, then `retired`.
public enum CatalogLifecycle: String, Sendable, CaseIterable, Codable {
    case draft, active, deprecated, retired

    /// Derives the state from counts of the model's live, ready versions.
    public static func derive(ready: Int, deprecated: Int, retired: Int) -> CatalogLifecycle {
        if ready == 0 { return .draft }
        if ready - deprecated - retired > 0 { return .active }
        return deprecated > 0 ? .deprecated : .retired
    }
}

/// Monitoring health: `alerting` with open alerts, `healthy` when alert rules watch it and none is
/// open, `unmonitored` otherwise.
public enum MonitoringHealth: String, Sendable, CaseIterable, Codable {
    case healthy, alerting, unmonitored
}

/// What tells a reader, in a minute, whether a model is any good and in good shape.
public struct QualitySignals: Sendable, Equatable {
    /// The version the signals describe: the `production` alias's target, else the newest ready version.
    public var version: Int?
    /// Evaluation metrics of that version.
    public var metrics: [String: Double]
    public var health: MonitoringHealth
    public var openAlerts: Int
    /// Names of the datasets upstream of that version (lineage).
    public var dataOrigin: [String]
    /// Distinct consumers that resolved any version of the model.
    public var consumers: Int
    /// The newest change to the model or any of its versions.
    public var lastChange: Date
    public var lifecycle: CatalogLifecycle

    public init(version: Int? = nil, metrics: [String: Double] = [:], health: MonitoringHealth = .unmonitored, openAlerts: Int = 0,
                dataOrigin: [String] = [], consumers: Int = 0, lastChange: Date, lifecycle: CatalogLifecycle = .draft) {
        self.version = version
        self.metrics = metrics
        self.health = health
        self.openAlerts = openAlerts
        self.dataOrigin = dataOrigin
        self.consumers = consumers
        self.lastChange = lastChange
        self.lifecycle = lifecycle
    }
}

/// One model as the catalog shows it.
public struct CatalogEntry: Sendable, Equatable {
    public var name: String
    public var description: String
    public var owner: String?
    public var task: String?
    public var framework: String?
    public var tags: [String: String]
    public var license: String?
    public var source: ModelSource
    public var template: String?
    /// `ModelCard.completeness` of the model's card.
    public var cardCompleteness: Double
    public var quality: QualitySignals
    /// Relevance score of the text match (higher is better; 0 without text).
    public var score: Double

    public init(name: String, description: String, owner: String?, task: String?, framework: String?, tags: [String: String],
                license: String?, source: ModelSource, template: String?, cardCompleteness: Double, quality: QualitySignals,
                score: Double) {
        self.name = name
        self.description = description
        self.owner = owner
        self.task = task
        self.framework = framework
        self.tags = tags
        self.license = license
        self.source = source
        self.template = template
        self.cardCompleteness = cardCompleteness
        self.quality = quality
        self.score = score
    }
}
