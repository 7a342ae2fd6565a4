import Foundation

/// A training run as lineage shows it.
public struct LineageRun: Sendable, Equatable {
    public var id: String
    public var name: String
    public var experimentID: String
    public var status: String
    public var userID: String
    public var startTime: Int64
    public var endTime: Int64?
    /// The code the run trained with (`mlflow.source.git.commit`).
    public var codeVersion: String?

    public init(id: String, name: String, experimentID: String, status: String, userID: String, startTime: Int64,
                endTime: Int64?, codeVersion: String?) {
        self.id = id
        self.name = name
        self.experimentID = experimentID
        self.status = status
        self.userID = userID
        self.startTime = startTime
        self.endTime = endTime
        self.codeVersion = codeVersion
    }
}

/// A dataset version a run consumed, with the role it played (`training`, `evaluation`, …).
public struct RunInput: Sendable, Equatable {
    public var runID: String
    public var datasetVersion: DatasetVersion
    public var context: String?

    public init(runID: String, datasetVersion: DatasetVersion, context: String?) {
        self.runID = runID
        self.datasetVersion = datasetVersion
        self.context = context
    }
}

/// Upstream lineage: model version → the run that produced it → the dataset versions it read.
public struct UpstreamLineage: Sendable, Equatable {
    public var version: ModelVersion
    public var runs: [LineageRun]
    public var inputs: [RunInput]
}

/// A consumer (principal of kind `consumer`) that resolved an alias to a version.
public struct ConsumerUse: Sendable, Equatable {
    public var consumerID: String
    public var consumerName: String
    public var count: Int64
    public var lastSeen: Date

    public init(consumerID: String, consumerName: String, count: Int64, lastSeen: Date) {
        self.consumerID = consumerID
        self.consumerName = consumerName
        self.count = count
        self.lastSeen = lastSeen
    }
}

/// A model version downstream of a dataset version, with what serves it.
public struct DownstreamVersion: Sendable, Equatable {
    public var versionID: String
    public var model: String
    public var number: Int
    public var status: String
    public var runID: String
    public var aliases: [String]
    public var consumers: [ConsumerUse]

    public init(versionID: String, model: String, number: Int, status: String, runID: String, aliases: [String] = [],
                consumers: [ConsumerUse] = []) {
        self.versionID = versionID
        self.model = model
        self.number = number
        self.status = status
        self.runID = runID
        self.aliases = aliases
        self.consumers = consumers
    }
}

/// Downstream lineage: dataset version → runs → model versions → aliases → consumers.
public struct DownstreamLineage: Sendable, Equatable {
    public var datasetVersion: DatasetVersion
    public var runs: [LineageRun]
    public var versions: [DownstreamVersion]

    public init(datasetVersion: DatasetVersion, runs: [LineageRun], versions: [DownstreamVersion]) {
        self.datasetVersion = datasetVersion
        self.runs = runs
        self.versions = versions
    }
}
