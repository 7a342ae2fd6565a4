import Foundation
import StewardCore

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
