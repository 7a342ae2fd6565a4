/// A validated relative file path inside a model version, such as `model/weights.bin`.
///
/// Paths are the keys of a version's manifest and end up as parts of URLs and download targets, so
/// anything that could escape a directory or confuse a file system is refused: absolute paths, `..`,
/// `.`, empty segments, backslashes and control characters.
public struct ArtifactPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Maximum length in UTF-8 bytes.
    public static let maxBytes = 1024

    public let value: String

    /// Validates `raw`, which must already be percent-decoded.
    public init(_ raw: String) throws {
        func bad(_ message: String) -> DomainError {
            DomainError(.invalid, code: "invalid_path", "Invalid file path: \(message).",
                        fieldErrors: [FieldError(field: "path", message: message)])
        }
        if raw.isEmpty { throw bad("the path is empty") }
        if raw.utf8.count > Self.maxBytes { throw bad("longer than \(Self.maxBytes) bytes") }
        if raw.hasPrefix("/") { throw bad("absolute paths are not allowed") }
        if raw.contains("\\") { throw bad("backslashes are not allowed") }
        if raw.containsControlCharacter { throw bad("control characters are not allowed") }
        for segment in raw.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw bad("empty path segments are not allowed") }
            if segment == "." || segment == ".." { throw bad("'.' and '..' segments are not allowed") }
        }
        value = raw
    }

    public var description: String { value }
    public static func < (lhs: ArtifactPath, rhs: ArtifactPath) -> Bool { lhs.value < rhs.value }
}
