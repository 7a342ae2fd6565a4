import Foundation

/// The subscription routes' steps of the audit completeness walk. The administrator subscribes
/// another account (which a viewer may not), then changes, replays and deletes that subscription
/// (which a viewer, not its subject, may not either). The webhook is a public literal address, so
/// no DNS is needed and the SSRF check passes without `--webhooks-allow-private`.
enum NotificationAuditSteps {
    typealias Step = AuditCompletenessTests.Step

    static var steps: [Step] {
        let s = AuditCompletenessTests.step
        return [
            s(.post, "/api/v1/subscriptions", nil,
              #"{"account":"u1","event_types":["alias.moved","version.*"],"webhook_url":"https://93.184.215.14/hook","feed":true}"#, .audited) { vars, json in
                vars.values["subscription"] = json["id"] as? String
            },
            s(.patch, "/api/v1/subscriptions/{subscription}", "/api/v1/subscriptions/$subscription", #"{"event_types":["*"],"enabled":true}"#, .audited, nil),
            s(.post, "/api/v1/subscriptions/{subscription}/replay", "/api/v1/subscriptions/$subscription/replay",
              #"{"since":"2000-01-01T00:00:00Z"}"#, .audited, nil),
            s(.delete, "/api/v1/subscriptions/{subscription}", "/api/v1/subscriptions/$subscription", nil, .audited, nil),
        ]
    }
}
