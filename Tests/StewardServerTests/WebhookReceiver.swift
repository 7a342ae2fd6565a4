import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StewardTestSupport

/// A real webhook receiver on loopback (a small Hummingbird server inside the test). It verifies
/// every Standard Webhooks signature with the secret registered for its path, records each receipt
/// (with the `webhook-id` and the event it carried) and answers per path: 200, a failure status, or
/// slowly (to catch a sender mid-request).
final class WebhookReceiver: @unchecked Sendable {
    enum Mode: Sendable { case ok, fail(Int), slow(Duration) }

    struct Receipt: Sendable {
        var path: String
        var webhookID: String
        var eventID: String
        var type: String
        var signatureValid: Bool
        var answered: Int
        /// The request body (issue 7: retraining triggers check their evidence).
        var body = Data()
    }

    let port: Int
    private let lock = NSLock()
    private var stored: [Receipt] = []
    private var secrets: [String: String] = [:]
    private var modes: [String: Mode] = [:]
    private var inFlightCount = 0
    private var task: Task<Void, any Error>?

    private init(port: Int) { self.port = port }

    static func start() async throws -> WebhookReceiver {
        let receiver = WebhookReceiver(port: try FreePort.pick())
        let router = Router()
        router.get("health") { _, _ in "ok" }
        router.post("hook/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let body = try await request.body.collect(upTo: 1 << 20)
            let status = await receiver.receive(name: name, headers: request.headers, body: Data(buffer: body))
            return Response(status: .init(code: status))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: receiver.port)))
        receiver.task = Task { try await app.runService(gracefulShutdownSignals: []) }
        for _ in 0..<100 {
            if (try? await HTTP.get("http://127.0.0.1:\(receiver.port)/health")) == 200 { return receiver }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("the webhook receiver did not start")
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/hook/\(name)" }
    func setSecret(_ name: String, _ secret: String) { lock.withLock { secrets[name] = secret } }
    func setMode(_ name: String, _ mode: Mode) { lock.withLock { modes[name] = mode } }
    var receipts: [Receipt] { lock.withLock { stored } }
    var inFlight: Int { lock.withLock { inFlightCount } }

    func stop() { task?.cancel() }

    private func receive(name: String, headers: HTTPFields, body: Data) async -> Int {
        func header(_ field: String) -> String { headers[HTTPField.Name(field)!] ?? "" }
        let (secret, mode) = lock.withLock { (secrets[name], modes[name] ?? .ok) }
        let id = header("webhook-id"), timestamp = header("webhook-timestamp")
        var valid = false
        if let secret, let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count))) {
            let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).".utf8) + body, using: SymmetricKey(data: key))
            let expected = "v1," + Data(mac).base64EncodedString()
            valid = header("webhook-signature").split(separator: " ").contains { $0 == expected }
        }
        let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let status: Int
        switch mode {
        case .ok: status = valid ? 200 : 401
        case .fail(let code): status = code
        case .slow(let delay):
            lock.withLock { inFlightCount += 1 }
            try? await Task.sleep(for: delay)
            lock.withLock { inFlightCount -= 1 }
            status = 200
        }
        lock.withLock {
            stored.append(Receipt(path: name, webhookID: id, eventID: json["event_id"] as? String ?? "", type: json["type"] as? String ?? "",
                                  signatureValid: valid, answered: status, body: body))
        }
        return status
    }
}
