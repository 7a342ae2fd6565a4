import Foundation
import StewardCore

/// One version's page: its metadata, metrics, parameters and files.
struct VersionView: Sendable {
    var model: String
    var modelLink: String
    var number: Int
    var facts: [Fact]
    var metrics: [Fact]
    var params: [Fact]
    var tags: [Fact]
    var files: [Fact]
    var taints: [String]

    init(_ version: ModelVersion) {
        model = version.modelName
        modelLink = "/ui/models/" + URLText.segment(version.modelName)
        number = version.number
        let row = VersionRow(version)
        facts = [Fact(label: "Status", value: row.status), Fact(label: "Lifecycle", value: row.lifecycle),
                 Fact(label: "Aliases", value: row.aliases.isEmpty ? "—" : row.aliases), Fact(label: "Description", value: version.description),
                 Fact(label: "Source", value: version.source ?? "—"), Fact(label: "Manifest digest", value: version.manifestDigest ?? "—"),
                 Fact(label: "Created", value: "\(row.createdAt) by \(row.createdBy)")]
        metrics = version.metrics.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: Format.number($0.value)) }
        params = version.params.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: $0.value) }
        tags = version.tags.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: $0.value) }
        files = version.files.map { Fact(label: $0.path, value: "\($0.size) bytes, sha256 \($0.sha256.prefix(16))…") }
        taints = version.taints.map { "input \($0.dataset.dataset) v\($0.dataset.version) is flagged" }
    }
}

/// Two versions side by side: data, code, parameters and metrics, each marked by its change.
struct CompareView: Sendable {
    var model: String
    var modelLink: String
    var from: String
    var to: String
    var fromCode: String
    var toCode: String
    var codeChanged: Bool
    var data: [Row]
    var params: [Row]
    var metrics: [Row]

    struct Row: Sendable {
        var key: String
        var from: String
        var to: String
        var change: String
        var changed: Bool
    }

    init(_ comparison: VersionComparison) {
        model = comparison.from.version.modelName
        modelLink = "/ui/models/" + URLText.segment(model)
        from = "v\(comparison.from.version.number)"
        to = "v\(comparison.to.version.number)"
        fromCode = comparison.from.codeVersion ?? "—"
        toCode = comparison.to.codeVersion ?? "—"
        codeChanged = comparison.codeChanged
        func rows<V>(_ entries: [VersionComparison.Entry<V>], _ text: (V) -> String) -> [Row] {
            entries.map { Row(key: $0.key, from: $0.from.map(text) ?? "—", to: $0.to.map(text) ?? "—", change: $0.change.rawValue,
                              changed: $0.change != .unchanged) }
        }
        data = rows(comparison.data) { "\($0.datasetName) v\($0.number)" }
        params = rows(comparison.params) { $0 }
        metrics = rows(comparison.metrics) { Format.number($0) }
    }
}
