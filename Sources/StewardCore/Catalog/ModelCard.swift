import Foundation

/// A model card: structured fields plus free Markdown, stored as a JSON object (the model's `card`
/// and, snapshotted at registration, each version's card). Unknown keys are kept untouched so older
/// or richer cards survive; the structured fields must be text (`evaluation_results` may also be a
/// JSON object or array, e.g. a table of metrics).
public struct ModelCard: Sendable, Equatable {
    /// The structured fields, in display order; completeness counts these.
    public static let fields = ["summary", "intended_use", "out_of_scope_use", "limitations", "training_data",
                                "evaluation_data", "evaluation_results", "ethical_considerations", "caveats", "license",
                                "contact"]

    public var json: JSONValue

    public init(_ json: JSONValue) { self.json = json }

    var members: [String: JSONValue] { if case .object(let members) = json { members } else { [:] } }

    /// The text of a field (nil when absent, empty or not text).
    public func text(_ field: String) -> String? {
        guard case .string(let text)? = members[field] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Free Markdown beside the structured fields.
    public var markdown: String? { text("markdown") }

    /// True when the field holds non-blank text (or, for `evaluation_results`, a non-empty object or array).
    public func isFilled(_ field: String) -> Bool {
        switch members[field] {
        case .string?: text(field) != nil
        case .object(let members)?: !members.isEmpty
        case .array(let items)?: !items.isEmpty
        default: false
        }
    }

    /// Structured fields still empty, in display order.
    public var missingFields: [String] { Self.fields.filter { !isFilled($0) } }

    /// Share of the structured fields that are filled, 0…1, rounded to two decimals.
    public var completeness: Double {
        let filled = Self.fields.count - missingFields.count
        return (Double(filled) / Double(Self.fields.count) * 100).rounded() / 100
    }

    /// Every text value of the card (structured fields, Markdown, nested results), for full-text search.
    public var searchText: String {
        var parts: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text): parts.append(text)
            case .number(let number): parts.append(String(number))
            case .array(let items): items.forEach(walk)
            case .object(let members): for key in members.keys.sorted() { walk(members[key]!) }
            default: break
            }
        }
        walk(json)
        return parts.joined(separator: "\n")
    }

    /// Checks a card's shape: a JSON object of at most 1 MiB, the structured fields text.
    public static func validate(_ card: JSONValue, field: String = "card", into validator: inout Validator) {
        validator.check(card.isObject, field, "must be a JSON object")
        validator.check(card.jsonText.utf8.count <= 1_048_576, field, "must be at most 1 MiB of JSON")
        validator.check(card.depth <= 32, field, "is nested more than 32 levels deep")
        guard case .object(let members) = card else { return }
        for name in fields + ["markdown"] {
            switch (name, members[name]) {
            case (_, nil), (_, .null?), (_, .string?): continue
            case ("evaluation_results", .object?), ("evaluation_results", .array?): continue
            default: validator.add("\(field).\(name)", "must be text")
            }
        }
    }
}
