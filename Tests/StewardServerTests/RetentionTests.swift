import Foundation
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Retention policies (dry run vs apply, every protection) and garbage collection (issue 6).
@Suite("Retention and garbage collection (both databases)")
struct RetentionTests {
    @Test(arguments: TestDatabase.all)
    func dryRunReportsAndApplyRetiresOnlyUnprotectedVersions(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            // 1 aliased, 2 deprecated (sunset ahead), 3 on legal hold, 4 used by a consumer, 5 and 6 plain
            // (6 shares its bytes with 7), 7 the newest.
            for content in ["one", "two", "three", "four", "five", "shared", "shared"] {
                try await LifecycleFixtures.ready(client, app, model: "m", content: content)
            }
            _ = try await client.send(.put, "/api/v1/models/m/versions/7/files/extra.bin", app: app, body: ByteBuffer(string: "x"))
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#)
            #expect(try await LifecycleFixtures.deprecate(client, app, model: "m", version: 2, replacement: 7, sunsetIn: 86_400).status == .ok)
            #expect(try await client.send(.put, "/api/v1/models/m/versions/3/legal-hold", app: app, json: #"{"reason":"litigation"}"#).status == .ok)
            _ = try await client.send(.put, "/api/v1/models/m/aliases/canary", app: app, json: #"{"version":4}"#)
            let consumer = try await LineageFixtures.consumer(client, app, name: "app1")
            #expect(try await client.call(.get, "/api/v1/models/m/aliases/canary", auth: consumer).status == .ok)
            _ = try await client.send(.delete, "/api/v1/models/m/aliases/canary", app: app)
            // A held version cannot be deleted either.
            #expect(try await client.send(.delete, "/api/v1/models/m/versions/3", app: app).status == .conflict)

            var response = try await client.send(.put, "/api/v1/models/m/retention", app: app, json: #"{"keep_last":1,"consumer_window_days":7}"#)
            #expect(response.status == .ok && response.json["keep_last"] as? Int == 1, "\(response.text)")
            #expect(try await client.send(.get, "/api/v1/models/m/retention", app: app).json["consumer_window_days"] as? Int == 7)

            // Dry run: reports, changes nothing.
            let auditBefore = try await AuditCompletenessTests.auditSize(client, app)
            response = try await client.send(.post, "/api/v1/models/m/retention/run", app: app, json: #"{"dry_run":true}"#)
            #expect(response.status == .ok, "\(response.text)")
            var plan = LifecycleFixtures.decisions(response.json)
            #expect(plan[5]?.action == "retire" && plan[6]?.action == "retire", "\(response.text)")
            #expect(plan[1]?.action == "keep" && plan[1]?.reasons.contains { $0.hasPrefix("aliased") } == true)
            #expect(plan[2]?.action == "keep" && plan[2]?.reasons.contains { $0.contains("sunset period") } == true)
            #expect(plan[3]?.action == "keep" && plan[3]?.reasons.contains { $0.contains("legal hold") } == true)
            #expect(plan[4]?.action == "keep" && plan[4]?.reasons.contains { $0.contains("consumer") } == true)
            #expect(plan[7]?.action == "keep" && plan[7]?.reasons.contains { $0.contains("newest 1") } == true)
            #expect(try await AuditCompletenessTests.auditSize(client, app) == auditBefore)
            #expect(try await client.send(.get, "/api/v1/models/m/versions/5", app: app).json["lifecycle"] as? String == "active")
            #expect(LifecycleFixtures.blobExists(app.dataDirectory, "five"))

            // Apply: 5 and 6 retired; their unique bytes freed; the blob 6 shares with 7 survives.
            response = try await client.send(.post, "/api/v1/models/m/retention/run", app: app, json: #"{"dry_run":false}"#)
            #expect(response.json["retired"] as? Int == 2, "\(response.text)")
            plan = LifecycleFixtures.decisions(response.json)
            #expect(Set(plan.filter { $0.value.action == "retire" }.keys) == [5, 6])
            let retired = try await client.send(.get, "/api/v1/models/m/versions/5", app: app).json
            #expect(retired["lifecycle"] as? String == "retired" && retired["retired_at"] as? String != nil)
            #expect((retired["files"] as? [Any])?.isEmpty == true && retired["manifest_digest"] as? String != nil)
            #expect(!LifecycleFixtures.blobExists(app.dataDirectory, "five"))
            #expect(LifecycleFixtures.blobExists(app.dataDirectory, "shared"))
            response = try await client.send(.get, "/api/v1/models/m/versions/7/files/model.bin", app: app)
            #expect(response.status == .ok && response.text == "shared")
            response = try await client.send(.get, "/api/v1/models/m/versions/5/files/model.bin", app: app)
            #expect(response.status == .gone && response.json["code"] as? String == "version_retired")
            #expect(try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":5}"#).status == .gone)
            for number in 1...4 {
                #expect(try await client.send(.get, "/api/v1/models/m/versions/\(number)/files/model.bin", app: app).status == .ok)
            }
            #expect(try await LineageFixtures.outbox(app).filter { $0.type == "version.retired" }.count == 2)
            let audit = try await client.send(.get, "/api/v1/audit/entries?action=version.retire", app: app).json["entries"] as? [Any]
            #expect(audit?.count == 2)

            // Releasing the hold lets the next run retire 3; a second run changes nothing more.
            _ = try await client.send(.delete, "/api/v1/models/m/versions/3/legal-hold", app: app)
            response = try await client.send(.post, "/api/v1/admin/retention/run", app: app, json: "{}")
            #expect(Set(LifecycleFixtures.decisions(response.json).filter { $0.value.action == "retire" }.keys) == [3], "\(response.text)")
            #expect(!LifecycleFixtures.blobExists(app.dataDirectory, "three"))
            response = try await client.send(.post, "/api/v1/admin/retention/run", app: app, json: "{}")
            #expect(response.json["retired"] as? Int == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func garbageCollectionDeletesOnlyUnreferencedBlobs(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            try await LifecycleFixtures.ready(client, app, model: "m", content: "live")
            try await LifecycleFixtures.ready(client, app, model: "m", content: "orphan")
            _ = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: "{}") // 3: pending, keeps its upload
            _ = try await client.send(.put, "/api/v1/models/m/versions/3/files/p.bin", app: app, body: ByteBuffer(string: "pending"))
            _ = try await client.send(.put, "/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/a.txt", app: app, body: ByteBuffer(string: "artifact"))
            #expect(try await client.send(.delete, "/api/v1/models/m/versions/2", app: app).status == .noContent)

            // A young blob is left alone (the grace period protects uploads in flight).
            var response = try await client.send(.post, "/api/v1/admin/gc", app: app, json: #"{"dry_run":true}"#)
            #expect(response.json["deleted"] as? Int == 0, "\(response.text)")
            response = try await client.send(.post, "/api/v1/admin/gc", app: app, json: #"{"dry_run":true,"grace_seconds":0}"#)
            #expect(response.json["deleted"] as? Int == 1 && response.json["bytes_reclaimed"] as? Int == 6, "\(response.text)")
            #expect(LifecycleFixtures.blobExists(app.dataDirectory, "orphan"))

            response = try await client.send(.post, "/api/v1/admin/gc", app: app, json: #"{"grace_seconds":0}"#)
            #expect(response.status == .ok && response.json["deleted"] as? Int == 1 && response.json["remaining"] as? Int == 0, "\(response.text)")
            #expect(!LifecycleFixtures.blobExists(app.dataDirectory, "orphan"))
            for kept in ["live", "pending", "artifact"] { #expect(LifecycleFixtures.blobExists(app.dataDirectory, kept), "\(kept)") }
            response = try await client.send(.post, "/api/v1/admin/gc", app: app, json: #"{"grace_seconds":0}"#)
            #expect(response.json["deleted"] as? Int == 0)
            let audit = try await client.send(.get, "/api/v1/audit/entries?action=gc.run", app: app).json["entries"] as? [Any]
            #expect(audit?.count == 2)
        }
    }
}
