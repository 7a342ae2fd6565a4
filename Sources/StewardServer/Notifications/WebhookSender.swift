import AsyncHTTPClient
import Foundation
import NIOCore
import StewardCore
import StewardStorage

/// Sends one claimed delivery: re-checks the target address (DNS may have changed since the
/// subscription was made), signs per Standard Webhooks and POSTs the event as JSON. Never follows
/// redirects (a redirect could point anywhere, including inside the network) and never throws:
/// every failure becomes an outcome with its reason.
struct WebhookSender: Sendable {
    let client: HTTPClient
    let configuration: WebhookConfiguration

    /// The client outgoing webhooks use: no redirects, no proxy, bounded connect and read times,
    /// enough connections per host for one batch in parallel.
    static func makeClient(_ configuration: WebhookConfiguration) -> HTTPClient {
        let timeout = TimeAmount.milliseconds(configuration.timeout.milliseconds)
        var settings = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                timeout: .init(connect: min(timeout, .seconds(5)), read: timeout))
        settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, configuration.batchSize)
        settings.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    func send(_ delivery: ClaimedDelivery) async -> DeliveryOutcome {
        let started = Date()
        func outcome(_ status: Int?, _ error: String?) -> DeliveryOutcome {
            DeliveryOutcome(id: delivery.id, claim: delivery.claim, attempt: delivery.attempt, statusCode: status, error: error,
                            startedAt: started, durationMilliseconds: Int(Date().timeIntervalSince(started) * 1000))
        }
        do {
            try await WebhookAddress.check(delivery.url, allowPrivate: configuration.allowPrivate)
        } catch let error as DomainError {
            return outcome(nil, "refused: \(error.message)")
        } catch {
            return outcome(nil, "refused: \(error)")
        }
        let body = WebhookSignature.body(delivery.event)
        let timestamp = Int64(Date().timeIntervalSince1970)
        guard let signature = WebhookSignature.sign(secret: delivery.secret, id: delivery.id, timestamp: timestamp, body: body) else {
            return outcome(nil, "the subscription's secret is not a whsec_ secret")
        }
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Steward-Webhooks/1")
        request.headers.add(name: "webhook-id", value: delivery.id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(name: "webhook-signature", value: signature)
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(configuration.timeout.milliseconds))
            _ = try? await response.body.collect(upTo: 64 << 10) // drain (bounded) so the connection is reusable
            let status = Int(response.status.code)
            return outcome(status, (200..<300).contains(status) ? nil : "HTTP \(status)")
        } catch {
            return outcome(nil, Self.describe(error))
        }
    }

    /// A short, secret-free reason for a transport failure.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout: "timed out"
        case let error as HTTPClientError where error == .connectTimeout: "connect timed out"
        default: String(String(describing: error).prefix(300))
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
