import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Prediction-log ingest: schema checks with per-reason rejections kept aside, malformed batches
/// refused whole, ingest through an alias, NDJSON bodies.
@Suite("Monitoring ingest (both databases)")
struct MonitoringIngestTests {
    typealias F = MonitoringFixtures

    @Test(arguments: TestDatabase.all)
    func rejectsEachKindOfBadRowAndKeepsItAside(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await F.setUp(client, app)
            let rows = [
                F.row("ok-1"), F.row("ok-2", age: 55, plan: "pro"),
                F.row("bad-type", features: #"{"age":"old","plan":"free","visits":1}"#),
                F.row("bad-missing", features: #"{"age":3,"visits":1}"#),
                F.row("bad-category", plan: "gold"),
                F.row("bad-range", age: 200),
                F.row("bad-nan", features: #"{"age":3,"plan":"free","visits":1,"score":"NaN"}"#),
                F.row("bad-integer", features: #"{"age":3,"plan":"free","visits":1.5}"#),
                F.row("ok-1"),
                F.row("bad-time", time: "yesterday"),
                F.row("bad-prediction", prediction: "null"),
                F.row("bad-probabilities", extra: #","probabilities":{"stay":1.5}"#),
            ]
            var response = try await client.send(.post, "\(F.base)/predictions", app: app, json: F.batch(rows))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json["accepted"] as? Int == 2)
            let rejected = response.json["rejected"] as? [String: Int] ?? [:]
            #expect(rejected == ["wrong_type": 2, "missing_required": 1, "unknown_category": 1, "out_of_range": 1, "non_finite": 1,
                                 "duplicate_id": 1, "invalid_timestamp": 1, "invalid_prediction": 1, "invalid_probabilities": 1], "\(rejected)")
            // A later batch repeating a logged id is a duplicate too, and never counted twice.
            response = try await client.send(.post, "\(F.base)/predictions", app: app, json: F.batch([F.row("ok-2"), F.row("ok-3")]))
            #expect(response.json["accepted"] as? Int == 1 && (response.json["rejected"] as? [String: Int]) == ["duplicate_id": 1], "\(response.text)")

            response = try await client.send(.get, "\(F.base)/rejected?reason=out_of_range", app: app)
            let listed = response.json["rows"] as? [[String: Any]] ?? []
            #expect(listed.count == 1 && listed.first?["id"] as? String == "bad-range", "\(response.text)")
            #expect((listed.first?["row"] as? String)?.contains("\"age\":200") == true)
            response = try await client.send(.get, "\(F.base)/windows?from=2024-06-11T00:00:00Z&to=2024-06-12T00:00:00Z", app: app)
            let windows = response.json["windows"] as? [[String: Any]] ?? []
            #expect(windows.count == 1 && windows.first?["rows"] as? Int == 3, "\(response.text)")
            #expect(windows.first?["start"] as? String == "2024-06-11T10:00:00.000Z")
            #expect(windows.first?["rejected_total"] as? Int == 10, "rejections fall in their rows' windows (the bad timestamp in the receipt window)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func malformedBatchStoresNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await F.setUp(client, app)
            for body in ["not json", #"{"rows":3}"#, #"{"data":[]}"#, F.batch([F.row("a"), #"{"features":{}}"#]), F.batch([F.row("a"), "7"]),
                         F.batch([F.row("a")]) + "trailing"] {
                let response = try await client.send(.post, "\(F.base)/predictions", app: app, json: body)
                #expect(response.status == .badRequest && response.json["code"] as? String == "invalid_batch", "\(body): \(response.text)")
            }
            let response = try await client.send(.post, "\(F.base)/predictions", app: app, json: F.batch([F.row("a"), F.row("a2", age: 999)]),
                                                 headers: [.contentType: "text/csv"])
            #expect(response.status == .unsupportedMediaType)
            let windows = try await client.send(.get, "\(F.base)/windows?from=2024-06-11T00:00:00Z&to=2024-06-12T00:00:00Z", app: app)
            #expect((windows.json["windows"] as? [Any])?.isEmpty == true, "\(windows.text)")
            let rejected = try await client.send(.get, "\(F.base)/rejected", app: app)
            #expect((rejected.json["rows"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func ingestThroughAnAliasAsNDJSON(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await F.setUp(client, app)
            let lines = [F.row("n1"), "", F.row("n2", time: "2024-06-11T11:59:59.999+00:00"), F.row("n3", plan: "gold")].joined(separator: "\n")
            let response = try await client.send(.post, "/api/v1/models/churn/aliases/prod/monitoring/predictions", app: app, json: lines,
                                                 headers: [.contentType: "application/x-ndjson"])
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json["version"] as? Int == 1 && response.json["alias"] as? String == "prod")
            #expect(response.json["accepted"] as? Int == 2 && response.json["rejected_total"] as? Int == 1)
            #expect(response.json["windows"] as? [String] == ["2024-06-11T10:00:00.000Z", "2024-06-11T11:00:00.000Z"])
            let missing = try await client.send(.post, "/api/v1/models/churn/aliases/nope/monitoring/predictions", app: app, json: F.batch([F.row("x")]))
            #expect(missing.status == .notFound)
        }
    }
}
