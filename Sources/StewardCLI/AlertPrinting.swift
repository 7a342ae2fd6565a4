import Foundation
import StewardAPI

/// Tables for alert rules, alerts and metric series.
enum AlertPrinting {
    static func rules(_ rules: [Components.Schemas.AlertRule]) -> String {
        var table = TableFormatter(headers: ["NAME", "METRIC", "FEATURE", "VERSIONS", "CONDITION", "THRESHOLD", "WINDOWS", "CLEAR", "COOL-DOWN",
                                             "SEVERITY", "ENABLED", "TRIGGER"])
        for r in rules {
            table.append([r.name, r.metric, Cells.text(r.feature), r.versions, r.condition, value(r.threshold), String(r.windows),
                          String(r.clearWindows), "\(r.coolDownSeconds)s", r.severity, r.enabled ? "yes" : "no", Cells.text(r.retrainingTrigger?.url)])
        }
        return table.render()
    }

    /// A new rule, then its trigger's secret, labelled as shown only this once.
    static func created(_ rule: Components.Schemas.AlertRule) -> String {
        var text = rules([rule])
        if let secret = rule.retrainingTrigger?.secret {
            text += "\n\nRetraining trigger signing secret (shown only this once; verify webhook-signature with it):\n" + secret
        }
        return text
    }

    static func alerts(_ alerts: [Components.Schemas.Alert]) -> String {
        var table = TableFormatter(headers: ["ID", "MODEL", "VERSION", "RULE", "METRIC", "FEATURE", "SEVERITY", "STATE", "OPENED", "CLOSED",
                                             "LAST VALUE", "ACK"])
        for a in alerts {
            table.append([a.id, a.model, String(a.version), a.rule, a.metric, Cells.text(a.feature), a.severity, a.state.rawValue,
                          Cells.date(a.openedAt), Cells.date(a.closedAt), value(a.openingWindows.last?.value), Cells.text(a.acknowledgedBy)])
        }
        return table.render()
    }

    static func series(_ series: Components.Schemas.MetricSeries) -> String {
        var table = TableFormatter(headers: ["WINDOW START", "WINDOW END", series.metric.uppercased() + (series.feature.map { " (\($0))" } ?? "")])
        for p in series.points { table.append([Cells.date(p.windowStart), Cells.date(p.windowEnd), value(p.value)]) }
        return table.render()
    }

    static func metricNames(_ metrics: [Components.Schemas.MetricSeriesInfo]) -> String {
        var table = TableFormatter(headers: ["METRIC", "FEATURE", "POINTS", "FIRST WINDOW", "LAST WINDOW END"])
        for m in metrics {
            table.append([m.metric, Cells.text(m.feature), String(m.points), Cells.date(m.firstWindowStart), Cells.date(m.lastWindowEnd)])
        }
        return table.render()
    }

    static func value(_ number: Double?) -> String {
        guard let number else { return Cells.none }
        return String(format: "%.6g", number)
    }
}
