import Foundation

/// One immutable version of a registered dataset: where the data is, what exactly it is (its
/// content digest) and what it looks like. Nothing but its taint flag ever changes after creation,
/// and the flag lives beside it (`DatasetTaint`), not in it.
public struct DatasetVersion: Sendable, Equatable {
    public var id: String
    public var datasetID: String
    /// The dataset's name (joined in when read).
    public var datasetName: String
    /// Monotonic per dataset, never reused.
    public var number: Int
    public var uri: String
    /// `<algorithm>:<value>`, e.g. `sha256:…`; unique within the dataset.
    public var digest: String
    public var schema: JSONValue?
    public var rowCount: Int64?
    /// Summary statistics (free-form JSON).
    public var profile: JSONValue?
    public var sourceSystem: String?
    public var license: String?
    public var tags: [String: String]
    public var createdBy: String
    public var createdAt: Date
    /// The current flag, if the version is tainted.
    public var taint: DatasetTaint?

    public init(id: String, datasetID: String, datasetName: String, number: Int, uri: String, digest: String,
                schema: JSONValue? = nil, rowCount: Int64? = nil, profile: JSONValue? = nil, sourceSystem: String? = nil,
                license: String? = nil, tags: [String: String] = [:], createdBy: String, createdAt: Date,
                taint: DatasetTaint? = nil) {
        self.id = id
        self.datasetID = datasetID
        self.datasetName = datasetName
        self.number = number
        self.uri = uri
        self.digest = digest
        self.schema = schema
        self.rowCount = rowCount
        self.profile = profile
        self.sourceSystem = sourceSystem
        self.license = license
        self.tags = tags
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.taint = taint
    }

    /// The fields the audit trail records for a new version.
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = ["dataset": .string(datasetName), "version": .number(Double(number)),
                                           "uri": .string(uri), "digest": .string(digest)]
        if let rowCount { fields["row_count"] = .number(Double(rowCount)) }
        if let sourceSystem { fields["source_system"] = .string(sourceSystem) }
        if let license { fields["license"] = .string(license) }
        if !tags.isEmpty { fields["tags"] = .object(tags.mapValues(JSONValue.string)) }
        return .object(fields)
    }
}

/// What a caller supplies to create a dataset version. Source system and license default to the
/// dataset's.
public struct DatasetVersionDraft: Sendable, Equatable {
    public var uri: String
    public var digest: String
    public var schema: JSONValue?
    public var rowCount: Int64?
    public var profile: JSONValue?
    public var sourceSystem: String?
    public var license: String?
    public var tags: [String: String]

    public init(uri: String, digest: String, schema: JSONValue? = nil, rowCount: Int64? = nil, profile: JSONValue? = nil,
                sourceSystem: String? = nil, license: String? = nil, tags: [String: String] = [:]) {
        self.uri = uri
        self.digest = digest
        self.schema = schema
        self.rowCount = rowCount
        self.profile = profile
        self.sourceSystem = sourceSystem
        self.license = license
        self.tags = tags
    }
}

/// A dataset version named as users name it: `dataset` and version `number`.
public struct DatasetVersionRef: Sendable, Equatable, Hashable {
    public var dataset: String
    public var version: Int

    public init(dataset: String, version: Int) {
        self.dataset = dataset
        self.version = version
    }
}
