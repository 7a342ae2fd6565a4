import Foundation
import StewardCore

/// `DatasetVersion` in openapi.yaml.
struct DatasetVersionBody: Encodable {
    var version: DatasetVersion

    enum CodingKeys: String, CodingKey {
        case dataset, version, uri, digest, schema, profile, license, tags, tainted, taint
        case rowCount = "row_count", sourceSystem = "source_system", createdBy = "created_by", createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version.datasetName, forKey: .dataset)
        try container.encode(version.number, forKey: .version)
        try container.encode(version.uri, forKey: .uri)
        try container.encode(version.digest, forKey: .digest)
        try container.encode(version.schema ?? .null, forKey: .schema)
        try container.encode(version.rowCount, forKey: .rowCount)
        try container.encode(version.profile ?? .null, forKey: .profile)
        try container.encode(version.sourceSystem, forKey: .sourceSystem)
        try container.encode(version.license, forKey: .license)
        try container.encode(version.tags, forKey: .tags)
        try container.encode(version.createdBy, forKey: .createdBy)
        try container.encode(Timestamp.format(version.createdAt), forKey: .createdAt)
        try container.encode(version.taint != nil, forKey: .tainted)
        try container.encode(version.taint.map(TaintBody.init), forKey: .taint)
    }
}

/// `DatasetVersionCreate` in openapi.yaml.
struct DatasetVersionCreateBody: Decodable {
    var uri: String
    var digest: String
    var schema: JSONValue?
    var rowCount: Int64?
    var profile: JSONValue?
    var sourceSystem: String?
    var license: String?
    var tags: [String: String]?
    enum CodingKeys: String, CodingKey {
        case uri, digest, schema, profile, license, tags, rowCount = "row_count", sourceSystem = "source_system"
    }

    var draft: DatasetVersionDraft {
        DatasetVersionDraft(uri: uri, digest: digest, schema: schema == .null ? nil : schema, rowCount: rowCount,
                            profile: profile == .null ? nil : profile, sourceSystem: sourceSystem, license: license, tags: tags ?? [:])
    }
}

/// `DatasetVersionList` in openapi.yaml.
struct DatasetVersionListBody: Encodable {
    var versions: [DatasetVersionBody]
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case versions, nextPageToken = "next_page_token" }
}

/// `VersionTaint` in openapi.yaml: why a model version is tainted.
struct VersionTaintBody: Encodable {
    var dataset: String
    var datasetVersion: Int
    var reason: String
    var comment: String
    var flaggedBy: String
    var flaggedAt: String
    enum CodingKeys: String, CodingKey {
        case dataset, reason, comment, datasetVersion = "dataset_version", flaggedBy = "flagged_by", flaggedAt = "flagged_at"
    }

    init(_ taint: VersionTaint) {
        dataset = taint.dataset.dataset
        datasetVersion = taint.dataset.version
        reason = taint.taint.reason.rawValue
        comment = taint.taint.comment
        flaggedBy = taint.taint.flaggedBy
        flaggedAt = Timestamp.format(taint.taint.flaggedAt)
    }
}
