import Foundation
import NIOCore
import StewardTestSupport
import Testing

/// Alerts end to end against a real `steward serve` and a real receiver on loopback: the opening
/// reaches a subscription's webhook as `monitoring.alert_opened`, and the rule's retraining trigger
/// reaches the pipeline URL signed with the rule's secret, carrying the evidence (model, version,
/// alias, rule, windows, drifted features with their scores, reference). The CLI shows the rule,
/// the alert and the series.
@Suite("Alert delivery and retraining triggers (real processes)", .serialized)
struct AlertDeliveryTests {
    @Test func openingNotifiesSubscribersAndTriggersRetraining() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let server = try await ServerProcess(dataDirectory: directory + "/data", database: nil, extraEnvironment: WebhookDeliveryTests.environment)
        defer { server.terminateNow() }
        let (base, token) = (server.baseURL, server.adminToken)
        #expect(try await HTTP.send(.POST, base + "/api/v1/models", token: token, json: #"{"name":"m"}"#).status == 201)
        #expect(try await HTTP.send(.POST, base + "/api/v1/models/m/versions", token: token, json: #"{"metrics":{"accuracy":0.91}}"#).status == 201)
        _ = try await HTTP.send(.PUT, base + "/api/v1/models/m/versions/1/files/w.bin", token: token, body: .bytes(ByteBuffer(string: "w")))
        #expect(try await HTTP.send(.POST, base + "/api/v1/models/m/versions/1/finalize", token: token).status == 200)
        #expect(try await HTTP.send(.PUT, base + "/api/v1/models/m/aliases/prod", token: token, json: #"{"version":1}"#).status == 200)
        // A subscription to monitoring events, and a rule with a retraining trigger (made with the CLI).
        let subscription = try await HTTP.send(.POST, base + "/api/v1/subscriptions", token: token,
                                               json: #"{"model":"m","event_types":["monitoring.*"],"webhook_url":"\#(receiver.url("sub"))"}"#)
        #expect(subscription.status == 201, "\(subscription.text)")
        receiver.setSecret("sub", try #require(subscription.json["secret"] as? String))
        let created = try StewardCommand.run(["monitor", "rules", "create", "m", "--name", "drift", "--metric", "drift_score", "--feature", "*",
                                              "--versions", "@prod", "--condition", "above", "--threshold", "0.2", "--windows", "2",
                                              "--trigger-url", receiver.url("pipe"), "--format", "json"], server: base, token: token)
        #expect(created.status == 0, "\(created.stderr)")
        let trigger = try #require(created.json["retraining_trigger"] as? [String: Any])
        receiver.setSecret("pipe", try #require(trigger["secret"] as? String))
        let listed = try StewardCommand.run(["monitor", "rules", "list", "m"], server: base, token: token)
        #expect(listed.status == 0 && listed.stdout.contains("drift") && !listed.stdout.contains("whsec_"), "\(listed.stdout)\(listed.stderr)")
        // Two windows: "age" drifts in both, "income" only in the second.
        let points = [("age", 0, 0.35), ("age", 1, 0.4), ("income", 0, 0.05), ("income", 1, 0.3)].map { feature, window, value in
            #"{"metric":"drift_score","feature":"\#(feature)","window_start":"2025-03-01T0\#(window):00:00Z","window_end":"2025-03-01T0\#(window + 1):00:00Z","value":\#(value)}"#
        } + [#"{"metric":"drift_detected","feature":"age","window_start":"2025-03-01T01:00:00Z","window_end":"2025-03-01T02:00:00Z","value":1}"#]
        let recorded = try await HTTP.send(.POST, base + "/api/v1/models/m/versions/1/monitoring/metrics", token: token,
                                           json: #"{"points":[\#(points.joined(separator: ","))]}"#)
        #expect(recorded.status == 200, "\(recorded.text)")
        #expect((recorded.json["transitions"] as? [Any])?.count == 1, "\(recorded.text)")
        let arrived = try await WebhookDeliveryTests.eventually(20) {
            receiver.receipts.contains { $0.path == "sub" && $0.answered == 200 } && receiver.receipts.contains { $0.path == "pipe" && $0.answered == 200 }
        }
        #expect(arrived, "\(receiver.receipts.map { "\($0.path) \($0.type) \($0.answered)" })")
        let opened = try #require(receiver.receipts.first { $0.path == "sub" })
        #expect(opened.type == "monitoring.alert_opened" && opened.signatureValid)
        let pipe = try #require(receiver.receipts.first { $0.path == "pipe" })
        #expect(pipe.type == "monitoring.retraining_requested" && pipe.signatureValid)
        let body = try #require(try JSONSerialization.jsonObject(with: pipe.body) as? [String: Any])
        let evidence = try #require(body["data"] as? [String: Any])
        #expect(evidence["model"] as? String == "m" && evidence["version"] as? Int == 1 && evidence["alias"] as? String == "prod")
        #expect(evidence["metric"] as? String == "drift_score" && evidence["feature"] as? String == "age")
        #expect((evidence["windows"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } == [0.35, 0.4])
        #expect(evidence["drifted_features"] as? [String] == ["age", "income"], "\(evidence)")
        let features = evidence["features"] as? [[String: Any]] ?? []
        #expect(features.first { $0["feature"] as? String == "income" }?["max_score"] as? Double == 0.3)
        let reference = evidence["reference"] as? [String: Any] ?? [:]
        #expect(reference["threshold"] as? Double == 0.2 && (reference["evaluation_metrics"] as? [String: Any])?["accuracy"] as? Double == 0.91)
        #expect((evidence["rule"] as? [String: Any])?["name"] as? String == "drift")
        // The CLI: the open alert, the series as a table.
        let alerts = try StewardCommand.run(["monitor", "alerts", "m"], server: base, token: token)
        #expect(alerts.status == 0 && alerts.stdout.contains("drift_score") && alerts.stdout.contains("open"), "\(alerts.stdout)\(alerts.stderr)")
        let all = try StewardCommand.run(["monitor", "alerts", "--format", "json"], server: base, token: token)
        #expect((all.json["alerts"] as? [Any])?.count == 1, "\(all.stdout)")
        let series = try StewardCommand.run(["monitor", "series", "m@prod", "--metric", "drift_score", "--feature", "income"], server: base, token: token)
        #expect(series.status == 0 && series.stdout.contains("0.05") && series.stdout.contains("0.3"), "\(series.stdout)\(series.stderr)")
        let byNumber = try StewardCommand.run(["monitor", "series", "m/1", "--list"], server: base, token: token)
        #expect(byNumber.status == 0 && byNumber.stdout.contains("drift_detected"), "\(byNumber.stdout)\(byNumber.stderr)")
        let deleted = try StewardCommand.run(["monitor", "rules", "delete", "m", "drift"], server: base, token: token)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try await WebhookDeliveryTests.eventually(20) { receiver.receipts.contains { $0.path == "sub" && $0.type == "monitoring.alert_resolved" } })
    }
}
