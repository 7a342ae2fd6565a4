import Foundation
import StewardCore

/// `LineageRun` in openapi.yaml.
struct LineageRunBody: Encodable {
    var run: LineageRun
    enum CodingKeys: String, CodingKey {
        case name, status, runID = "run_id", experimentID = "experiment_id", userID = "user_id", startTime = "start_time"
        case endTime = "end_time", codeVersion = "code_version"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run.id, forKey: .runID)
        try container.encode(run.name, forKey: .name)
        try container.encode(run.experimentID, forKey: .experimentID)
        try container.encode(run.status, forKey: .status)
        try container.encode(run.userID, forKey: .userID)
        try container.encode(Timestamp.format(Timestamp.date(milliseconds: run.startTime)), forKey: .startTime)
        try container.encode(run.endTime.map { Timestamp.format(Timestamp.date(milliseconds: $0)) }, forKey: .endTime)
        try container.encode(run.codeVersion, forKey: .codeVersion)
    }
}

/// `RunInput` in openapi.yaml.
struct RunInputBody: Encodable {
    var runID: String
    var context: String?
    var datasetVersion: DatasetVersionBody
    enum CodingKeys: String, CodingKey { case context, runID = "run_id", datasetVersion = "dataset_version" }

    init(_ input: RunInput) {
        runID = input.runID
        context = input.context
        datasetVersion = DatasetVersionBody(version: input.datasetVersion)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(context, forKey: .context)
        try container.encode(datasetVersion, forKey: .datasetVersion)
    }
}

/// `UpstreamLineage` in openapi.yaml.
struct UpstreamBody: Encodable {
    var model: String
    var version: Int
    var tainted: Bool
    var taints: [VersionTaintBody]
    var runs: [LineageRunBody]
    var inputs: [RunInputBody]

    init(_ lineage: UpstreamLineage) {
        model = lineage.version.modelName
        version = lineage.version.number
        tainted = lineage.version.isTainted
        taints = lineage.version.taints.map(VersionTaintBody.init)
        runs = lineage.runs.map { LineageRunBody(run: $0) }
        inputs = lineage.inputs.map(RunInputBody.init)
    }
}

/// `DownstreamLineage` in openapi.yaml.
struct DownstreamBody: Encodable {
    var datasetVersion: DatasetVersionBody
    var runs: [LineageRunBody]
    var modelVersions: [DownstreamVersionBody]
    enum CodingKeys: String, CodingKey { case runs, datasetVersion = "dataset_version", modelVersions = "model_versions" }

    init(_ lineage: DownstreamLineage) {
        datasetVersion = DatasetVersionBody(version: lineage.datasetVersion)
        runs = lineage.runs.map { LineageRunBody(run: $0) }
        modelVersions = lineage.versions.map(DownstreamVersionBody.init)
    }
}

/// `DownstreamVersion` in openapi.yaml.
struct DownstreamVersionBody: Encodable {
    var model: String
    var version: Int
    var status: String
    var runID: String
    var aliases: [String]
    var consumers: [ConsumerBody]
    enum CodingKeys: String, CodingKey { case model, version, status, aliases, consumers, runID = "run_id" }

    init(_ version: DownstreamVersion) {
        model = version.model
        self.version = version.number
        status = version.status
        runID = version.runID
        aliases = version.aliases
        consumers = version.consumers.map { ConsumerBody(consumer: $0.consumerName, count: $0.count, lastSeen: Timestamp.format($0.lastSeen)) }
    }
}

/// `Consumer` in openapi.yaml.
struct ConsumerBody: Encodable {
    var consumer: String
    var count: Int64
    var lastSeen: String
    enum CodingKeys: String, CodingKey { case consumer, count, lastSeen = "last_seen" }
}
