import Foundation

/// Which events a subscription wants: exact types (`alias.moved`), a family (`promotion.*`) or
/// everything (`*`). Types are dotted lowercase words; the first word must be a known family, so a
/// typo is refused at subscription time instead of silently never matching.
public enum EventTypes {
    /// Families of events the domain emits (version lifecycle, aliases, promotions, taint, monitoring, models).
    public static let families: Set<String> = ["version", "alias", "promotion", "taint", "monitoring", "model", "subscription"]

    /// Examples for error messages and documentation.
    public static let known = ["version.created", "version.ready", "alias.moved", "promotion.requested", "promotion.approved",
                               "promotion.rejected", "version.deprecated", "version.sunset_approaching", "version.retired",
                               "taint.flagged", "taint.cleared", "monitoring.alert_opened", "monitoring.alert_resolved",
                               "monitoring.alert_acknowledged"]

    /// Checks one pattern; throws `validation_failed` naming the field.
    public static func validate(_ pattern: String, field: String = "event_types") throws {
        if pattern == "*" { return }
        let words = pattern.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = pattern.utf8.count <= 128 && words.count >= 2 && words.enumerated().allSatisfy { index, word in
            (word == "*" && index == words.count - 1) || (!word.isEmpty && word.allSatisfy { ($0.isLowercase && $0.isASCII) || $0 == "_" })
        }
        guard wellFormed, families.contains(String(words[0])) else {
            throw DomainError.invalidField(field, "'\(pattern.prefix(64))' is not an event type: use '*', a family such as 'version.*', or a type such as \(known.prefix(4).joined(separator: ", "))")
        }
    }

    /// True when `type` matches `pattern` (`*`, a `family.*` prefix, or the exact type).
    public static func matches(_ pattern: String, _ type: String) -> Bool {
        if pattern == "*" || pattern == type { return true }
        guard pattern.hasSuffix(".*") else { return false }
        return type.hasPrefix(String(pattern.dropLast()))
    }

    /// True when any pattern matches (an empty list means every event).
    public static func matches(any patterns: [String], _ type: String) -> Bool {
        patterns.isEmpty || patterns.contains { matches($0, type) }
    }
}
