import Crypto
import CryptoExtras
import Foundation

/// Password hashing with scrypt (memory-hard): `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url).
/// Parameters travel with each hash, so they can be raised later without breaking old hashes.
public enum PasswordHasher {
    /// N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per hash on this class of machine.
    static let rounds = 1 << 15
    static let blockSize = 8
    static let parallelism = 1
    static let minimumLength = 12

    /// Checks a new password against the policy (length; no control characters).
    public static func validate(_ password: String) throws {
        guard password.count >= minimumLength, password.count <= 1024 else {
            throw DomainError.invalidField("password", "must be between \(minimumLength) and 1024 characters")
        }
    }

    /// Hashes a password with a fresh random salt.
    public static func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let key = try derive(password, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(salt.base64URLEncoded)$\(key.base64URLEncoded)"
    }

    /// True when `password` matches `encoded`. The comparison takes the same time wherever the
    /// first difference is.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let parts = encoded.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              n <= 1 << 20, r <= 32, p <= 16,
              let salt = Data(base64URLEncoded: parts[4]), let expected = Data(base64URLEncoded: parts[5]),
              let actual = try? derive(password, salt: salt, rounds: n, blockSize: r, parallelism: p) else { return false }
        return constantTimeEqual(actual, expected)
    }

    private static func derive(_ password: String, salt: Data, rounds: Int, blockSize: Int, parallelism: Int) throws -> Data {
        let key = try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: 32, rounds: rounds,
                                           blockSize: blockSize, parallelism: parallelism, maxMemory: 256 << 20)
        return key.withUnsafeBytes { Data($0) }
    }

    /// Compares two byte strings without an early exit.
    public static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
