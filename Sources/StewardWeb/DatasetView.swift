import Foundation
import StewardCore

/// The datasets list.
struct DatasetListView: Sendable {
    var rows: [Row]
    var nextLink: String?

    struct Row: Sendable {
        var name: String
        var link: String
        var description: String
        var owner: String
        var versions: String
        var updated: String
    }
}

/// One dataset: its facts, versions (with taint) and, per version, the models trained on it.
struct DatasetView: Sendable {
    var name: String
    var description: String
    var facts: [Fact]
    var versions: [Version]
    var downstream: [Downstream]
    var downstreamOf: String?

    struct Version: Sendable {
        var number: String
        var uri: String
        var digest: String
        var rows: String
        var created: String
        var taint: String?
    }

    struct Downstream: Sendable {
        var model: String
        var link: String
        var version: String
        var aliases: String
        var consumers: String
    }
}

extension DatasetListView.Row {
    init(_ dataset: RegisteredDataset) {
        name = dataset.name
        link = "/ui/datasets/" + URLText.segment(dataset.name)
        description = String(dataset.description.prefix(200))
        owner = dataset.owner ?? "—"
        versions = String(dataset.lastVersion)
        updated = Format.time(dataset.updatedAt)
    }
}
