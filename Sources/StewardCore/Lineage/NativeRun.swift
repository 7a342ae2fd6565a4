import Foundation

/// A training run recorded through the native API in one call: what it read (registered dataset
/// versions), how it was configured (params, code version, environment) and how it scored. It is
/// stored as an MLflow-style run, so both doors see the same runs.
public struct NativeRunDraft: Sendable, Equatable {
    /// One input: a dataset version and the role it played (`training`, `evaluation`, …).
    public struct Input: Sendable, Equatable {
        public var dataset: DatasetVersionRef
        public var context: String?

        public init(dataset: DatasetVersionRef, context: String? = nil) {
            self.dataset = dataset
            self.context = context
        }
    }

    public var experimentID: String
    public var name: String?
    public var status: RunStatus
    public var startTime: Date?
    public var endTime: Date?
    public var params: [String: String]
    public var metrics: [String: Double]
    public var tags: [String: String]
    /// The code the run trained with, typically a git commit.
    public var codeVersion: String?
    /// The software environment (packages, image, hardware) as a JSON object.
    public var environment: JSONValue?
    public var inputs: [Input]

    public init(experimentID: String? = nil, name: String? = nil, status: RunStatus = .finished, startTime: Date? = nil,
                endTime: Date? = nil, params: [String: String] = [:], metrics: [String: Double] = [:], tags: [String: String] = [:],
                codeVersion: String? = nil, environment: JSONValue? = nil, inputs: [Input] = []) {
        self.experimentID = experimentID.flatMap { $0.isEmpty ? nil : $0 } ?? Experiment.defaultID
        self.name = name
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.params = params
        self.metrics = metrics
        self.tags = tags
        self.codeVersion = codeVersion
        self.environment = environment
        self.inputs = inputs
    }

    /// Where the code version and environment are kept among the run's tags (MLflow's own key for
    /// the commit, so MLflow's UI shows it too).
    public static let codeVersionTag = "mlflow.source.git.commit"
    public static let environmentTag = "steward.environment"
}

/// A run with its lineage: the dataset versions it read and the model versions it produced.
public struct RunRecord: Sendable, Equatable {
    public var run: Run
    public var inputs: [RunInput]
    public var outputs: [ModelVersionRef]

    public var codeVersion: String? { run.tags[NativeRunDraft.codeVersionTag] }
    public var environment: JSONValue? { run.tags[NativeRunDraft.environmentTag].flatMap { JSONValue(jsonText: $0) } }
}

/// A model version named as users name it.
public struct ModelVersionRef: Sendable, Equatable, Hashable {
    public var model: String
    public var version: Int

    public init(model: String, version: Int) {
        self.model = model
        self.version = version
    }
}
