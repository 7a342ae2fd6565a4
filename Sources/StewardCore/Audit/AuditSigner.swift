import Crypto
import Foundation

/// Signs audit tree heads with an Ed25519 key (kept in the data directory or given by
/// configuration; every replica of one deployment uses the same key).
public struct AuditSigner: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// A signer from the 32-byte raw private key.
    public init(rawPrivateKey: Data) throws {
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
        } catch {
            throw DomainError(.invalid, code: "invalid_signing_key", "The audit signing key must be a 32-byte Ed25519 private key.")
        }
    }

    /// A fresh random key.
    public static func generate() -> AuditSigner { AuditSigner(key: Curve25519.Signing.PrivateKey()) }

    init(key: Curve25519.Signing.PrivateKey) { self.key = key }

    public var rawPrivateKey: Data { key.rawRepresentation }
    public var publicKey: AuditPublicKey { AuditPublicKey(key: key.publicKey) }

    /// Signs the head of a tree of `treeSize` entries with root `rootHash`.
    public func sign(treeSize: Int64, rootHash: Data) throws -> Data {
        try key.signature(for: AuditCheckpoint.message(treeSize: treeSize, rootHash: rootHash))
    }
}

/// The public half of the audit signing key, as verifiers hold it.
public struct AuditPublicKey: Sendable, Equatable {
    let key: Curve25519.Signing.PublicKey

    init(key: Curve25519.Signing.PublicKey) { self.key = key }

    /// From the 32-byte raw public key (or its base64 text).
    public init(raw: Data) throws {
        do {
            key = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw DomainError(.invalid, code: "invalid_public_key", "The audit public key must be a 32-byte Ed25519 public key.")
        }
    }

    public init(base64: String) throws {
        guard let raw = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw DomainError(.invalid, code: "invalid_public_key", "The audit public key is not base64.")
        }
        try self.init(raw: raw)
    }

    public var raw: Data { key.rawRepresentation }
    public var base64: String { raw.base64EncodedString() }
    /// A short identifier: the first 8 bytes of SHA-256 of the raw key, in hex.
    public var keyID: String { SHA256.hash(data: raw).prefix(8).map { String(format: "%02x", $0) }.joined() }

    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public static func == (lhs: AuditPublicKey, rhs: AuditPublicKey) -> Bool { lhs.raw == rhs.raw }
}
