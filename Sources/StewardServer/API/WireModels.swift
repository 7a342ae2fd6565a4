import Foundation
import StewardCore

/// `Model` in openapi.yaml.
struct ModelBody: Encodable {
    var name: String
    var description: String
    var tags: [String: String]
    var owner: String?
    var task: String?
    var framework: String?
    var card: JSONValue
    var visibility: String
    var latestVersion: Int?
    var aliases: [String: Int]
    var createdAt: String
    var updatedAt: String
    var createdBy: String

    enum CodingKeys: String, CodingKey {
        case name, description, tags, owner, task, framework, card, aliases, visibility
        case latestVersion = "latest_version", createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by"
    }

    init(_ model: RegisteredModel) {
        name = model.name
        description = model.description
        tags = model.tags
        owner = model.owner
        task = model.task
        framework = model.framework
        card = model.card
        visibility = model.visibility.rawValue
        latestVersion = model.lastVersionNumber > 0 ? model.lastVersionNumber : nil
        aliases = model.aliases
        createdAt = Timestamp.format(model.createdAt)
        updatedAt = Timestamp.format(model.updatedAt)
        createdBy = model.createdBy
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(tags, forKey: .tags)
        try container.encode(owner, forKey: .owner)
        try container.encode(task, forKey: .task)
        try container.encode(framework, forKey: .framework)
        try container.encode(card, forKey: .card)
        try container.encode(visibility, forKey: .visibility)
        try container.encode(latestVersion, forKey: .latestVersion)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(createdBy, forKey: .createdBy)
    }
}

/// `ModelCreate` in openapi.yaml.
struct ModelCreateBody: Decodable {
    var name: String
    var description: String?
    var tags: [String: String]?
    var owner: String?
    var task: String?
    var framework: String?
    var card: JSONValue?
    var visibility: Visibility?
    /// Catalog (issue 8): the template to create the model from, and a third-party source.
    var template: String?
    var source: ModelSourceBody?

    var draft: ModelDraft {
        var draft = ModelDraft(name: name, description: description ?? "", tags: tags ?? [:], owner: owner, task: task,
                               framework: framework, card: card ?? .object([:]), visibility: visibility ?? .internal)
        draft.template = template
        draft.source = source?.source ?? .internal
        return draft
    }
}

/// `ModelUpdate` in openapi.yaml (tags are a merge patch: null deletes a key).
struct ModelUpdateBody: Decodable {
    var description: String?
    var tags: [String: String?]?
    var owner: String?
    var task: String?
    var framework: String?
    var card: JSONValue?
    var visibility: Visibility?

    var patch: ModelPatch {
        ModelPatch(description: description, tags: tags, owner: owner, task: task, framework: framework, card: card,
                   visibility: visibility)
    }
}

/// `ModelRename` in openapi.yaml.
struct ModelRenameBody: Decodable {
    var newName: String
    enum CodingKeys: String, CodingKey { case newName = "new_name" }
}

/// `ModelList` in openapi.yaml.
struct ModelListBody: Encodable {
    var models: [ModelBody]
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case models, nextPageToken = "next_page_token" }
}
