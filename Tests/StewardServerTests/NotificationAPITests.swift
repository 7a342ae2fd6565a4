import Foundation
import HummingbirdTesting
import NIOCore
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// Subscriptions, SSRF refusal, the feed, registry events and the consumers view, in process.
@Suite("Notifications API (both databases)")
struct NotificationAPITests {
    @Test(arguments: TestDatabase.all)
    func privateWebhookTargetsAreRefusedWithoutTheFlag(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            let before = try await AuditCompletenessTests.auditSize(client, app)
            for url in ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                        "http://[::1]/x", "http://[::ffff:192.168.0.1]/x", "http://[fd00::1]/x", "http://0.0.0.0/x", "http://100.64.0.1/x"] {
                let response = try await client.send(.post, "/api/v1/subscriptions", app: app, json: #"{"model":"m","webhook_url":"\#(url)"}"#)
                #expect(response.status == .badRequest && response.json["code"] as? String == "webhook_address_refused", "\(url): \(response.status) \(response.text)")
            }
            for url in ["ftp://example.com/x", "http://user:pw@93.184.215.14/x", "not a url", "http:///nohost"] {
                let response = try await client.send(.post, "/api/v1/subscriptions", app: app, json: #"{"model":"m","webhook_url":"\#(url)"}"#)
                #expect(response.status == .badRequest && response.json["code"] as? String == "validation_failed", "\(url): \(response.text)")
            }
            #expect(try await AuditCompletenessTests.auditSize(client, app) == before, "refusals change nothing")
            // A public address is accepted; moving it to a private one is refused too.
            let created = try await client.send(.post, "/api/v1/subscriptions", app: app, json: #"{"model":"m","webhook_url":"https://93.184.215.14/hook"}"#)
            #expect(created.status == .created, "\(created.text)")
            let secret = try #require(created.json["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && WebhookSecret.keyBytes(secret)?.count == 32)
            let id = try #require(created.json["id"] as? String)
            let moved = try await client.send(.patch, "/api/v1/subscriptions/\(id)", app: app, json: #"{"webhook_url":"http://192.168.1.1/x"}"#)
            #expect(moved.status == .badRequest && moved.json["code"] as? String == "webhook_address_refused")
            let read = try await client.send(.get, "/api/v1/subscriptions/\(id)", app: app)
            #expect(read.json["webhook_url"] as? String == "https://93.184.215.14/hook" && read.json["secret"] == nil, "the secret is shown once")
        }
    }

    @Test func privateTargetsAreAllowedWithTheFlag() async throws {
        try await TestApp.run(.sqlite, configure: { $0.webhooks.allowPrivate = true }) { client, app in
            let response = try await client.send(.post, "/api/v1/subscriptions", app: app, json: #"{"webhook_url":"http://127.0.0.1:9/hook"}"#)
            #expect(response.status == .created, "\(response.text)")
        }
    }

    @Test func addressClassification() {
        let refused: [[UInt8]] = [[127, 0, 0, 1], [10, 0, 0, 1], [172, 16, 0, 1], [192, 168, 1, 1], [169, 254, 169, 254], [100, 64, 0, 1],
                                  [0, 0, 0, 0], [224, 0, 0, 1], [255, 255, 255, 255], [198, 18, 0, 1]]
        for address in refused { #expect(!WebhookAddress.isPublic(address), "\(address)") }
        #expect(WebhookAddress.isPublic([93, 184, 215, 14]) && WebhookAddress.isPublic([8, 8, 8, 8]))
        var mapped = [UInt8](repeating: 0, count: 16)
        mapped[10] = 0xff; mapped[11] = 0xff; mapped[12] = 127; mapped[15] = 1
        #expect(!WebhookAddress.isPublic(mapped), "IPv4-mapped loopback")
        mapped[12] = 8; mapped[13] = 8; mapped[14] = 8; mapped[15] = 8
        #expect(WebhookAddress.isPublic(mapped))
        #expect(!WebhookAddress.isPublic([0xfe, 0x80] + [UInt8](repeating: 0, count: 14)), "link-local")
        #expect(WebhookAddress.isPublic([0x26, 0x06, 0x47, 0x00] + [UInt8](repeating: 1, count: 12)))
    }

    @Test(arguments: TestDatabase.all)
    func feedCarriesSubscribedRegistryEventsOnly(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let viewer = try await client.principal(app, name: "vera", roles: ["viewer"], scopes: ["read"])
            try await Self.readyModel(client, app, "m", versions: 2)
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"secret","visibility":"restricted"}"#)
            // Vera subscribes to alias moves of every model (feed only, read-scoped token is enough).
            var response = try await client.call(.post, "/api/v1/subscriptions", auth: viewer, json: #"{"event_types":["alias.*"]}"#)
            #expect(response.status == .created && response.json["feed"] as? Bool == true, "\(response.text)")
            response = try await client.call(.post, "/api/v1/subscriptions", auth: viewer, json: #"{"model":"secret"}"#)
            #expect(response.status == .notFound, "a model she cannot read cannot be subscribed to")
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#)
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":2}"#)
            _ = try await client.send(.delete, "/api/v1/models/m/aliases/prod", app: app)
            response = try await client.call(.get, "/api/v1/feed", auth: viewer)
            let events = try #require(response.json["events"] as? [[String: Any]])
            #expect(events.map { $0["type"] as? String } == ["alias.moved", "alias.moved", "alias.moved"], "\(response.text)")
            let moves = events.compactMap { $0["data"] as? [String: Any] }.map { "\($0["action"]!):\($0["from"]!)→\($0["to"]!)" }
            #expect(moves == ["set:<null>→1", "moved:1→2", "deleted:2→<null>"] || moves.count == 3, "\(moves)")
            #expect(events.allSatisfy { ($0["data"] as? [String: Any])?["actor"] as? String == "admin" })
            // Paging: the token continues after the last event; nothing new yet.
            let token = try #require(response.json["next_page_token"] as? String)
            response = try await client.call(.get, "/api/v1/feed?page_token=\(token)", auth: viewer)
            #expect((response.json["events"] as? [Any])?.isEmpty == true)
            #expect(try await client.call(.get, "/api/v1/feed?page_token=x", auth: viewer).status == .badRequest)
            // The admin, subscribed to nothing, sees nothing; after subscribing to version events, new versions show.
            response = try await client.send(.get, "/api/v1/feed", app: app)
            #expect((response.json["events"] as? [Any])?.isEmpty == true)
            _ = try await client.send(.post, "/api/v1/subscriptions", app: app, json: #"{"model":"m","event_types":["version.*"]}"#)
            try await Self.readyModel(client, app, "m", versions: 1, create: false)
            response = try await client.send(.get, "/api/v1/feed", app: app)
            let types = (response.json["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types == ["version.created", "version.ready"], "\(response.text)")
            // A stream request without Accept: text/event-stream is refused, not left hanging.
            #expect(try await client.send(.get, "/api/v1/feed/stream", app: app).status == .notAcceptable)
        }
    }

    @Test(arguments: TestDatabase.all)
    func consumersOfAVersion(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            try await Self.readyModel(client, app, "m", versions: 2)
            _ = try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#)
            let checkout = try await LineageFixtures.consumer(client, app, name: "checkout")
            let search = try await LineageFixtures.consumer(client, app, name: "search")
            for _ in 0..<3 { _ = try await client.call(.get, "/api/v1/models/m/aliases/prod", auth: checkout) }
            _ = try await client.call(.get, "/api/v1/models/m/aliases/prod", auth: search)
            _ = try await client.send(.get, "/api/v1/models/m/aliases/prod", app: app) // not a consumer: not counted
            var response = try await client.send(.get, "/api/v1/models/m/versions/1/consumers", app: app)
            #expect(response.status == .ok, "\(response.text)")
            let consumers = try #require(response.json["consumers"] as? [[String: Any]])
            #expect(Set(consumers.compactMap { $0["consumer"] as? String }) == ["checkout", "search"])
            let first = try #require(consumers.first { $0["consumer"] as? String == "checkout" })
            #expect(first["count"] as? Int == 3 && first["total"] as? Int == 3 && first["last_seen"] is String)
            let days = try #require(first["days"] as? [[String: Any]])
            #expect(days.count == 1 && days[0]["count"] as? Int == 3 && (days[0]["day"] as? String)?.count == 10)
            #expect(response.json["window_days"] as? Int == 30)
            response = try await client.send(.get, "/api/v1/models/m/versions/2/consumers", app: app)
            #expect((response.json["consumers"] as? [Any])?.isEmpty == true)
            #expect(try await client.send(.get, "/api/v1/models/m/versions/1/consumers?days=0", app: app).status == .badRequest)
            #expect(try await client.send(.get, "/api/v1/models/m/versions/9/consumers", app: app).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func subscriptionsBelongToTheirSubject(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let alice = try await client.principal(app, name: "alice", roles: ["viewer"])
            let bob = try await client.principal(app, name: "bob", roles: ["viewer"])
            var response = try await client.call(.post, "/api/v1/subscriptions", auth: alice, json: #"{"event_types":["nonsense"]}"#)
            #expect(response.status == .badRequest, "unknown event family")
            response = try await client.call(.post, "/api/v1/subscriptions", auth: alice, json: #"{"event_types":["taint.*"]}"#)
            let id = try #require(response.json["id"] as? String)
            #expect(try await client.call(.get, "/api/v1/subscriptions/\(id)", auth: bob).status == .forbidden)
            #expect(try await client.call(.delete, "/api/v1/subscriptions/\(id)", auth: bob).status == .forbidden)
            #expect((try await client.call(.get, "/api/v1/subscriptions", auth: bob).json["subscriptions"] as? [Any])?.isEmpty == true)
            #expect(try await client.call(.get, "/api/v1/subscriptions?all=true", auth: bob).status == .forbidden)
            #expect((try await client.send(.get, "/api/v1/subscriptions?all=true", app: app).json["subscriptions"] as? [Any])?.count == 1)
            response = try await client.call(.post, "/api/v1/subscriptions", auth: alice, json: #"{"team":"nobody-team","feed":true}"#)
            #expect(response.status == .forbidden, "only members subscribe a team")
            #expect(try await client.call(.post, "/api/v1/subscriptions/\(id)/replay", auth: alice, json: #"{"since":"2000-01-01T00:00:00Z"}"#).status == .conflict,
                    "a feed-only subscription has no webhook to replay")
            #expect(try await client.call(.delete, "/api/v1/subscriptions/\(id)", auth: alice).status == .noContent)
        }
    }

    /// A replay while the delivery is being sent is not lost: the send's late success no longer
    /// marks the requeued delivery delivered (a CI run waited 20 s for a replay that never went out).
    @Test(arguments: TestDatabase.all)
    func aReplayDuringASendIsNotLost(_ database: TestDatabase) async throws {
        try await TestApp.run(database, configure: { $0.webhooks.allowPrivate = true }) { client, app in
            try await Self.readyModel(client, app, "m", versions: 1)
            let created = try await client.send(.post, "/api/v1/subscriptions", app: app,
                                                json: #"{"model":"m","event_types":["alias.*"],"webhook_url":"http://127.0.0.1:9/hook"}"#)
            let id = try #require(created.json["id"] as? String, "\(created.text)")
            #expect(try await client.send(.put, "/api/v1/models/m/aliases/prod", app: app, json: #"{"version":1}"#).status == .ok)
            try await LineageFixtures.withBackend(app) { backend in
                let queue = SQLDeliveryQueue(backend: backend)
                let registry = SQLRegistryStore(backend: backend, audit: AuditSealer(signer: .generate()))
                _ = try await queue.relay(limit: 10, now: Timestamp.now()) { events, subscriptions in
                    try await registry.read { try await Notifications.deliveries(for: events, subscriptions: subscriptions, reader: $0) }
                }
                let sending = try await queue.claim(limit: 10, lease: .seconds(60), now: Timestamp.now())
                #expect(sending.count == 1)
                // The replay lands while that send is in flight; then the send succeeds.
                let replay = try await client.send(.post, "/api/v1/subscriptions/\(id)/replay", app: app, json: #"{"since":"2000-01-01T00:00:00Z"}"#)
                #expect(replay.json["requeued"] as? Int == 1, "\(replay.text)")
                let outcomes = sending.map {
                    DeliveryOutcome(id: $0.id, claim: $0.claim, attempt: $0.attempt, statusCode: 200, error: nil, startedAt: Timestamp.now(),
                                    durationMilliseconds: 1)
                }
                try await queue.record(outcomes, maxAttempts: 3, now: Timestamp.now()) { _ in .seconds(1) }
                let again = try await queue.claim(limit: 10, lease: .seconds(60), now: Timestamp.now())
                #expect(again.map(\.id) == sending.map(\.id), "the replayed delivery is sent again")
                #expect(again.first?.attempt == 1)
            }
            let deliveries = try await client.send(.get, "/api/v1/subscriptions/\(id)/deliveries", app: app)
            let history = (deliveries.json["deliveries"] as? [[String: Any]])?.first?["history"] as? [[String: Any]]
            #expect(history?.count == 1 && history?.first?["status_code"] as? Int == 200, "the earlier send stays in the history: \(deliveries.text)")
        }
    }

    /// Creates `model` (unless `create` is false) and `versions` sealed versions of it.
    static func readyModel(_ client: some TestClientProtocol, _ app: TestApp, _ model: String, versions: Int, create: Bool = true) async throws {
        if create { _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"\#(model)"}"#) }
        for _ in 0..<versions {
            let created = try await client.send(.post, "/api/v1/models/\(model)/versions", app: app, json: "{}")
            let number = try #require(created.json["version"] as? Int)
            _ = try await client.send(.put, "/api/v1/models/\(model)/versions/\(number)/files/w.bin", app: app, body: ByteBuffer(string: "w"))
            let sealed = try await client.send(.post, "/api/v1/models/\(model)/versions/\(number)/finalize", app: app)
            #expect(sealed.status == .ok, "\(sealed.text)")
        }
    }
}
