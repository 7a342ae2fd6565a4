import Foundation
import StewardCore

/// `Version` in openapi.yaml.
struct VersionBody: Encodable {
    var version: ModelVersion

    enum CodingKeys: String, CodingKey {
        case model, version, status, description, tags, params, metrics, source, files, aliases, tainted, taints
        case lifecycle, deprecation, legalHold = "legal_hold", retiredAt = "retired_at" // issue 6
        case inputSchema = "input_schema", outputSchema = "output_schema", manifestDigest = "manifest_digest"
        case createdBy = "created_by", createdAt = "created_at", updatedAt = "updated_at", sealedAt = "sealed_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version.modelName, forKey: .model)
        try container.encode(version.number, forKey: .version)
        try container.encode(version.status.rawValue, forKey: .status)
        try container.encode(version.description, forKey: .description)
        try container.encode(version.tags, forKey: .tags)
        try container.encode(version.params, forKey: .params)
        try container.encode(version.metrics, forKey: .metrics)
        try container.encode(version.inputSchema ?? .null, forKey: .inputSchema)
        try container.encode(version.outputSchema ?? .null, forKey: .outputSchema)
        try container.encode(version.source, forKey: .source)
        try container.encode(version.manifestDigest, forKey: .manifestDigest)
        try container.encode(version.files, forKey: .files)
        try container.encode(version.aliases, forKey: .aliases)
        try container.encode(version.createdBy, forKey: .createdBy)
        try container.encode(Timestamp.format(version.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(version.updatedAt), forKey: .updatedAt)
        try container.encode(version.sealedAt.map(Timestamp.format), forKey: .sealedAt)
        try container.encode(version.isTainted, forKey: .tainted)
        try container.encode(version.taints.map(VersionTaintBody.init), forKey: .taints)
        try container.encode(version.lifecycleState.lifecycle.rawValue, forKey: .lifecycle)
        try container.encode(version.lifecycleState.deprecation.map(DeprecationBody.init), forKey: .deprecation)
        try container.encode(version.lifecycleState.legalHold.map(LegalHoldBody.init), forKey: .legalHold)
        try container.encode(version.lifecycleState.retiredAt.map(Timestamp.format), forKey: .retiredAt)
    }
}

/// `VersionCreate` in openapi.yaml.
struct VersionCreateBody: Decodable {
    var description: String?
    var tags: [String: String]?
    var params: [String: String]?
    var metrics: [String: Double]?
    var inputSchema: JSONValue?
    var outputSchema: JSONValue?
    var source: String?
    /// The run that produced the version (lineage); optional.
    var runID: String?

    enum CodingKeys: String, CodingKey {
        case description, tags, params, metrics, source
        case inputSchema = "input_schema", outputSchema = "output_schema", runID = "run_id"
    }

    var draft: VersionDraft {
        VersionDraft(description: description ?? "", tags: tags ?? [:], params: params ?? [:], metrics: metrics ?? [:],
                     inputSchema: inputSchema == .null ? nil : inputSchema,
                     outputSchema: outputSchema == .null ? nil : outputSchema, source: source)
    }
}

/// `VersionUpdate` in openapi.yaml.
struct VersionUpdateBody: Decodable {
    var description: String?
    var tags: [String: String?]?
    var params: [String: String]?
    var metrics: [String: Double]?
    var inputSchema: JSONValue?
    var outputSchema: JSONValue?
    var source: String?

    enum CodingKeys: String, CodingKey {
        case description, tags, params, metrics, source
        case inputSchema = "input_schema", outputSchema = "output_schema"
    }

    var patch: VersionPatch {
        VersionPatch(description: description, tags: tags, params: params, metrics: metrics, inputSchema: inputSchema,
                     outputSchema: outputSchema, source: source)
    }
}

/// `VersionList` in openapi.yaml.
struct VersionListBody: Encodable {
    var versions: [VersionBody]
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case versions, nextPageToken = "next_page_token" }
}

/// `FileList` in openapi.yaml.
struct FileListBody: Encodable {
    var files: [FileEntry]
    var manifestDigest: String?
    enum CodingKeys: String, CodingKey { case files, manifestDigest = "manifest_digest" }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(manifestDigest, forKey: .manifestDigest)
    }
}

/// `Alias` in openapi.yaml.
struct AliasBody: Encodable {
    var alias: String
    var model: String
    var version: Int
    var updatedAt: String
    var updatedBy: String
    enum CodingKeys: String, CodingKey { case alias, model, version, updatedAt = "updated_at", updatedBy = "updated_by" }

    init(_ alias: Alias) {
        self.alias = alias.name
        model = alias.modelName
        version = alias.version
        updatedAt = Timestamp.format(alias.updatedAt)
        updatedBy = alias.updatedBy
    }
}

/// `AliasSet` in openapi.yaml.
struct AliasSetBody: Decodable {
    var version: Int
}

/// `AliasEvent` in openapi.yaml.
struct AliasEventBody: Encodable {
    var alias: String
    var model: String
    var action: String
    var fromVersion: Int?
    var toVersion: Int?
    var at: String
    var by: String
    /// The promotion request that made the move (issue 6), else null.
    var promotionID: String? = nil
    enum CodingKeys: String, CodingKey {
        case alias, model, action, at, by, fromVersion = "from_version", toVersion = "to_version", promotionID = "promotion_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alias, forKey: .alias)
        try container.encode(model, forKey: .model)
        try container.encode(action, forKey: .action)
        try container.encode(fromVersion, forKey: .fromVersion)
        try container.encode(toVersion, forKey: .toVersion)
        try container.encode(at, forKey: .at)
        try container.encode(by, forKey: .by)
        try container.encode(promotionID, forKey: .promotionID)
    }
}
