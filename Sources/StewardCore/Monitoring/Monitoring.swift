import Foundation

/// Turns accepted rows into encoded partial window profiles. The sketches live in
/// StewardMonitoring; the server hands its implementation to `Monitoring`, so the ingest rule
/// (validate, deduplicate, profile only what was stored) stays here.
public protocol WindowProfiler: Sendable {
    func partials(_ rows: [(row: PredictionRow, window: Int64)], columns: MonitorColumns, settings: MonitorSettings) -> [WindowPartial]
}

/// Which version a monitoring call is about: a version number, or an alias resolved when the
/// call arrives.
public struct MonitorTarget: Sendable, Equatable {
    public var model: String
    public var version: Int?
    public var alias: String?

    public init(model: String, version: Int) {
        self.model = model
        self.version = version
    }

    public init(model: String, alias: String) {
        self.model = model
        self.alias = alias
    }
}

/// The production-monitoring use cases: ingest of prediction logs and labels, monitor settings,
/// reference profiles and the reads behind reports. Every door calls these.
public struct Monitoring: Sendable {
    public let store: any MonitoringStore
    public let profiler: any WindowProfiler
    /// Most rows one batch may carry (the body limit bounds it too).
    public var maxBatchRows = 100_000
    let clock: @Sendable () -> Date

    public init(store: any MonitoringStore, profiler: any WindowProfiler, clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.profiler = profiler
        self.clock = clock
    }

    /// Loads the target's model and version, checking `action`; an alias is resolved now.
    static func requireTarget(_ reader: any RegistryReader, _ target: MonitorTarget, _ principal: Principal,
                              _ action: Action) async throws -> (RegisteredModel, ModelVersion) {
        let model = try await Registry.requireModel(reader, target.model, principal, action)
        if let alias = target.alias {
            try Names.aliasName(alias)
            guard let record = try await reader.alias(modelID: model.id, name: alias) else { throw DomainError.aliasNotFound(model.name, alias) }
            return (model, try await Registry.requireVersion(reader, model, record.version))
        }
        let number = target.version ?? 0
        guard number >= 1 else { throw DomainError.invalidField("version", "must be a positive version number") }
        return (model, try await Registry.requireVersion(reader, model, number))
    }

    /// The settings of a version's monitor (defaults when never configured) and its columns.
    static func monitorState(_ reader: any MonitoringReader, _ version: ModelVersion) async throws -> (MonitorSettings, MonitorColumns) {
        let settings = try await reader.monitor(versionID: version.id)?.settings ?? MonitorSettings()
        return (settings, try InputSchema.columns(version.inputSchema))
    }
}
