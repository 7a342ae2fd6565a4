import AsyncHTTPClient
import Foundation
import NIOCore
import StewardTestSupport
import Testing

/// Webhook delivery end to end, against real `steward serve` processes and a real receiver on
/// loopback that checks every signature. The contract is at-least-once: a delivery whose sender
/// died (SIGKILL mid-request) is sent again once its lease expires, with the same `webhook-id`, so
/// receivers deduplicate on it; in the normal case each event reaches each endpoint once.
@Suite("Webhook delivery (real processes)", .serialized)
struct WebhookDeliveryTests {
    /// Fast retries, short lease and timeout, loopback targets allowed, no write rate limit.
    static let environment = [
        "STEWARD_WEBHOOKS_ALLOW_PRIVATE": "1", "STEWARD_WEBHOOKS_RETRY_BASE_MS": "200", "STEWARD_WEBHOOKS_TIMEOUT_MS": "5000",
        "STEWARD_WEBHOOKS_LEASE_SECONDS": "7", "STEWARD_RATE_WRITES": "off", "STEWARD_RATE_READS": "off",
    ]

    @Test func everyEventArrivesAcrossAKillAndRestart() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        var server = try await ServerProcess(dataDirectory: directory + "/data", database: nil, extraEnvironment: Self.environment)
        defer { server.terminateNow() }
        try await Self.seed(server)
        let subscription = try await Self.subscribe(server, receiver, "a")
        // The endpoint fails at first: ten moves stay pending, retried with backoff.
        receiver.setMode("a", .fail(503))
        for i in 0..<10 { try await Self.move(server, to: i % 2 + 1) }
        let failed = try await Self.eventually(10) { // recorded failures, so a batch in flight is not mistaken for them
            let page = try await HTTP.send(.GET, server.baseURL + "/api/v1/subscriptions/\(subscription.id)/deliveries?max_results=100",
                                           token: server.adminToken)
            return (page.json["deliveries"] as? [[String: Any]] ?? []).contains { ($0["last_status"] as? Int) == 503 }
        }
        #expect(failed, "the failing endpoint was tried and the failure recorded")
        // Now it answers slowly: kill the server while a request is in flight.
        receiver.setMode("a", .slow(.seconds(2)))
        #expect(try await Self.eventually(10, every: .milliseconds(10)) { receiver.inFlight > 0 })
        _ = await server.stop(signal: SIGKILL)
        receiver.setMode("a", .ok)
        server = try await ServerProcess(dataDirectory: directory + "/data", database: nil, extraEnvironment: Self.environment)
        for i in 0..<5 { try await Self.move(server, to: i % 2 + 1) } // the alias is at 2: each of these moves it
        // Fifteen moves, fifteen events: each is recorded delivered (the one in flight at the kill is
        // sent again once its lease expires), each under one webhook-id.
        var deliveries: [[String: Any]] = []
        let delivered = try await Self.eventually(40) {
            let history = try await HTTP.send(.GET, server.baseURL + "/api/v1/subscriptions/\(subscription.id)/deliveries?max_results=100",
                                              token: server.adminToken)
            deliveries = history.json["deliveries"] as? [[String: Any]] ?? []
            return deliveries.count == 15 && deliveries.allSatisfy { $0["state"] as? String == "delivered" }
        }
        #expect(delivered, "\(deliveries.map { $0["state"] ?? "-" })")
        let receipts = receiver.receipts
        #expect(Set(receipts.filter { $0.answered == 200 }.map(\.eventID)).count == 15, "every event arrived")
        #expect(receipts.allSatisfy { $0.signatureValid }, "every request is signed with the subscription's secret")
        let idsByEvent = Dictionary(grouping: receipts, by: \.eventID).mapValues { Set($0.map(\.webhookID)) }
        #expect(idsByEvent.count == 15 && idsByEvent.values.allSatisfy { $0.count == 1 }, "one webhook-id per event, retries and duplicates included")
        let answeredTwice = Dictionary(grouping: receipts.filter { $0.answered == 200 }, by: \.webhookID).filter { $0.value.count > 1 }
        #expect(!answeredTwice.isEmpty, "the delivery in flight at the kill arrived twice, under the same webhook-id")
        #expect(receipts.allSatisfy { $0.type == "alias.moved" })
        #expect(deliveries.contains { ($0["history"] as? [[String: Any]])?.contains { $0["status_code"] as? Int == 503 } == true })
    }

    @Test func failingEndpointsAreDeadLetteredAndReplayed() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        var environment = Self.environment
        environment["STEWARD_WEBHOOKS_MAX_ATTEMPTS"] = "3"
        environment["STEWARD_WEBHOOKS_RETRY_BASE_MS"] = "100"
        let server = try await ServerProcess(dataDirectory: directory + "/data", database: nil, extraEnvironment: environment)
        defer { server.terminateNow() }
        try await Self.seed(server)
        receiver.setMode("d", .fail(500))
        // Through the CLI: subscribe, list deliveries, replay.
        let created = try StewardCommand.run(["subscriptions", "create", "--model", "m", "--events", "alias.moved", "--url", receiver.url("d"),
                                              "--format", "json"], server: server.baseURL, token: server.adminToken)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(created.json["id"] as? String)
        receiver.setSecret("d", try #require(created.json["secret"] as? String))
        let start = Date().addingTimeInterval(-1)
        try await Self.move(server, to: 1)
        try await Self.move(server, to: 2)
        let dead = try await Self.eventually(20) {
            let page = try await HTTP.send(.GET, server.baseURL + "/api/v1/subscriptions/\(id)/deliveries?state=dead", token: server.adminToken)
            return (page.json["deliveries"] as? [Any])?.count == 2
        }
        #expect(dead, "both deliveries reach the dead-letter state after 3 attempts")
        let page = try await HTTP.send(.GET, server.baseURL + "/api/v1/subscriptions/\(id)/deliveries", token: server.adminToken)
        for delivery in page.json["deliveries"] as? [[String: Any]] ?? [] {
            let history = delivery["history"] as? [[String: Any]] ?? []
            // Each attempt failed: the endpoint's 500 (or, on a very loaded machine, a timeout).
            #expect(history.count == 3 && history.allSatisfy { $0["status_code"] as? Int == 500 || $0["error"] is String }, "\(history)")
            #expect(delivery["last_status"] as? Int == 500 && delivery["attempts"] as? Int == 3)
        }
        let table = try StewardCommand.run(["subscriptions", "deliveries", id, "--state", "dead"], server: server.baseURL, token: server.adminToken)
        #expect(table.status == 0 && table.stdout.contains("dead"), "\(table.stdout)\(table.stderr)")
        #expect(receiver.receipts.count == 6)
        // The endpoint is fixed: replay from a time sends both again, with their original ids.
        receiver.setMode("d", .ok)
        let replay = try StewardCommand.run(["subscriptions", "replay", id, "--since", ISO8601DateFormatter().string(from: start), "--format", "json"],
                                            server: server.baseURL, token: server.adminToken)
        #expect(replay.status == 0 && replay.json["requeued"] as? Int == 2, "\(replay.stdout)\(replay.stderr)")
        #expect(try await Self.eventually(20) { receiver.receipts.filter { $0.answered == 200 }.count == 2 })
        let byID = Dictionary(grouping: receiver.receipts, by: \.webhookID)
        #expect(byID.count == 2 && byID.values.allSatisfy { $0.count == 4 && Set($0.map(\.eventID)).count == 1 })
        #expect(receiver.receipts.allSatisfy { $0.signatureValid })
        // Replay from the second event on: only it is sent again.
        let events = (page.json["deliveries"] as? [[String: Any]] ?? []).compactMap { $0["event_id"] as? String } // newest first
        let fromEvent = try await HTTP.send(.POST, server.baseURL + "/api/v1/subscriptions/\(id)/replay", token: server.adminToken,
                                            json: #"{"from_event_id":"\#(events[0])"}"#)
        #expect(fromEvent.json["requeued"] as? Int == 1, "\(fromEvent.text)")
        #expect(try await Self.eventually(20) { receiver.receipts.filter { $0.answered == 200 }.count == 3 })
        #expect(receiver.receipts.filter { $0.answered == 200 }.last?.eventID == events[0])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["STEWARD_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false))
    func twoReplicasOnOnePostgresDeliverEachEventOnce() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let url = try await TestDatabase.postgres.create(in: directory)
        var environment = Self.environment
        environment["STEWARD_WEBHOOKS_LEASE_SECONDS"] = "30" // far above a send: no takeover in the normal case
        // Both replicas share the data directory's admin token and audit key, as replicas share secrets.
        let first = try await ServerProcess(dataDirectory: directory + "/data", database: url, extraEnvironment: environment)
        defer { first.terminateNow() }
        let second = try await ServerProcess(dataDirectory: directory + "/data", database: url, extraEnvironment: environment)
        defer { second.terminateNow() }
        try await Self.seed(first)
        for name in ["r1", "r2", "r3", "r4", "r5"] { _ = try await Self.subscribe(first, receiver, name) }
        for i in 0..<20 { try await Self.move(i % 2 == 0 ? first : second, to: i % 2 + 1) }
        let all = try await Self.eventually(30) { Set(receiver.receipts.map(\.webhookID)).count >= 100 }
        try await Task.sleep(for: .seconds(2)) // let any duplicate show up
        let receipts = receiver.receipts
        #expect(all, "\(Set(receipts.map(\.webhookID)).count) of 100 deliveries arrived")
        #expect(receipts.count == 100, "each (event, endpoint) delivered exactly once by the two replicas: \(receipts.count) receipts")
        #expect(receipts.allSatisfy { $0.signatureValid && $0.answered == 200 })
        await TestDatabase.drop(url)
    }

    @Test func serverSentEventsCarryAliasMovesAndResume() async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let server = try await ServerProcess(dataDirectory: directory + "/data", database: nil, extraEnvironment: Self.environment)
        defer { server.terminateNow() }
        try await Self.seed(server)
        let feed = try await HTTP.send(.POST, server.baseURL + "/api/v1/subscriptions", token: server.adminToken,
                                       json: #"{"model":"m","event_types":["alias.moved"],"feed":true}"#)
        #expect(feed.status == 201)
        let stream = SSEReader(url: server.baseURL + "/api/v1/feed/stream", token: server.adminToken)
        let first = Task { try await stream.read(until: 1) }
        #expect(try await Self.eventually(10) { stream.connected })
        try await Self.move(server, to: 1)
        let events = try await first.value
        #expect(events.count == 1 && events[0].type == "alias.moved" && events[0].data.contains(#""to":1"#), "\(events)")
        // Two more moves while disconnected; resuming after the first delivers exactly those.
        try await Self.move(server, to: 2)
        try await Self.move(server, to: 1)
        let resumed = SSEReader(url: server.baseURL + "/api/v1/feed/stream", token: server.adminToken, lastEventID: events[0].id)
        let more = try await resumed.read(until: 2)
        #expect(more.map(\.type) == ["alias.moved", "alias.moved"] && more[0].data.contains(#""to":2"#) && more[1].data.contains(#""to":1"#))
        #expect(Set(more.map(\.id)).count == 2 && !more.map(\.id).contains(events[0].id))
    }

    // MARK: Helpers

    static func seed(_ server: ServerProcess) async throws {
        let token = server.adminToken
        #expect(try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"m"}"#).status == 201)
        for number in 1...2 {
            _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models/m/versions", token: token, json: "{}")
            _ = try await HTTP.send(.PUT, server.baseURL + "/api/v1/models/m/versions/\(number)/files/w.bin", token: token,
                                    body: .bytes(ByteBuffer(string: "w\(number)")))
            #expect(try await HTTP.send(.POST, server.baseURL + "/api/v1/models/m/versions/\(number)/finalize", token: token).status == 200)
        }
    }

    static func subscribe(_ server: ServerProcess, _ receiver: WebhookReceiver, _ name: String) async throws -> (id: String, secret: String) {
        let response = try await HTTP.send(.POST, server.baseURL + "/api/v1/subscriptions", token: server.adminToken,
                                           json: #"{"model":"m","event_types":["alias.moved"],"webhook_url":"\#(receiver.url(name))"}"#)
        #expect(response.status == 201, "\(response.text)")
        let id = try #require(response.json["id"] as? String), secret = try #require(response.json["secret"] as? String)
        receiver.setSecret(name, secret)
        return (id, secret)
    }

    static func move(_ server: ServerProcess, to version: Int) async throws {
        let response = try await HTTP.send(.PUT, server.baseURL + "/api/v1/models/m/aliases/prod", token: server.adminToken,
                                           json: #"{"version":\#(version)}"#)
        #expect(response.status == 200, "\(response.text)")
    }

    static func eventually(_ seconds: Double, every interval: Duration = .milliseconds(100), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: interval)
        }
        return try await condition()
    }
}

/// Reads a Server-Sent Events stream over a real connection until it has seen `count` events.
final class SSEReader: @unchecked Sendable {
    struct Event: Sendable, CustomStringConvertible {
        var id = "", type = "", data = ""
        var description: String { "\(id) \(type) \(data)" }
    }

    let url: String, token: String, lastEventID: String?
    private let lock = NSLock()
    private var isConnected = false
    var connected: Bool { lock.withLock { isConnected } }

    init(url: String, token: String, lastEventID: String? = nil) {
        self.url = url
        self.token = token
        self.lastEventID = lastEventID
    }

    func read(until count: Int) async throws -> [Event] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        guard response.status == .ok, response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true else {
            throw TestSetupError("stream answered \(response.status)")
        }
        var text = "", events: [Event] = []
        for try await chunk in response.body {
            text += String(buffer: chunk)
            if text.contains("retry:") { lock.withLock { isConnected = true } }
            while let end = text.range(of: "\n\n") {
                let block = text[..<end.lowerBound]
                text = String(text[end.upperBound...])
                var event = Event()
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("id: ") { event.id = String(line.dropFirst(4)) }
                    if line.hasPrefix("event: ") { event.type = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { event.data = String(line.dropFirst(6)) }
                }
                if !event.id.isEmpty { events.append(event) }
                if events.count >= count { return events } // leaving the loop closes the connection
            }
        }
        return events
    }
}
