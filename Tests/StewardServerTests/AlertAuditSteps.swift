import Foundation

/// The metric, alert-rule and alert routes' steps of the audit completeness walk (issue 7). Seeds
/// model `al` with a version, creates and changes a rule, pushes a point that opens an alert (the
/// push is audited as `monitoring.metrics_record`, the opening by the monitoring evaluator),
/// acknowledges the alert and deletes the rule (which resolves it).
enum AlertAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        let rules = "/api/v1/models/{name}/monitoring/rules"
        return [
            s(.post, "/api/v1/models", nil, #"{"name":"al"}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/versions", "/api/v1/models/al/versions", "{}", .audited, nil),
            s(.post, rules, "/api/v1/models/al/monitoring/rules", #"{"name":"many-rows","metric":"rows","condition":"above","threshold":5}"#, .audited, nil),
            s(.patch, rules + "/{rule}", "/api/v1/models/al/monitoring/rules/many-rows", #"{"severity":"critical"}"#, .audited, nil),
            s(.post, "/api/v1/models/{name}/versions/{version}/monitoring/metrics", "/api/v1/models/al/versions/1/monitoring/metrics",
              #"{"points":[{"metric":"rows","window_start":"2025-01-01T00:00:00Z","window_end":"2025-01-01T01:00:00Z","value":10}]}"#, .audited) { vars, json in
                let transitions = json["transitions"] as? [[String: Any]] ?? []
                vars.values["alert"] = (transitions.first?["alert"] as? [String: Any])?["id"] as? String
            },
            s(.post, "/api/v1/models/{name}/monitoring/alerts/{alert}/acknowledge", "/api/v1/models/al/monitoring/alerts/$alert/acknowledge", nil, .audited, nil),
            s(.delete, rules + "/{rule}", "/api/v1/models/al/monitoring/rules/many-rows", nil, .audited, nil),
        ]
    }
}
