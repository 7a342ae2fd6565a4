import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// The metric series, alert rule and alert routes in-process (both databases): bad input is a
/// clear 4xx, the series route reads back pushed points, the all-models alert list only shows
/// models the caller may read, acknowledgement is recorded.
@Suite("Alert API (both databases)")
struct AlertAPITests {
    static func points(_ values: [(Int, Double)], metric: String = "drift_score", feature: String? = "age") -> String {
        let items = values.map { index, value in
            let start = String(format: "2025-03-01T%02d:00:00Z", index), end = String(format: "2025-03-01T%02d:00:00Z", index + 1)
            let feature = feature.map { #","feature":"\#($0)""# } ?? ""
            return #"{"metric":"\#(metric)"\#(feature),"window_start":"\#(start)","window_end":"\#(end)","value":\#(value)}"#
        }
        return #"{"points":[\#(items.joined(separator: ","))]}"#
    }

    @Test(arguments: TestDatabase.all)
    func rulesSeriesAlertsAndVisibility(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            for body in [#"{"name":"open-model"}"#, #"{"name":"hidden","visibility":"restricted"}"#] {
                #expect(try await client.call(.post, "/api/v1/models", auth: admin, json: body).status == .created)
            }
            for model in ["open-model", "hidden"] {
                #expect(try await client.call(.post, "/api/v1/models/\(model)/versions", auth: admin, json: #"{"metrics":{"accuracy":0.9}}"#).status == .created)
                let rule = try await client.call(.post, "/api/v1/models/\(model)/monitoring/rules", auth: admin,
                                                 json: #"{"name":"drift","metric":"drift_score","feature":"*","condition":"above","threshold":0.3,"severity":"critical"}"#)
                #expect(rule.status == .created, "\(rule.text)")
                #expect(rule.json["retraining_trigger"] is NSNull && rule.json["versions"] as? String == "*")
            }
            // Bad input: clear 4xx, nothing stored.
            let bad: [(String, String, String)] = [
                ("/api/v1/models/open-model/monitoring/rules", #"{"name":"x","metric":"drift_score","condition":"above"}"#, "validation_failed"),
                ("/api/v1/models/open-model/monitoring/rules", #"{"name":"drift","metric":"rows","condition":"above","threshold":1}"#, "alert_rule_exists"),
                ("/api/v1/models/open-model/monitoring/rules", #"{"name":"x","metric":"rows","condition":"above","threshold":1,"retraining_trigger":{"url":"http://10.0.0.1/x"}}"#, "webhook_address_refused"),
                ("/api/v1/models/open-model/versions/1/monitoring/metrics", #"{"points":[{"metric":"rows","window_start":"yesterday","window_end":"2025-01-01T00:00:00Z","value":1}]}"#, "validation_failed"),
                ("/api/v1/models/open-model/versions/1/monitoring/metrics", #"{"points":[{"metric":"BAD","window_start":"2025-01-01T00:00:00Z","window_end":"2025-01-01T01:00:00Z","value":1}]}"#, "validation_failed"),
                ("/api/v1/models/open-model/versions/9/monitoring/metrics", Self.points([(0, 1)]), "version_not_found"),
            ]
            for (uri, body, code) in bad {
                let response = try await client.call(.post, uri, auth: admin, json: body)
                #expect((400..<500).contains(Int(response.status.code)) && response.json["code"] as? String == code, "\(uri) \(body): \(response.text)")
            }
            #expect(try await client.call(.get, "/api/v1/models/open-model/versions/1/monitoring/series", auth: admin).status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/models/open-model/versions/1/monitoring/series?metric=rows&from=never", auth: admin).status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/monitoring/alerts?state=sideways", auth: admin).status == .badRequest)
            // Points open an alert on each model.
            for model in ["open-model", "hidden"] {
                let recorded = try await client.call(.post, "/api/v1/models/\(model)/versions/1/monitoring/metrics", auth: admin,
                                                     json: Self.points([(0, 0.1), (1, 0.5)]))
                #expect(recorded.status == .ok, "\(recorded.text)")
                let transitions = recorded.json["transitions"] as? [[String: Any]] ?? []
                #expect(transitions.map { $0["kind"] as? String } == ["opened"], "\(recorded.text)")
            }
            // The series route.
            let series = try await client.call(.get, "/api/v1/models/open-model/versions/1/monitoring/series?metric=drift_score&feature=age", auth: admin)
            let values = (series.json["points"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? Double }
            #expect(series.status == .ok && values == [0.1, 0.5], "\(series.text)")
            let ranged = try await client.call(.get, "/api/v1/models/open-model/versions/1/monitoring/series?metric=drift_score&feature=age&from=2025-03-01T01:00:00Z", auth: admin)
            #expect((ranged.json["points"] as? [Any])?.count == 1)
            let names = try await client.call(.get, "/api/v1/models/open-model/versions/1/monitoring/metrics", auth: admin)
            #expect((names.json["metrics"] as? [[String: Any]])?.first?["feature"] as? String == "age", "\(names.text)")
            // The all-models list is filtered by access: a viewer sees the internal model's alert only.
            let viewer = try await client.principal(app, name: "vera", roles: ["viewer"])
            let all = try await client.call(.get, "/api/v1/monitoring/alerts", auth: admin)
            #expect((all.json["alerts"] as? [[String: Any]])?.count == 2)
            let seen = try await client.call(.get, "/api/v1/monitoring/alerts?state=all", auth: viewer)
            let seenModels = (seen.json["alerts"] as? [[String: Any]] ?? []).compactMap { $0["model"] as? String }
            #expect(seen.status == .ok && seenModels == ["open-model"], "\(seen.text)")
            #expect(try await client.call(.get, "/api/v1/models/hidden/monitoring/alerts", auth: viewer).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/models/hidden/versions/1/monitoring/series?metric=drift_score", auth: viewer).status == .notFound)
            // Paging.
            let first = try await client.call(.get, "/api/v1/monitoring/alerts?max_results=1", auth: admin)
            let token = try #require(first.json["next_page_token"] as? String)
            let second = try await client.call(.get, "/api/v1/monitoring/alerts?max_results=1&page_token=\(token)", auth: admin)
            #expect((second.json["alerts"] as? [[String: Any]])?.count == 1 && second.json["next_page_token"] is NSNull)
            // Acknowledge: writers only; the alert records who.
            let alert = try #require((try await client.call(.get, "/api/v1/models/open-model/monitoring/alerts", auth: viewer).json["alerts"] as? [[String: Any]])?.first)
            let id = try #require(alert["id"] as? String)
            #expect(try await client.call(.post, "/api/v1/models/open-model/monitoring/alerts/\(id)/acknowledge", auth: viewer).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/models/open-model/monitoring/alerts/nope/acknowledge", auth: admin).status == .notFound)
            let acked = try await client.call(.post, "/api/v1/models/open-model/monitoring/alerts/\(id)/acknowledge", auth: admin)
            #expect(acked.status == .ok && acked.json["acknowledged_by"] is String && acked.json["acknowledged_at"] is String, "\(acked.text)")
            // Rules: readers list, maintainers change and delete (which resolves the open alert).
            let list = try await client.call(.get, "/api/v1/models/open-model/monitoring/rules", auth: viewer)
            #expect((list.json["rules"] as? [[String: Any]])?.count == 1)
            let patched = try await client.call(.patch, "/api/v1/models/open-model/monitoring/rules/drift", auth: admin, json: #"{"windows":3,"enabled":false}"#)
            #expect(patched.json["windows"] as? Int == 3 && patched.json["enabled"] as? Bool == false, "\(patched.text)")
            #expect(try await client.call(.delete, "/api/v1/models/open-model/monitoring/rules/drift", auth: admin).status == .noContent)
            let closed = try await client.call(.get, "/api/v1/models/open-model/monitoring/alerts?state=closed", auth: admin)
            #expect((closed.json["alerts"] as? [[String: Any]])?.count == 1)
        }
    }
}
