import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Deprecation headers on every door, 410 after the sunset, notices and validation (issue 6).
@Suite("Deprecation and sunset (both databases)")
struct DeprecationTests {
    static let deprecation = HTTPField.Name("Deprecation")!
    static let sunset = HTTPField.Name("Sunset")!
    static let link = HTTPField.Name("Link")!

    /// Checks the three fields of a deprecated version's response.
    static func expectHeaders(_ response: TestResponse, _ what: String) {
        #expect(response.status == .ok, "\(what): \(response.status.code) \(response.text.prefix(300))")
        let deprecation = response.headers[Self.deprecation] ?? ""
        #expect(deprecation.hasPrefix("@") && Int(deprecation.dropFirst()) != nil, "\(what): Deprecation '\(deprecation)'")
        let sunset = response.headers[Self.sunset] ?? ""
        #expect(sunset.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#, options: .regularExpression) != nil,
                "\(what): Sunset '\(sunset)'")
        let links = response.headers[values: Self.link].joined(separator: ", ")
        #expect(links.contains(#"</api/v1/models/m/versions/2>; rel="successor-version""#), "\(what): Link '\(links)'")
        #expect(links.contains(#"rel="deprecation""#), "\(what): Link '\(links)'")
    }

    @Test(arguments: TestDatabase.all)
    func deprecatedVersionCarriesHeadersOnEveryRead(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            try await LifecycleFixtures.ready(client, app, model: "m", content: "one")
            try await LifecycleFixtures.ready(client, app, model: "m", content: "two")
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#)
            // Not deprecated yet: no fields.
            var response = try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app)
            #expect(response.headers[Self.deprecation] == nil && response.headers[Self.sunset] == nil)
            let consumer = try await LineageFixtures.consumer(client, app, name: "app1")
            #expect(try await client.call(.get, "/api/v1/models/m/aliases/prod", auth: consumer).status == .ok)

            response = try await LifecycleFixtures.deprecate(client, app, model: "m", version: 1, replacement: 2, sunsetIn: 30 * 86_400)
            Self.expectHeaders(response, "deprecate")
            #expect(response.json["lifecycle"] as? String == "deprecated")
            #expect((response.json["deprecation"] as? [String: Any])?["replacement"] as? Int == 2)
            Self.expectHeaders(try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app), "alias resolution")
            Self.expectHeaders(try await client.send(.get, "/api/v1/models/m/versions/1", app: app), "version read")
            Self.expectHeaders(try await client.send(.get, "/api/v1/models/m/versions/1/files/model.bin", app: app), "download")
            Self.expectHeaders(try await client.send(.get, "/api/2.0/mlflow/registered-models/alias?name=m&alias=prod", app: app), "MLflow alias")
            // The replacement itself carries none.
            response = try await client.send(.get, "/api/v1/models/m/versions/2", app: app)
            #expect(response.headers[Self.deprecation] == nil)

            // The consumer that resolved version 1 is the audience of the event.
            let events = try await LineageFixtures.outbox(app).filter { $0.type == "version.deprecated" }
            #expect(events.count == 1)
            #expect(events.first?.payload.jsonText.contains("app1") == true || events.first?.payload.jsonText.contains("consumers") == true)

            // Sunset notice: once, however often the job runs.
            response = try await client.send(.post, "/api/v1/admin/sunset-notices/run", app: app, json: #"{"days_before":31}"#)
            #expect(response.json["sent"] as? Int == 1, "\(response.text)")
            response = try await client.send(.post, "/api/v1/admin/sunset-notices/run", app: app, json: #"{"days_before":31}"#)
            #expect(response.json["sent"] as? Int == 0)
            #expect(try await LineageFixtures.outbox(app).filter { $0.type == "version.sunset_approaching" }.count == 1)

            // Withdrawn before the sunset: the fields disappear (and the change is audited).
            response = try await client.send(.delete, "/api/v1/models/m/versions/1/deprecation", app: app)
            #expect(response.status == .ok && response.json["lifecycle"] as? String == "active")
            #expect(try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app).headers[Self.deprecation] == nil)
            let audit = try await client.send(.get, "/api/v1/audit/entries?action=version.", app: app).text
            #expect(audit.contains("version.deprecate") && audit.contains("version.undeprecate") && audit.contains("version.sunset_notice"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func afterTheSunsetResolutionAndDownloadsAreGone(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            try await LifecycleFixtures.ready(client, app, model: "m", content: "one")
            try await LifecycleFixtures.ready(client, app, model: "m", content: "two")
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#)
            // Half a minute of slack: with the whole suite running on two cores, a request once took
            // more than the 10 s this test used to allow before the sunset.
            var response = try await LifecycleFixtures.deprecate(client, app, model: "m", version: 1, replacement: 2, sunsetIn: 30)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app).status == .ok)
            try await Task.sleep(for: .milliseconds(31_000))

            response = try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app)
            #expect(response.status == .gone, "\(response.text)")
            #expect(response.json["code"] as? String == "version_sunset")
            #expect((response.json["detail"] as? String ?? "").contains("version 2"))
            #expect(response.headers[.contentType] == "application/problem+json")
            response = try await client.send(.get, "/api/v1/models/m/versions/1/files/model.bin", app: app)
            #expect(response.status == .gone && response.json["code"] as? String == "version_sunset")
            // The MLflow door answers with an MLflow error, never a 5xx (its client would retry).
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/alias?name=m&alias=prod", app: app)
            #expect(response.status.code < 500 && response.json["error_code"] as? String != nil, "\(response.status.code) \(response.text)")
            // The metadata stays readable; the alias cannot be moved back onto it; un-deprecation is too late.
            response = try await client.send(.get, "/api/v1/models/m/versions/1", app: app)
            #expect(response.status == .ok && response.headers[Self.sunset] != nil)
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":2}"#)
            #expect(try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#).status == .gone)
            #expect(try await client.send(.delete, "/api/v1/models/m/versions/1/deprecation", app: app).status == .gone)
            #expect(try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app).json["version"] as? Int == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badDeprecationsAreRefusedAndChangeNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            try await LifecycleFixtures.ready(client, app, model: "m", content: "one")
            _ = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: "{}") // 2: pending
            let cases: [(String, Int)] = [
                (#"{"reason":"x","replacement":2,"sunset":"2001-01-01T00:00:00Z"}"#, 400), // sunset in the past
                (#"{"reason":"","replacement":2,"sunset":"2099-01-01T00:00:00Z"}"#, 400),
                (#"{"reason":"x","replacement":1,"sunset":"2099-01-01T00:00:00Z"}"#, 400), // itself
                (#"{"reason":"x","replacement":9,"sunset":"2099-01-01T00:00:00Z"}"#, 404),
                (#"{"reason":"x","replacement":2,"sunset":"2099-01-01T00:00:00Z"}"#, 409), // replacement pending
                (#"{"reason":"x","replacement":2,"sunset":"tomorrow"}"#, 400),
            ]
            for (body, status) in cases {
                let response = try await client.send(.post, "/api/v1/models/m/versions/1/deprecation", app: app, json: body)
                #expect(Int(response.status.code) == status, "\(body) → \(response.status.code) \(response.text)")
            }
            #expect(try await client.send(.get, "/api/v1/models/m/versions/1", app: app).json["lifecycle"] as? String == "active")
            #expect(try await client.send(.delete, "/api/v1/models/m/versions/1/deprecation", app: app).status == .conflict)
        }
    }
}
