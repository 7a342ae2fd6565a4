import Foundation
import HummingbirdTesting
import NIOCore
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// A dataset with two versions, two native runs (one per version) and two ready versions of
/// `churn`, each linked to its run; `prod` points at version 1.
enum LineageFixtures {
    /// Seeds the scenario and returns the first run's id.
    static func seed(_ client: any TestClientProtocol, _ app: TestApp) async throws -> String {
        var response = try await client.send(.post, "/api/v1/datasets", app: app, json: #"{"name":"customers"}"#)
        #expect(response.status == .created)
        for digest in ["md5:0001", "md5:0002"] {
            response = try await client.send(.post, "/api/v1/datasets/customers/versions", app: app, json: #"{"uri":"s3://c","digest":"\#(digest)"}"#)
            #expect(response.status == .created)
        }
        response = try await client.send(.post, "/api/v1/runs", app: app, json: """
            {"name":"train-1","params":{"lr":"0.1","depth":"6"},"metrics":{"auc":0.9},"code_version":"abc123",
             "environment":{"python":"3.12"},"inputs":[{"dataset":"customers","version":1,"context":"training"}]}
            """)
        #expect(response.status == .created, "\(response.text)")
        let run1 = try #require(response.json["run_id"] as? String)
        response = try await client.send(.post, "/api/v1/runs", app: app, json: """
            {"name":"train-2","params":{"lr":"0.2","depth":"6","layers":"3"},"metrics":{"auc":0.95},"code_version":"def456",
             "inputs":[{"dataset":"customers","version":2}]}
            """)
        let run2 = try #require(response.json["run_id"] as? String)
        response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"churn"}"#)
        #expect(try await readyVersion(client, app, model: "churn", runID: run1) == 1)
        #expect(try await readyVersion(client, app, model: "churn", runID: run2) == 2)
        response = try await client.send(.put, "/api/v1/models/churn/aliases/prod", app: app, json: #"{"version":1}"#)
        #expect(response.status == .ok)
        return run1
    }

    /// Creates, fills and seals a version produced by `runID`; returns its number.
    static func readyVersion(_ client: any TestClientProtocol, _ app: TestApp, model: String, runID: String) async throws -> Int {
        var response = try await client.send(.post, "/api/v1/models/\(model)/versions", app: app, json: #"{"run_id":"\#(runID)"}"#)
        #expect(response.status == .created, "\(response.text)")
        let number = try #require(response.json["version"] as? Int)
        response = try await client.send(.put, "/api/v1/models/\(model)/versions/\(number)/files/model.bin", app: app,
                                         body: ByteBuffer(string: "weights \(model) \(number)"))
        #expect(response.status == .created)
        response = try await client.send(.post, "/api/v1/models/\(model)/versions/\(number)/finalize", app: app)
        #expect(response.status == .ok)
        return number
    }

    /// A consumer account with a read token; returns `Bearer <secret>`.
    static func consumer(_ client: any TestClientProtocol, _ app: TestApp, name: String) async throws -> String {
        let admin = "Bearer \(app.adminToken)"
        var response = try await client.call(.post, "/api/v1/accounts", auth: admin, json: #"{"name":"\#(name)","kind":"consumer","roles":["viewer"]}"#)
        #expect(response.status == .created, "\(response.text)")
        response = try await client.call(.post, "/api/v1/tokens", auth: admin, json: #"{"name":"t","account":"\#(name)","scopes":["read"]}"#)
        return "Bearer " + (response.json["secret"] as? String ?? "")
    }

    /// The outbox, oldest first, read straight from the database.
    static func outbox(_ app: TestApp) async throws -> [DomainEvent] {
        try await withBackend(app) { backend in
            try await SQLTrackingStore(backend: backend, audit: AuditSealer(signer: .generate())).read {
                try await $0.lineageReader.outboxEvents(afterSequence: 0, limit: 100).map(\.event)
            }
        }
    }

    /// The actions of the audit entries about a dataset.
    static func auditActions(_ app: TestApp, dataset: String) async throws -> [String] {
        try await withBackend(app) { backend in
            try await SQLRegistryStore(backend: backend, audit: AuditSealer(signer: .generate())).read {
                try await $0.auditEntries(AuditQuery(dataset: dataset, limit: 100)).map(\.action)
            }
        }
    }

    static func withBackend<R: Sendable>(_ app: TestApp, _ body: (any DatabaseBackend) async throws -> R) async throws -> R {
        let backend = try await DatabaseLocation.parse(app.databaseURL, dataDirectory: app.dataDirectory).open(logger: TestDatabase.logger)
        do {
            let result = try await body(backend)
            await backend.close()
            return result
        } catch {
            await backend.close()
            throw error
        }
    }
}
