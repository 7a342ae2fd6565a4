import Foundation
import StewardCore

/// `CatalogPage` in openapi.yaml.
struct CatalogPageBody: Encodable {
    var entries: [CatalogEntryBody]
    var facets: [String: [FacetCount]]
    var total: Int
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case entries, facets, total, nextPageToken = "next_page_token" }

    init(_ page: CatalogPage) {
        entries = page.entries.map(CatalogEntryBody.init)
        facets = page.facets
        total = page.total
        nextPageToken = page.nextPageToken
    }
}

/// `CatalogEntry` in openapi.yaml.
struct CatalogEntryBody: Encodable {
    var name: String
    var description: String
    var owner: String?
    var task: String?
    var framework: String?
    var tags: [String: String]
    var license: String?
    var source: ModelSourceBody
    var template: String?
    var lifecycle: String
    var cardCompleteness: Double
    var score: Double
    var quality: CatalogQualityBody
    enum CodingKeys: String, CodingKey {
        case name, description, owner, task, framework, tags, license, source, template, lifecycle, score, quality
        case cardCompleteness = "card_completeness"
    }

    init(_ entry: CatalogEntry) {
        name = entry.name
        description = entry.description
        owner = entry.owner
        task = entry.task
        framework = entry.framework
        tags = entry.tags
        license = entry.license
        source = ModelSourceBody(entry.source)
        template = entry.template
        lifecycle = entry.quality.lifecycle.rawValue
        cardCompleteness = entry.cardCompleteness
        score = (entry.score * 1000).rounded() / 1000
        quality = CatalogQualityBody(entry.quality)
    }
}

/// `QualitySignals` in openapi.yaml.
struct CatalogQualityBody: Encodable {
    var version: Int?
    var metrics: [String: Double]
    var health: String
    var openAlerts: Int
    var dataOrigin: [String]
    var consumers: Int
    var lastChange: String
    var lifecycle: String
    enum CodingKeys: String, CodingKey {
        case version, metrics, health, consumers, lifecycle
        case openAlerts = "open_alerts", dataOrigin = "data_origin", lastChange = "last_change"
    }

    init(_ quality: QualitySignals) {
        version = quality.version
        metrics = quality.metrics
        health = quality.health.rawValue
        openAlerts = quality.openAlerts
        dataOrigin = quality.dataOrigin
        consumers = quality.consumers
        lastChange = Timestamp.format(quality.lastChange)
        lifecycle = quality.lifecycle.rawValue
    }
}

/// `ModelSource` in openapi.yaml (request and response).
struct ModelSourceBody: Codable {
    var kind: ModelSource.Kind
    var provider: String?
    var url: String?
    var revision: String?
    var license: String?
    var terms: String?

    init(_ source: ModelSource) {
        kind = source.kind
        provider = source.provider
        url = source.url
        revision = source.revision
        license = source.license
        terms = source.terms
    }

    var source: ModelSource { ModelSource(kind: kind, provider: provider, url: url, revision: revision, license: license, terms: terms) }
}

/// `ModelCatalogInfo` in openapi.yaml.
struct CatalogInfoBody: Encodable {
    var source: ModelSourceBody
    var template: String?
    init(_ info: ModelCatalogInfo) {
        source = ModelSourceBody(info.source)
        template = info.template
    }
}

/// `TemplateAttach` in openapi.yaml.
struct TemplateAttachBody: Decodable {
    var template: String?
}
