import Crypto
import Foundation

/// Standard Webhooks signing secrets: `whsec_` followed by the base64 of 32 random bytes. The
/// server generates them (callers never choose a weak one) and shows each once.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    public static func generate() -> String {
        prefix + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// The key bytes of a secret (nil when it is not a `whsec_` base64 secret).
    public static func keyBytes(_ secret: String) -> Data? {
        guard secret.hasPrefix(prefix) else { return nil }
        return Data(base64Encoded: String(secret.dropFirst(prefix.count)))
    }
}
