import Foundation

/// Where a run is in its execution (MLflow's `RunStatus`).
public enum RunStatus: String, Sendable, Equatable, CaseIterable {
    case running = "RUNNING"
    case scheduled = "SCHEDULED"
    case finished = "FINISHED"
    case failed = "FAILED"
    case killed = "KILLED"
}

/// The scalar facts of a training run.
public struct RunInfo: Sendable, Equatable {
    /// 32 lower-case hex characters, like MLflow's run ids.
    public var id: String
    public var experimentID: String
    public var name: String
    public var userID: String
    public var status: RunStatus
    /// Epoch milliseconds.
    public var startTime: Int64
    public var endTime: Int64?
    /// `mlflow-artifacts:/<experiment>/<run>/artifacts`.
    public var artifactURI: String
    public var lifecycleStage: LifecycleStage

    public init(id: String, experimentID: String, name: String, userID: String, status: RunStatus, startTime: Int64,
                endTime: Int64? = nil, artifactURI: String, lifecycleStage: LifecycleStage = .active) {
        self.id = id
        self.experimentID = experimentID
        self.name = name
        self.userID = userID
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.artifactURI = artifactURI
        self.lifecycleStage = lifecycleStage
    }
}

/// A run with everything logged to it: params, the latest value of each metric, tags, inputs
/// (datasets and models) and outputs (logged models). These are the lineage edges a later issue
/// walks: dataset → run → logged model → model version.
public struct Run: Sendable, Equatable {
    public var info: RunInfo
    public var params: [String: String]
    /// The latest value of each metric (highest step, then timestamp, then value, as MLflow defines it).
    public var latestMetrics: [Metric]
    public var tags: [String: String]
    public var datasetInputs: [DatasetInput]
    public var modelInputs: [String]
    public var modelOutputs: [ModelOutput]

    public init(info: RunInfo, params: [String: String] = [:], latestMetrics: [Metric] = [], tags: [String: String] = [:],
                datasetInputs: [DatasetInput] = [], modelInputs: [String] = [], modelOutputs: [ModelOutput] = []) {
        self.info = info
        self.params = params
        self.latestMetrics = latestMetrics
        self.tags = tags
        self.datasetInputs = datasetInputs
        self.modelInputs = modelInputs
        self.modelOutputs = modelOutputs
    }
}

/// A logged model a run produced, at a training step.
public struct ModelOutput: Sendable, Equatable {
    public var modelID: String
    public var step: Int64

    public init(modelID: String, step: Int64) {
        self.modelID = modelID
        self.step = step
    }
}

/// One value of a metric series.
public struct Metric: Sendable, Equatable {
    public var key: String
    public var value: Double
    /// Epoch milliseconds.
    public var timestamp: Int64
    public var step: Int64
    /// The logged model the value describes, if any (MLflow 3).
    public var modelID: String?
    public var datasetName: String?
    public var datasetDigest: String?

    public init(key: String, value: Double, timestamp: Int64, step: Int64, modelID: String? = nil,
                datasetName: String? = nil, datasetDigest: String? = nil) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.step = step
        self.modelID = modelID
        self.datasetName = datasetName
        self.datasetDigest = datasetDigest
    }

    /// MLflow's "latest" order: step, then timestamp, then value.
    public func isNewer(than other: Metric) -> Bool {
        (step, timestamp, value) > (other.step, other.timestamp, other.value)
    }
}
