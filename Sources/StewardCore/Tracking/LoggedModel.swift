import Foundation

/// Upload state of a logged model (MLflow 3's `LoggedModelStatus`).
public enum LoggedModelStatus: String, Sendable, Equatable, CaseIterable {
    case pending = "LOGGED_MODEL_PENDING"
    case ready = "LOGGED_MODEL_READY"
    case uploadFailed = "LOGGED_MODEL_UPLOAD_FAILED"
}

/// A model logged by a run (MLflow 3): a directory of artifacts under
/// `mlflow-artifacts:/<experiment>/models/<id>/artifacts`, with params, tags and metrics. Registering
/// it creates a sealed Steward model version from those artifact files.
public struct LoggedModel: Sendable, Equatable {
    /// `m-` followed by 32 lower-case hex characters.
    public var id: String
    public var experimentID: String
    public var name: String
    public var modelType: String?
    public var sourceRunID: String?
    public var status: LoggedModelStatus
    public var artifactURI: String
    public var lifecycleStage: LifecycleStage
    public var createdAt: Int64
    public var updatedAt: Int64
    public var tags: [String: String]
    public var params: [String: String]
    /// Metric values logged with this model's id.
    public var metrics: [Metric]

    public init(id: String, experimentID: String, name: String, modelType: String? = nil, sourceRunID: String? = nil,
                status: LoggedModelStatus = .pending, artifactURI: String, lifecycleStage: LifecycleStage = .active,
                createdAt: Int64, updatedAt: Int64, tags: [String: String] = [:], params: [String: String] = [:],
                metrics: [Metric] = []) {
        self.id = id
        self.experimentID = experimentID
        self.name = name
        self.modelType = modelType
        self.sourceRunID = sourceRunID
        self.status = status
        self.artifactURI = artifactURI
        self.lifecycleStage = lifecycleStage
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.tags = tags
        self.params = params
        self.metrics = metrics
    }

    /// The artifact-store path (below the `mlflow-artifacts:/` root) holding its files.
    public var artifactRoot: String { ArtifactLocation.path(of: artifactURI) ?? "" }
}
