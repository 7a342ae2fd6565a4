import Foundation
import StewardCore

/// The Ed25519 key that signs audit tree heads: read from `--audit-signing-key` when given (all
/// replicas of a deployment must share it), else `<data-dir>/audit-signing.key`, created on first
/// start with mode 0600. The file holds the base64 of the 32-byte private key.
enum AuditKeyFile {
    static func load(configured: String?, dataDirectory: String) throws -> AuditSigner {
        if let configured { return try read(configured) }
        let path = dataDirectory + "/audit-signing.key"
        if FileManager.default.fileExists(atPath: path) { return try read(path) }
        let signer = AuditSigner.generate()
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            // Another process created it first: use theirs.
            if errno == EEXIST { return try read(path) }
            throw DomainError(.unavailable, code: "audit_key_unwritable", "Cannot create the audit signing key at \(path).")
        }
        defer { close(fd) }
        let bytes = Array((signer.rawPrivateKey.base64EncodedString() + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw DomainError(.unavailable, code: "audit_key_unwritable", "Cannot write the audit signing key at \(path).")
        }
        return signer
    }

    static func read(_ path: String) throws -> AuditSigner {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DomainError(.invalid, code: "audit_key_unreadable", "Cannot read the audit signing key file \(path).")
        }
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw DomainError(.invalid, code: "invalid_signing_key", "The audit signing key file \(path) must hold base64 text.")
        }
        return try AuditSigner(rawPrivateKey: raw)
    }
}
