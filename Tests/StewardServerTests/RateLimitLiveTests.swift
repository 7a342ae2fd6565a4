import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
@testable import StewardServer
import StewardCore
import StewardTestSupport
import Testing

/// Rate limits and priority admission under real floods on loopback (live servers on ephemeral
/// ports, concurrent clients).
@Suite("Limits: floods and priority on a live server")
struct RateLimitLiveTests {
    /// A request body the test feeds and ends when it chooses, to keep a request in flight.
    final class Feed: Sendable {
        let stream: AsyncStream<ByteBuffer>
        let continuation: AsyncStream<ByteBuffer>.Continuation
        init() { (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self) }
    }

    /// Waits (bounded) until `count` uploads are streaming into the blob store's temporary
    /// directory, that is, until they have been admitted and hold their slots. Probing with
    /// requests instead would race with the uploads for the very slots being measured.
    static func waitForUploads(_ count: Int, in app: TestApp) async throws -> Bool {
        for _ in 0..<200 {
            let parts = (try? FileManager.default.contentsOfDirectory(atPath: app.dataDirectory + "/tmp")) ?? []
            if parts.filter({ $0.hasSuffix(".part") }).count >= count { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    @Test func aFloodingPrincipalIsRefusedWhileAnotherKeepsBeingServed() async throws {
        try await TestApp.run(.sqlite, framework: .live, configure: { config in
            // 1/s after a burst of 10: however slowly a loaded CI machine serves the 60 requests
            // (they queue on the client's connection pool), most of them must be refused. Each
            // request may take 60 s: beside a release build, 20 s was exceeded once.
            config.limits.rates[.reads] = BucketRate(rate: 1, burst: 10)
        }) { client, app in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let steady = try await LimitsFixtures.token(app, name: "steady", tier: .normal)
            let flooder = app.adminToken
            async let flood: [HTTP.Reply] = withThrowingTaskGroup(of: HTTP.Reply.self) { group in
                for _ in 0..<60 {
                    group.addTask { try await HTTP.send(.GET, base + "/api/v1/models", token: flooder, timeout: .seconds(60)) }
                }
                var replies: [HTTP.Reply] = []
                for try await reply in group { replies.append(reply) }
                return replies
            }
            var steadyStatuses: [Int] = []
            for _ in 0..<8 {
                steadyStatuses.append(try await HTTP.send(.GET, base + "/api/v1/models", token: steady, timeout: .seconds(60)).status)
            }
            let replies = try await flood
            #expect(steadyStatuses == Array(repeating: 200, count: 8), "the other principal is never refused")
            let refused = replies.filter { $0.status == 429 }
            let served = replies.filter { $0.status == 200 }
            #expect(refused.count + served.count == 60, "\(replies.map(\.status))")
            #expect(refused.count >= 30, "burst 10 at 1/s cannot admit 60 requests in a few seconds: \(refused.count) refused")
            #expect(served.count >= 10)
            for reply in refused {
                #expect(reply.json["code"] as? String == "rate_limited")
                #expect(reply.headers.first(name: "Content-Type") == "application/problem+json")
                #expect(Int(reply.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
                #expect(reply.headers.first(name: "RateLimit-Policy") == #""reads";q=10;w=10"#)
                #expect(reply.headers.first(name: "RateLimit")?.hasPrefix(#""reads";r=0;t="#) == true)
                #expect(reply.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
            for reply in served { #expect(reply.headers.first(name: "RateLimit-Policy") == #""reads";q=10;w=10"#) }
            let metrics = try await HTTP.send(.GET, base + "/metrics", token: nil).text
            #expect(metrics.contains(#"steward_limit_refusals_total{class="reads",reason="rate_limited"}"#))
        }
    }

    @Test func whenSaturatedLowTierIsRefusedAndHighTierIsServed() async throws {
        try await TestApp.run(.sqlite, framework: .live, configure: { config in
            config.limits.maxInFlight = 4            // low may fill 2, normal 3, high 4
            config.limits.maxInFlightPerPrincipal = 0
        }) { client, app in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let low = try await LimitsFixtures.token(app, name: "batch-scoring", tier: .low)
            let high = try await LimitsFixtures.token(app, name: "checkout", tier: .high)
            let admin = app.adminToken // normal tier
            _ = try await HTTP.send(.POST, base + "/api/v1/models", token: admin, json: #"{"name":"m"}"#)
            _ = try await HTTP.send(.POST, base + "/api/v1/models/m/versions", token: admin, json: "{}")

            // Three uploads whose bodies the test holds open keep three slots busy.
            let feeds = (0..<3).map { _ in Feed() }
            let uploads = feeds.enumerated().map { index, feed in
                Task {
                    try await HTTP.send(.PUT, base + "/api/v1/models/m/versions/1/files/slow\(index).bin", token: admin,
                                        body: .stream(feed.stream, length: .unknown), timeout: .seconds(60))
                }
            }
            for feed in feeds { feed.continuation.yield(ByteBuffer(string: "first bytes")) }
            #expect(try await Self.waitForUploads(3, in: app), "three uploads are in flight")
            let normalReply = try await HTTP.send(.GET, base + "/api/v1/models", token: admin, timeout: .seconds(10))
            #expect(normalReply.status == 503, "three slow uploads fill normal's share")

            let lowReply = try await HTTP.send(.GET, base + "/api/v1/models", token: low, timeout: .seconds(10))
            #expect(lowReply.status == 503)
            #expect(lowReply.json["code"] as? String == "overloaded")
            #expect(lowReply.headers.first(name: "Retry-After") == "1")
            #expect(lowReply.headers.first(name: "X-Frame-Options") == "DENY")
            for _ in 0..<5 {
                let highReply = try await HTTP.send(.GET, base + "/api/v1/models", token: high, timeout: .seconds(10))
                #expect(highReply.status == 200, "high priority keeps being served: \(highReply.text)")
            }

            for feed in feeds { feed.continuation.finish() }
            for upload in uploads {
                let reply = try await upload.value
                #expect(reply.status == 201, "\(reply.text)")
            }
            #expect(try await HTTP.send(.GET, base + "/api/v1/models", token: low, timeout: .seconds(10)).status == 200,
                    "low is served again once the load is gone")
            let metrics = try await HTTP.send(.GET, base + "/metrics", token: nil).text
            #expect(metrics.contains(#"steward_limit_refusals_total{class="all",reason="overloaded_low"}"#))
            #expect(metrics.contains(#"steward_inflight_requests{tier="high"}"#))
        }
    }

    @Test func aPrincipalCannotHoldMoreThanItsConcurrentRequests() async throws {
        try await TestApp.run(.sqlite, framework: .live, configure: { config in
            config.limits.maxInFlightPerPrincipal = 1
        }) { client, app in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let token = app.adminToken
            _ = try await HTTP.send(.POST, base + "/api/v1/models", token: token, json: #"{"name":"m"}"#)
            _ = try await HTTP.send(.POST, base + "/api/v1/models/m/versions", token: token, json: "{}")
            let feed = Feed()
            let upload = Task {
                try await HTTP.send(.PUT, base + "/api/v1/models/m/versions/1/files/slow.bin", token: token,
                                    body: .stream(feed.stream, length: .unknown), timeout: .seconds(60))
            }
            feed.continuation.yield(ByteBuffer(string: "x"))
            #expect(try await Self.waitForUploads(1, in: app), "the upload is in flight")
            let reply = try await HTTP.send(.GET, base + "/api/v1/models", token: token, timeout: .seconds(10))
            feed.continuation.finish()
            let uploaded = try await upload.value
            #expect(uploaded.status == 201, "\(uploaded.text)")
            #expect(reply.status == 429)
            #expect(reply.json["code"] as? String == "too_many_concurrent_requests")
            #expect(reply.headers.first(name: "Retry-After") == "1")
            #expect(try await HTTP.send(.GET, base + "/api/v1/models", token: token).status == 200)
        }
    }

    @Test func uploadsAreChargedInBytesAndPaced() async throws {
        try await TestApp.run(.sqlite, configure: { config in
            config.limits.rates[.uploadBytes] = BucketRate(rate: 4_000, burst: 4_000)
        }) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            _ = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: "{}")
            let start = ContinuousClock.now
            let response = try await client.send(.put, "/api/v1/models/m/versions/1/files/a.bin", app: app,
                                                 body: ByteBuffer(repeating: 7, count: 10_000))
            let elapsed = ContinuousClock.now - start
            #expect(response.status == .created)
            #expect(elapsed >= .milliseconds(1_300), "10 000 bytes at 4 000/s after a 4 000 burst take 1.5 s: \(elapsed)")
            #expect(response.headers[.init("RateLimit-Policy")!] == #""upload_bytes";q=4000;w=1;qu="content-bytes""#)
            #expect(response.headers[.init("RateLimit")!]?.hasPrefix(#""upload_bytes";r="#) == true)
            #expect(response.headers[.retryAfter] == nil)
        }
    }

    @Test func anonymousCallersAndFailedAuthenticationsAreLimitedByAddress() async throws {
        try await TestApp.run(.sqlite, configure: { config in
            config.limits.rates[.reads] = BucketRate(rate: 0.01, burst: 5) // no refill within the test
            config.limits.authFailures = BucketRate(rate: 0.1, burst: 3)
        }) { client, app in
            var statuses: [Int] = []
            for _ in 0..<8 { statuses.append(Int(try await client.execute(uri: "/healthz", method: .get).status.code)) }
            #expect(statuses.prefix(5).allSatisfy { $0 == 200 } && statuses.suffix(2).allSatisfy { $0 == 429 }, "\(statuses)")

            var bad = HTTPFields()
            bad[.authorization] = "Bearer stw_not-a-token"
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/v1/models/x", method: .get, headers: bad)
                #expect(response.status == .unauthorized)
            }
            let blocked = try await client.execute(uri: "/api/v1/models/x", method: .get, headers: bad)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.json["code"] as? String == "rate_limited")
            #expect(blocked.headers[.init("RateLimit-Policy")!] == #""auth_failures";q=3;w=30"#)
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Read the registry directly: this address has used up its budget for /metrics too.
            let metrics = String(decoding: MetricsSetup.registry.emitToBuffer(), as: UTF8.self)
            #expect(metrics.contains(#"steward_auth_failures_total{reason="invalid_credentials"}"#))
            #expect(metrics.contains("steward_limit_max_inflight "))
            #expect(metrics.contains(#"steward_limit_rate_per_second{class="upload_bytes"}"#))
        }
    }
}
