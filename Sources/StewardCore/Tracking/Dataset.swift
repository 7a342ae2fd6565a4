import Foundation

/// A dataset a run consumed, identified within its experiment by name and content digest. The
/// schema and profile are kept as the text the client sent (MLflow sends JSON strings).
public struct Dataset: Sendable, Equatable {
    public var name: String
    public var digest: String
    public var sourceType: String
    public var source: String
    public var schema: String?
    public var profile: String?

    public init(name: String, digest: String, sourceType: String, source: String, schema: String? = nil, profile: String? = nil) {
        self.name = name
        self.digest = digest
        self.sourceType = sourceType
        self.source = source
        self.schema = schema
        self.profile = profile
    }
}

/// A dataset used by a run, with the input's tags (for example `mlflow.data.context = training`).
public struct DatasetInput: Sendable, Equatable {
    public var dataset: Dataset
    public var tags: [String: String]

    public init(dataset: Dataset, tags: [String: String] = [:]) {
        self.dataset = dataset
        self.tags = tags
    }
}
