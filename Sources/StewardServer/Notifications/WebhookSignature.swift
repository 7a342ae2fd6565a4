import Crypto
import Foundation
import StewardCore

/// Standard Webhooks signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`,
/// keyed with the decoded bytes of the `whsec_` secret.
enum WebhookSignature {
    static func sign(secret: String, id: String, timestamp: Int64, body: Data) -> String? {
        guard let key = WebhookSecret.keyBytes(secret) else { return nil }
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The JSON body of an event: `type`, `timestamp` (the event's time), `event_id`, `model` and
    /// `data` (the event's payload).
    static func body(_ event: DomainEvent) -> Data {
        let document: JSONValue = .object([
            "type": .string(event.type), "timestamp": .string(Timestamp.format(event.createdAt)), "event_id": .string(event.id),
            "model": event.model.map(JSONValue.string) ?? .null, "data": event.payload,
        ])
        return Data(document.jsonText.utf8)
    }
}
