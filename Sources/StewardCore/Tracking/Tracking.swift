import Foundation

/// The tracking use cases (experiments, runs, params, metrics, datasets, logged models, the artifact
/// index) and the ones that bridge tracking and the registry (registering a logged model, stages).
/// Every door calls these; each mutation validates first, then reads, checks and writes in one
/// store transaction.
public struct Tracking: Sendable {
    public let store: any TrackingStore
    /// Source of "now"; tests may fix it.
    let clock: @Sendable () -> Date

    public init(store: any TrackingStore, clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.clock = clock
    }

    /// Longest parameter value (MLflow 3's limit).
    public static let maxParamValueLength = 6000
    /// Longest tag value (MLflow 3's limit).
    public static let maxTagValueLength = 8000
    /// `log-batch` limits, as MLflow enforces them.
    public static let maxBatchMetrics = 1000
    public static let maxBatchParamsAndTags = 100
    public static let maxBatchEntities = 1000

    /// Now, in epoch milliseconds.
    var nowMillis: Int64 { Timestamp.milliseconds(clock()) }

    /// 32 lower-case hex characters (MLflow's run id shape).
    static func newHexID() -> String { UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    /// Tracking reads need the right to read; writes the right to create registry content (contributors
    /// log runs), and a token scoped for writing. Per-experiment grants may refine this later.
    static func authorizeRead(_ principal: Principal) throws { try AccessPolicy.authorize(principal, .readModel) }
    static func authorizeWrite(_ principal: Principal) throws { try AccessPolicy.authorize(principal, .createModel) }

    static func requireExperiment(_ reader: any TrackingReader, _ id: String) async throws -> Experiment {
        guard let experiment = try await reader.experiment(id: id) else { throw experimentNotFound(id) }
        return experiment
    }

    static func requireRun(_ reader: any TrackingReader, _ id: String) async throws -> Run {
        guard let run = try await reader.run(id: id) else { throw runNotFound(id) }
        return run
    }

    /// `requireActiveRun` without the run's contents (params, metrics, tags, inputs): one statement
    /// instead of seven, inside write transactions that only need to know the run may be logged to.
    static func requireActiveRunInfo(_ reader: any TrackingReader, _ id: String) async throws -> RunInfo {
        guard let info = try await reader.runInfo(id: id) else { throw runNotFound(id) }
        guard info.lifecycleStage == .active else {
            throw DomainError(.invalid, code: "run_not_active", "The run \(id) must be in the 'active' state; it is deleted.")
        }
        return info
    }

    /// A run that may still be logged to: it exists and is not deleted.
    static func requireActiveRun(_ reader: any TrackingReader, _ id: String) async throws -> Run {
        let run = try await requireRun(reader, id)
        guard run.info.lifecycleStage == .active else {
            throw DomainError(.invalid, code: "run_not_active", "The run \(id) must be in the 'active' state; it is deleted.")
        }
        return run
    }

    static func requireLoggedModel(_ reader: any TrackingReader, _ id: String, allowDeleted: Bool = false) async throws -> LoggedModel {
        guard let model = try await reader.loggedModel(id: id), allowDeleted || model.lifecycleStage == .active else {
            throw DomainError(.notFound, code: "logged_model_not_found", "Logged model '\(id)' does not exist.")
        }
        return model
    }

    static func experimentNotFound(_ id: String) -> DomainError {
        DomainError(.notFound, code: "experiment_not_found", "No experiment with id '\(id)' exists.")
    }

    static func runNotFound(_ id: String) -> DomainError {
        DomainError(.notFound, code: "run_not_found", "Run '\(id)' not found.")
    }

    /// Validates tag keys and values.
    static func validateTags(_ tags: [String: String], field: String = "tags", into validator: inout Validator) {
        for (key, value) in tags {
            validator.capture { try Names.key(key, field: field) }
            validator.check(value.count <= maxTagValueLength, "\(field).\(key.prefix(40))", "value must be at most \(maxTagValueLength) characters")
        }
    }

    static func validateParams(_ params: [String: String], into validator: inout Validator) {
        for (key, value) in params {
            validator.capture { try Names.key(key, field: "params") }
            validator.check(value.count <= maxParamValueLength, "params.\(key.prefix(40))", "value must be at most \(maxParamValueLength) characters")
        }
    }
}
