import Foundation
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import StewardTestSupport
import Testing

/// Two real server processes on one PostgreSQL database take prediction logs for the same window;
/// the window merges their partial profiles into one, both replicas report the same drift, and
/// their evaluators hand the window's metrics to the alerting part's series.
@Suite("Monitoring across replicas (real processes, PostgreSQL)")
struct MonitoringReplicaTests {
    typealias F = MonitoringFixtures

    @Test func windowsMergePartialProfilesFromTwoReplicas() async throws {
        guard TestDatabase.all.contains(.postgres) else { return }
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let url = try await TestDatabase.postgres.create(in: root)
        let first = try await ServerProcess(dataDirectory: root + "/a", database: url, extraEnvironment: ["STEWARD_MONITOR_INTERVAL": "0.5"])
        defer { first.terminateNow() }
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/a/admin-token", toPath: root + "/b/admin-token")
        let second = try await ServerProcess(dataDirectory: root + "/b", database: url,
                                             extraEnvironment: ["STEWARD_AUDIT_SIGNING_KEY": root + "/a/audit-signing.key", "STEWARD_MONITOR_INTERVAL": "0.5"])
        defer { second.terminateNow() }
        let token = first.adminToken
        func call(_ server: ServerProcess, _ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> HTTP.Reply {
            try await HTTP.send(method, server.baseURL + path, token: token, json: json)
        }
        _ = try await call(first, .POST, "/api/v1/models", #"{"name":"churn"}"#)
        #expect(try await call(first, .POST, "/api/v1/models/churn/versions", #"{"input_schema":\#(F.schema)}"#).status == 201)
        #expect(try await call(second, .PUT, "/api/v1/models/churn/versions/1/monitoring", #"{"task":"classification"}"#).status == 200)
        // The reference: window 09:00, logged through the first replica.
        let reference = MonitoringDriftTests.rows(600, prefix: "ref-", shift: 0, hour: 9, seed: 1)
        #expect(try await call(first, .POST, "\(F.base)/predictions", F.batch(reference)).status == 200)
        #expect(try await call(second, .PUT, "\(F.base)/reference", #"{"from":"2024-06-11T09:00:00Z","to":"2024-06-11T10:00:00Z"}"#).status == 200)
        // Window 10:00: four batches, two per replica, sent concurrently.
        let current = MonitoringDriftTests.rows(800, prefix: "cur-", shift: 15, hour: 10, seed: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for part in 0..<4 {
                let server = part % 2 == 0 ? first : second
                let rows = Array(current[(part * 200)..<((part + 1) * 200)])
                group.addTask {
                    let reply = try await HTTP.send(.POST, server.baseURL + F.base + "/predictions", token: token, json: F.batch(rows))
                    #expect(reply.status == 200 && reply.json["accepted"] as? Int == 200, "\(reply.text)")
                }
            }
            try await group.waitForAll()
        }
        let query = "\(F.base)/drift?from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z"
        let (a, b) = (try await call(first, .GET, query), try await call(second, .GET, query))
        #expect(a.json["current_rows"] as? Int == 800, "\(a.text)")
        #expect(a.text == b.text, "both replicas merge the same partials into the same report")
        let age = (a.json["features"] as? [[String: Any]])?.first { $0["feature"] as? String == "age" }
        #expect(age?["drifted"] as? Bool == true)
        // The evaluators record the window's metrics as series (part A's store).
        var rows: Double?
        for _ in 0..<100 {
            let series = try await call(second, .GET, "/api/v1/models/churn/versions/1/monitoring/series?metric=rows&from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z")
            rows = ((series.json["points"] as? [[String: Any]])?.first?["value"] as? Double)
            if rows == 800 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(rows == 800, "the evaluator recorded the merged window")
        let drift = try await call(first, .GET, "/api/v1/models/churn/versions/1/monitoring/series?metric=drift_score&feature=age&from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z")
        #expect(((drift.json["points"] as? [[String: Any]])?.first?["value"] as? Double ?? 0) > 0.5, "\(drift.text)")
    }
}
