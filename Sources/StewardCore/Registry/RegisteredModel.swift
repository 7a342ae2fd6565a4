import Foundation

/// A registered model: a named, owned container of versions and aliases.
public struct RegisteredModel: Sendable, Equatable {
    /// Internal identifier (stable across renames).
    public var id: String
    /// Unique, case-sensitive name (see `Names.modelName`).
    public var name: String
    /// Markdown description.
    public var description: String
    public var tags: [String: String]
    /// Name of the owning team; its members maintain the model.
    public var owner: String?
    public var task: String?
    public var framework: String?
    /// Model card fields, as a JSON object.
    public var card: JSONValue
    /// Who may know the model exists.
    public var visibility: Visibility = .internal
    /// Highest version number ever allocated (numbers are never reused, even after deletion).
    public var lastVersionNumber: Int
    /// Alias name → version number.
    public var aliases: [String: Int]
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Incremented on every change; the basis of the `ETag`.
    public var revision: Int

    public init(id: String, name: String, description: String = "", tags: [String: String] = [:],
                owner: String? = nil, task: String? = nil, framework: String? = nil, card: JSONValue = .object([:]),
                lastVersionNumber: Int = 0, aliases: [String: Int] = [:], createdBy: String,
                createdAt: Date, updatedAt: Date, revision: Int = 1) {
        self.id = id
        self.name = name
        self.description = description
        self.tags = tags
        self.owner = owner
        self.task = task
        self.framework = framework
        self.card = card
        self.lastVersionNumber = lastVersionNumber
        self.aliases = aliases
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }

    /// Strong entity tag for `ETag` / `If-Match`.
    public var etag: String { "\"m\(revision)\"" }
}

/// The fields a caller supplies to create a model.
public struct ModelDraft: Sendable, Equatable {
    public var name: String
    public var description: String = ""
    public var tags: [String: String] = [:]
    public var owner: String?
    public var task: String?
    public var framework: String?
    public var card: JSONValue = .object([:])
    public var visibility: Visibility = .internal
    /// Catalog (issue 8): the template every version must satisfy, and where the model comes from.
    public var template: String?
    public var source: ModelSource = .internal

    public init(name: String, description: String = "", tags: [String: String] = [:], owner: String? = nil,
                task: String? = nil, framework: String? = nil, card: JSONValue = .object([:]),
                visibility: Visibility = .internal) {
        self.visibility = visibility
        self.name = name
        self.description = description
        self.tags = tags
        self.owner = owner
        self.task = task
        self.framework = framework
        self.card = card
    }
}

/// A partial update of a model. `nil` leaves a field unchanged; in `tags`, a `nil` value deletes the key
/// (JSON merge-patch semantics).
public struct ModelPatch: Sendable, Equatable {
    public var description: String?
    public var tags: [String: String?]?
    public var owner: String?
    public var task: String?
    public var framework: String?
    public var card: JSONValue?
    public var visibility: Visibility?

    public init(description: String? = nil, tags: [String: String?]? = nil, owner: String? = nil,
                task: String? = nil, framework: String? = nil, card: JSONValue? = nil, visibility: Visibility? = nil) {
        self.visibility = visibility
        self.description = description
        self.tags = tags
        self.owner = owner
        self.task = task
        self.framework = framework
        self.card = card
    }
}

extension Dictionary where Key == String, Value == String {
    /// Applies a merge patch: `nil` values delete their key, others set it.
    public func merging(patch: [String: String?]) -> [String: String] {
        var result = self
        for (key, value) in patch { result[key] = value }
        return result
    }
}

extension RegisteredModel {
    /// The aliases pointing at version `number`, sorted: a version's alias list from the model's
    /// map, for reads that load versions without their aliases.
    public func aliasNames(of number: Int) -> [String] {
        aliases.filter { $0.value == number }.map(\.key).sorted()
    }
}
