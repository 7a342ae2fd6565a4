import Foundation

/// Whether a tracking entity (experiment, run, logged model) is live or soft-deleted. Deleted
/// entities keep their data and can be restored.
public enum LifecycleStage: String, Sendable, Equatable, Codable {
    case active, deleted
}

/// A named group of runs, MLflow style. Experiment ids are decimal strings (`"0"` is the default
/// experiment created by migration 2) because that is what MLflow clients expect.
public struct Experiment: Sendable, Equatable {
    public static let defaultID = "0"

    public var id: String
    public var name: String
    /// Where the experiment's run artifacts live, as a URI the client understands
    /// (`mlflow-artifacts:/<id>`, served by Steward's artifact proxy).
    public var artifactLocation: String
    public var lifecycleStage: LifecycleStage
    public var createdAt: Int64
    public var updatedAt: Int64
    public var tags: [String: String]

    public init(id: String, name: String, artifactLocation: String, lifecycleStage: LifecycleStage = .active,
                createdAt: Int64, updatedAt: Int64, tags: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.artifactLocation = artifactLocation
        self.lifecycleStage = lifecycleStage
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.tags = tags
    }
}

/// Which lifecycle stages a search returns (MLflow's `ViewType`).
public enum ViewType: String, Sendable, Equatable {
    case activeOnly = "ACTIVE_ONLY"
    case deletedOnly = "DELETED_ONLY"
    case all = "ALL"

    /// The stages this view includes.
    public var stages: [LifecycleStage] {
        switch self {
        case .activeOnly: [.active]
        case .deletedOnly: [.deleted]
        case .all: [.active, .deleted]
        }
    }
}
