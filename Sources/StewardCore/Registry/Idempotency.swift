import Crypto
import Foundation

/// A create that carried an `Idempotency-Key`: which resource it produced, for which request.
///
/// Recorded in the same transaction as the create, so a retried request (same principal, same key)
/// gets the resource the first one made, even when the first response was lost; the same key with
/// a different request is refused rather than silently ignored.
public struct IdempotencyRecord: Sendable, Equatable {
    public var principalID: String
    public var key: String
    /// What was created: `model` or `version`.
    public var scope: String
    /// SHA-256 of the request's canonical description.
    public var fingerprint: String
    /// Id of the created model or version.
    public var resourceID: String
    public var createdAt: Date

    public init(principalID: String, key: String, scope: String, fingerprint: String, resourceID: String, createdAt: Date) {
        self.principalID = principalID
        self.key = key
        self.scope = scope
        self.fingerprint = fingerprint
        self.resourceID = resourceID
        self.createdAt = createdAt
    }

    /// Validates a key as sent in the header: 1–255 visible ASCII characters.
    public static func validate(_ key: String) throws {
        guard !key.isEmpty, key.utf8.count <= 255, key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw DomainError.invalidField("Idempotency-Key", "must be 1 to 255 visible ASCII characters")
        }
    }

    /// The fingerprint of a request described by `parts`.
    public static func fingerprint(_ parts: [String]) -> String {
        SHA256.hash(data: Data(parts.joined(separator: "\u{1f}").utf8)).hexString
    }

    static func reused(_ key: String) -> DomainError {
        DomainError(.conflict, code: "idempotency_key_reused",
                    "Idempotency-Key '\(key)' was already used for a different request.")
    }
}
