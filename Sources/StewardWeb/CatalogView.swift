import Foundation
import StewardCore

/// The catalog page: the search form with its facets, and one row per model.
struct CatalogView: Sendable {
    var q: String
    var filter: String
    var entries: [CatalogRow]
    var facets: [FacetGroup]
    var total: String
    var nextLink: String?
    /// Said under the results (for example that facet counts cover this page only).
    var note: String?
    var orderRelevance: Bool
    var orderName: Bool
    var orderUpdated: Bool
    /// Whether the user may register models (the link to the form is shown).
    var canCreate = false
}

struct CatalogRow: Sendable {
    var name: String
    var link: String
    var description: String
    var owner: String?
    var task: String?
    var framework: String?
    var lifecycle: String?
    var license: String?
    var origin: String?
    var completeness: String?
    var signals: [Signal]
    var updated: String

    struct Signal: Sendable {
        var label: String
        var value: String
        var warn: Bool = false
    }
}

struct FacetGroup: Sendable {
    var field: String
    var label: String
    var values: [FacetValue]
}

struct FacetValue: Sendable {
    var field: String
    var value: String
    var count: String
    var checked: Bool
    /// Unique element id so each checkbox has its label.
    var id: String
}

extension FacetGroup {
    /// Groups value counts for display, selected values first, then by count.
    static func make(_ field: String, _ label: String, counts: [(String, Int)], selected: [String]) -> FacetGroup {
        let ordered = counts.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        var values = ordered.enumerated().map { index, item in
            FacetValue(field: field, value: item.0, count: String(item.1), checked: selected.contains(item.0), id: "f-\(field)-\(index)")
        }
        for value in selected where !counts.contains(where: { $0.0 == value }) {
            values.insert(FacetValue(field: field, value: value, count: "0", checked: true, id: "f-\(field)-s\(values.count)"), at: 0)
        }
        return FacetGroup(field: field, label: label, values: values)
    }

    /// The facets (`CatalogFacet` names) and their labels, in display order.
    static let fields: [(String, String)] = [
        ("task", "Task"), ("framework", "Framework"), ("owner", "Owning team"), ("lifecycle", "Lifecycle"),
        ("license", "License"), ("source", "Internal or third-party"), ("health", "Monitoring health"),
    ]
}
