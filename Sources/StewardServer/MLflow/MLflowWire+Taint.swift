import StewardCore

extension ModelVersion {
    /// The version's tags plus `steward.tainted` and `steward.taint` when it is tainted: MLflow's
    /// wire format has no field for it, and the MLflow door must not hide it.
    var tagsShowingTaint: [String: String] {
        guard isTainted else { return tags }
        var shown = tags
        shown["steward.tainted"] = "true"
        shown["steward.taint"] = taints.map { "\($0.dataset.dataset) v\($0.dataset.version): \($0.taint.reason.rawValue)" }
            .joined(separator: "; ")
        return shown
    }
}
