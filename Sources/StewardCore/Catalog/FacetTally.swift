import Foundation

/// Turns facet combinations into per-facet counts and the total. Facets are disjunctive: a facet's
/// counts apply every other facet's selection but not its own, so choosing `task:classification`
/// still shows how many `regression` models there are. The total applies every selection.
public enum FacetTally {
    public static func tally(_ combos: [FacetCombo], selected: [CatalogFacet: [String]]) -> (facets: [String: [FacetCount]], total: Int) {
        var counts: [CatalogFacet: [String: Int]] = [:]
        var total = 0
        let selections = selected.filter { !$0.value.isEmpty }.map { ($0.key, Set($0.value)) }
        for combo in combos {
            // The selections this combination fails; only none or one of them matters.
            var failures = 0
            var failing: CatalogFacet?
            for (facet, values) in selections where !values.contains(combo.values[facet] ?? "\u{0}") {
                failures += 1
                failing = facet
                if failures > 1 { break }
            }
            if failures > 1 { continue }
            if failures == 0 { total += combo.count }
            for facet in CatalogFacet.allCases {
                // Counted for `facet` when no selection fails, or the only failing one is its own.
                guard failures == 0 || failing == facet, let value = combo.values[facet] else { continue }
                counts[facet, default: [:]][value, default: 0] += combo.count
            }
        }
        var facets: [String: [FacetCount]] = [:]
        for facet in CatalogFacet.allCases {
            facets[facet.rawValue] = (counts[facet] ?? [:]).map { FacetCount(value: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.value) > ($1.count, $0.value) }
        }
        return (facets, total)
    }
}

/// The words of a free-text query. Only letters and digits are kept, so no character of the user's
/// text ever reaches a full-text query language as syntax (FTS5 `MATCH`, `tsquery`): the store
/// quotes each word as a literal.
public enum CatalogText {
    public static let maxTerms = 16
    public static let maxTermLength = 64

    public static func terms(_ text: String?) -> [String] {
        guard let text else { return [] }
        var terms: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty, terms.count < maxTerms { terms.append(String(current.prefix(maxTermLength))) }
            current = ""
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { current.unicodeScalars.append(scalar) } else { flush() }
        }
        flush()
        return terms
    }
}
