import Foundation

/// A named pointer from a model to one of its ready versions, such as `production → 7`.
public struct Alias: Sendable, Equatable {
    public var modelID: String
    public var modelName: String
    public var name: String
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String

    public init(modelID: String, modelName: String, name: String, version: Int, updatedAt: Date, updatedBy: String) {
        self.modelID = modelID
        self.modelName = modelName
        self.name = name
        self.version = version
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// One entry of an alias's history: every set, move and delete is kept.
public struct AliasEvent: Sendable, Equatable {
    public enum Action: String, Sendable, Equatable, Codable {
        case set, moved, deleted
    }

    public var modelID: String
    public var alias: String
    public var action: Action
    public var fromVersion: Int?
    public var toVersion: Int?
    public var at: Date
    public var by: String
    /// The promotion request that made this move, when a protected alias moved through one.
    public var promotionID: String? = nil

    public init(modelID: String, alias: String, action: Action, fromVersion: Int?, toVersion: Int?, at: Date, by: String) {
        self.modelID = modelID
        self.alias = alias
        self.action = action
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.at = at
        self.by = by
    }
}
