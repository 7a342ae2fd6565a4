import Crypto
import Foundation

/// Bearer tokens: random secrets with a recognisable prefix, shown once and stored only as a hash.
public enum AccessToken {
    /// Prefix that makes Steward tokens recognisable (for secret scanners and humans).
    public static let prefix = "stw_"

    /// A new random token: `stw_` followed by 43 base64url characters (256 bits).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64URLEncoded
    }

    /// The stored form of a token: hex SHA-256. Lookups compare hashes, so the secret itself is never
    /// compared character by character and never stored.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}

/// A stored token record (never the secret).
public struct TokenRecord: Sendable, Equatable {
    public var id: String
    /// SHA-256 of the secret.
    public var hash: String
    /// The account the token acts for.
    public var accountID: String
    /// A label chosen by its creator ("ci", "laptop").
    public var name: String
    public var scopes: Set<TokenScope>
    public var createdAt: Date
    public var createdBy: String
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(id: String, hash: String, accountID: String, name: String, scopes: Set<TokenScope>, createdAt: Date,
                createdBy: String, expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil) {
        self.id = id
        self.hash = hash
        self.accountID = accountID
        self.name = name
        self.scopes = scopes
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// True when the token may be used at `now`.
    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    public var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding.
    public init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        self.init(base64Encoded: base64)
    }
}
