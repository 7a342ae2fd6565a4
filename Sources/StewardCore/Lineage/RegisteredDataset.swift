import Foundation

/// A registered dataset: a named, owned collection of immutable versions (the data side of
/// lineage). Its metadata may change; its versions never do.
public struct RegisteredDataset: Sendable, Equatable {
    public var id: String
    /// Unique; the same rules as model names (`Names.modelName`).
    public var name: String
    public var description: String
    /// The owning team, if any.
    public var owner: String?
    /// Where the data comes from (a warehouse, a feature store, `mlflow` for auto-registered ones).
    public var sourceSystem: String?
    public var license: String?
    public var tags: [String: String]
    /// The highest version number ever given; numbers are never reused.
    public var lastVersion: Int
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, name: String, description: String = "", owner: String? = nil, sourceSystem: String? = nil,
                license: String? = nil, tags: [String: String] = [:], lastVersion: Int = 0, createdBy: String,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.description = description
        self.owner = owner
        self.sourceSystem = sourceSystem
        self.license = license
        self.tags = tags
        self.lastVersion = lastVersion
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The fields the audit trail records for this dataset.
    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = ["name": .string(name), "description": .string(description),
                                           "tags": .object(tags.mapValues(JSONValue.string))]
        if let owner { fields["owner"] = .string(owner) }
        if let sourceSystem { fields["source_system"] = .string(sourceSystem) }
        if let license { fields["license"] = .string(license) }
        return .object(fields)
    }
}

/// What a caller supplies to register a dataset.
public struct DatasetDraft: Sendable, Equatable {
    public var name: String
    public var description: String
    public var owner: String?
    public var sourceSystem: String?
    public var license: String?
    public var tags: [String: String]

    public init(name: String, description: String = "", owner: String? = nil, sourceSystem: String? = nil,
                license: String? = nil, tags: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.owner = owner
        self.sourceSystem = sourceSystem
        self.license = license
        self.tags = tags
    }
}

/// A partial update of a dataset's metadata (`""` clears an optional text field; a `nil` tag
/// value removes the tag).
public struct DatasetPatch: Sendable, Equatable {
    public var description: String?
    public var owner: String?
    public var sourceSystem: String?
    public var license: String?
    public var tags: [String: String?]?

    public init(description: String? = nil, owner: String? = nil, sourceSystem: String? = nil, license: String? = nil,
                tags: [String: String?]? = nil) {
        self.description = description
        self.owner = owner
        self.sourceSystem = sourceSystem
        self.license = license
        self.tags = tags
    }
}
