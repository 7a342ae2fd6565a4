import Foundation
import StewardCore

/// `Dataset` in openapi.yaml.
struct DatasetBody: Encodable {
    var dataset: RegisteredDataset

    enum CodingKeys: String, CodingKey {
        case name, description, owner, license, tags
        case sourceSystem = "source_system", latestVersion = "latest_version", createdBy = "created_by"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset.name, forKey: .name)
        try container.encode(dataset.description, forKey: .description)
        try container.encode(dataset.owner, forKey: .owner)
        try container.encode(dataset.sourceSystem, forKey: .sourceSystem)
        try container.encode(dataset.license, forKey: .license)
        try container.encode(dataset.tags, forKey: .tags)
        try container.encode(dataset.lastVersion, forKey: .latestVersion)
        try container.encode(dataset.createdBy, forKey: .createdBy)
        try container.encode(Timestamp.format(dataset.createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(dataset.updatedAt), forKey: .updatedAt)
    }
}

/// `DatasetCreate` in openapi.yaml.
struct DatasetCreateBody: Decodable {
    var name: String
    var description: String?
    var owner: String?
    var sourceSystem: String?
    var license: String?
    var tags: [String: String]?
    enum CodingKeys: String, CodingKey { case name, description, owner, license, tags, sourceSystem = "source_system" }

    var draft: DatasetDraft {
        DatasetDraft(name: name, description: description ?? "", owner: owner, sourceSystem: sourceSystem, license: license, tags: tags ?? [:])
    }
}

/// `DatasetUpdate` in openapi.yaml.
struct DatasetUpdateBody: Decodable {
    var description: String?
    var owner: String?
    var sourceSystem: String?
    var license: String?
    var tags: [String: String?]?
    enum CodingKeys: String, CodingKey { case description, owner, license, tags, sourceSystem = "source_system" }

    var patch: DatasetPatch {
        DatasetPatch(description: description, owner: owner, sourceSystem: sourceSystem, license: license, tags: tags)
    }
}

/// `DatasetList` in openapi.yaml.
struct DatasetListBody: Encodable {
    var datasets: [DatasetBody]
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case datasets, nextPageToken = "next_page_token" }
}

/// `Taint` in openapi.yaml.
struct TaintBody: Encodable {
    var taint: DatasetTaint
    enum CodingKeys: String, CodingKey { case reason, comment, flaggedBy = "flagged_by", flaggedAt = "flagged_at" }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taint.reason.rawValue, forKey: .reason)
        try container.encode(taint.comment, forKey: .comment)
        try container.encode(taint.flaggedBy, forKey: .flaggedBy)
        try container.encode(Timestamp.format(taint.flaggedAt), forKey: .flaggedAt)
    }
}

/// `TaintSet` in openapi.yaml.
struct TaintSetBody: Decodable {
    var reason: String
    var comment: String

    var taintReason: TaintReason {
        get throws {
            guard let value = TaintReason(rawValue: reason) else {
                throw DomainError.invalidField("reason", "must be one of \(TaintReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }
}

/// `TaintChange` in openapi.yaml.
struct TaintChangeBody: Encodable {
    var datasetVersion: DatasetVersionBody
    var affected: [ModelVersionRefBody]
    enum CodingKeys: String, CodingKey { case datasetVersion = "dataset_version", affected = "affected_versions" }

    init(_ change: TaintChange) {
        datasetVersion = DatasetVersionBody(version: change.datasetVersion)
        affected = change.affected.map(ModelVersionRefBody.init)
    }
}

/// `ModelVersionRef` in openapi.yaml.
struct ModelVersionRefBody: Encodable {
    var model: String
    var version: Int

    init(_ ref: ModelVersionRef) {
        model = ref.model
        version = ref.version
    }
}
