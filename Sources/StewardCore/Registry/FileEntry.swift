import Crypto
import Foundation

/// One file of a version's manifest: its path, the SHA-256 of its bytes, and its size.
public struct FileEntry: Sendable, Equatable, Codable {
    public var path: String
    /// Lower-case hex SHA-256 of the content; also the blob's address in the blob store.
    public var sha256: String
    public var size: Int64

    public init(path: String, sha256: String, size: Int64) {
        self.path = path
        self.sha256 = sha256
        self.size = size
    }
}

/// The frozen list of a sealed version's files and its digest.
public enum Manifest {
    /// The digest that identifies a manifest: SHA-256 over its canonical encoding, one line per file
    /// sorted by path (byte order): `<sha256> <size> <path>\n`. Paths cannot contain control
    /// characters (see `ArtifactPath`), so the encoding is unambiguous.
    public static func digest(of files: [FileEntry]) -> String {
        var hasher = SHA256()
        for file in files.sorted(by: { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }) {
            hasher.update(data: Data("\(file.sha256) \(file.size) \(file.path)\n".utf8))
        }
        return hasher.finalize().hexString
    }

    /// True when `text` is 64 lower-case hex characters.
    public static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal rendering.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
