import Foundation
import StewardCore

/// The model page: card, versions, aliases with history, lineage, monitoring, consumers, audit.
struct ModelView: Sendable {
    var name: String
    var link: String
    var description: String
    var facts: [Fact]
    var tags: [Fact]
    var card: [Fact]
    var versions: [VersionRow]
    var olderVersionsLink: String?
    var versionNumbers: [Choice]
    var compareTo: [Choice]
    var aliases: [AliasRow]
    var lineageVersion: String?
    var runs: [RunRow]
    var inputs: [InputRow]
    var consumers: [ConsumerRow]
    var charts: [SVGChart]
    var alerts: [AlertRow]
    var promotions: [PromotionRow]
    var timeline: [AuditRow]
    var timelineLink: String
    var showTimeline: Bool
    var hasCompare = false
    /// The forms this user may use on the page.
    var actions = ModelActions(link: "", allowed: [], ready: [], protected: [])
}

struct Fact: Sendable {
    var label: String
    var value: String
}

/// An option of a `<select>`.
struct Choice: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

struct VersionRow: Sendable {
    var number: Int
    var link: String
    var status: String
    var lifecycle: String
    var aliases: String
    var metrics: String
    var createdAt: String
    var createdBy: String
    var tainted: Bool

    init(_ version: ModelVersion) {
        number = version.number
        link = "/ui/models/\(URLText.segment(version.modelName))/versions/\(version.number)"
        status = version.status.rawValue
        let state = version.lifecycleState
        lifecycle = state.retiredAt != nil ? "retired" : state.deprecation != nil ? "deprecated" : "active"
        aliases = version.aliases.sorted().map { "@" + $0 }.joined(separator: " ")
        metrics = version.metrics.sorted { $0.key < $1.key }.prefix(4).map { "\($0.key)=\(Format.number($0.value))" }.joined(separator: ", ")
        createdAt = Format.time(version.createdAt)
        createdBy = version.createdBy
        tainted = !version.taints.isEmpty
    }
}

struct AliasRow: Sendable {
    var name: String
    var version: String
    var updatedAt: String
    var updatedBy: String
    /// Where the delete button posts (shown to those who may move aliases).
    var deleteAction: String
    var history: [HistoryRow]

    struct HistoryRow: Sendable {
        var at: String
        var by: String
        var change: String
        var promotion: String?
    }
}

struct RunRow: Sendable {
    var id: String
    var name: String
    var codeVersion: String?
}

struct InputRow: Sendable {
    var dataset: String
    var version: String
    var link: String
    var uri: String
    var tainted: Bool
}

struct ConsumerRow: Sendable {
    var name: String
    var window: String
    var total: String
    var lastSeen: String
}

struct AlertRow: Sendable {
    var id: String
    var rule: String
    var metric: String
    var severity: String
    var version: String
    var openedAt: String
    var acknowledgedBy: String?

    init(_ alert: Alert) {
        id = alert.id
        rule = alert.ruleName
        metric = alert.metric + (alert.feature.map { " (\($0))" } ?? "")
        severity = alert.severity.rawValue
        version = "v\(alert.version)"
        openedAt = Format.time(alert.openedAt)
        acknowledgedBy = alert.acknowledgedBy
    }
}

struct AuditRow: Sendable {
    var index: String
    var time: String
    var actor: String
    var action: String
    var target: String
    var door: String?

    init(_ entry: AuditEntry) {
        index = String(entry.index)
        time = Format.time(entry.time)
        actor = entry.actorName
        action = entry.action
        target = entry.target.type + " " + entry.target.id
        door = nil
    }
}
