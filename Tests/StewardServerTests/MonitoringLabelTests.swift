import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Ground-truth labels arrive late and out of order and join their predictions by row id.
@Suite("Monitoring labels (both databases)")
struct MonitoringLabelTests {
    typealias F = MonitoringFixtures

    @Test(arguments: TestDatabase.all)
    func labelsJoinWhicheverArrivesFirst(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await F.setUp(client, app)
            // Labels for rows not logged yet are kept pending; one for a logged row joins at once.
            var response = try await client.send(.post, "\(F.base)/predictions", app: app, json: F.batch([F.row("r1"), F.row("r2")]))
            #expect(response.json["accepted"] as? Int == 2)
            response = try await client.send(.post, "\(F.base)/labels", app: app,
                                             json: #"{"labels":[{"id":"r4","label":"stay"},{"id":"r2","label":"leave"},{"id":"r3","label":"stay"}]}"#)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json["joined"] as? Int == 1 && response.json["pending"] as? Int == 2, "\(response.text)")
            // The predictions arrive later, out of order: their pending labels join on arrival.
            response = try await client.send(.post, "\(F.base)/predictions", app: app, json: F.batch([F.row("r4"), F.row("r3")]))
            #expect(response.json["labels_joined"] as? Int == 2, "\(response.text)")
            // A later label for the same row replaces the first (NDJSON through the alias).
            response = try await client.send(.post, "/api/v1/models/churn/aliases/prod/monitoring/labels", app: app,
                                             json: #"{"id":"r1","label":"stay"}"# + "\n" + #"{"id":"r2","label":"stay"}"#,
                                             headers: [.contentType: "application/x-ndjson"])
            #expect(response.json["joined"] as? Int == 2 && response.json["pending"] as? Int == 0, "\(response.text)")
            response = try await client.send(.get, "\(F.base)/windows?from=2024-06-11T00:00:00Z&to=2024-06-12T00:00:00Z", app: app)
            let window = (response.json["windows"] as? [[String: Any]])?.first
            #expect(window?["labelled"] as? Int == 4 && window?["rows"] as? Int == 4, "\(response.text)")
            // A malformed labels batch stores nothing.
            for body in [#"{"labels":[{"id":"r9"}]}"#, #"{"labels":[{"label":"x"}]}"#, "[1,2]"] {
                response = try await client.send(.post, "\(F.base)/labels", app: app, json: body)
                #expect(response.status == .badRequest && response.json["code"] as? String == "invalid_batch", "\(body)")
            }
        }
    }
}

extension MonitoringLabelTests {
    /// Quality from joined labels, compared with the version's evaluation metrics (±20 %).
    @Test(arguments: TestDatabase.all)
    func qualityFromLabelsAgainstTolerance(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await F.setUp(client, app, metrics: #"{"accuracy":0.9,"f1":0.5}"#)
            _ = try await client.send(.put, F.base, app: app, json: #"{"task":"classification","positive_class":"leave"}"#)
            let rows = (0..<10).map { F.row("q\($0)", prediction: $0 < 5 ? "\"leave\"" : "\"stay\"") }
            _ = try await client.send(.post, "\(F.base)/predictions", app: app, json: F.batch(rows))
            _ = try await client.send(.put, "\(F.base)/reference", app: app, json: #"{"from":"2024-06-11T10:00:00Z","to":"2024-06-11T11:00:00Z"}"#)
            // Seven of ten predictions are right: accuracy 0.7, more than 20 % below 0.9.
            let labels = (0..<10).map { #"{"id":"q\#($0)","label":"\#($0 < 5 ? "leave" : ($0 < 8 ? "leave" : "stay"))"}"# }
            _ = try await client.send(.post, "\(F.base)/labels", app: app, json: #"{"labels":[\#(labels.joined(separator: ","))]}"#)
            let report = try await client.send(.get, "\(F.base)/drift?from=2024-06-11T10:00:00Z&to=2024-06-11T11:00:00Z", app: app)
            let quality = report.json["quality"] as? [String: Any] ?? [:]
            #expect(quality["labelled"] as? Int == 10, "\(report.text)")
            #expect((quality["metrics"] as? [String: Double])?["accuracy"] == 0.7)
            #expect((quality["reference"] as? [String: Double])?["accuracy"] == 0.9)
            #expect((quality["within_tolerance"] as? [String: Bool])?["accuracy"] == false)
            #expect((quality["within_tolerance"] as? [String: Bool])?["f1"] != nil)
        }
    }
}
