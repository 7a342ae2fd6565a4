import Foundation

/// Paths in the tracking artifact store, the tree behind MLflow's `mlflow-artifacts:/` scheme:
/// `<experiment>/<run>/artifacts/…` for run artifacts and `<experiment>/models/<model>/artifacts/…`
/// for logged models. The bytes are blobs in the content-addressed blob store; an index maps each
/// path to its SHA-256 and size.
public enum ArtifactLocation {
    public static let scheme = "mlflow-artifacts:"

    /// The URI of a path: `mlflow-artifacts:/<path>`.
    public static func uri(_ path: String) -> String { "\(scheme)/\(path)" }

    /// The path of an `mlflow-artifacts:` URI (`mlflow-artifacts:/a/b`, `mlflow-artifacts:///a/b` or
    /// `mlflow-artifacts://host/a/b`), without leading or trailing slashes; nil for other schemes.
    public static func path(of uri: String) -> String? {
        guard uri.hasPrefix(scheme) else { return nil }
        var rest = Substring(uri.dropFirst(scheme.count))
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            // An authority (host) may precede the path; MLflow ignores it for the proxy.
            if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] } else { rest = "" }
        }
        return rest.split(separator: "/").joined(separator: "/")
    }

    /// Root of a run's artifacts.
    public static func runRoot(experimentID: String, runID: String) -> String { "\(experimentID)/\(runID)/artifacts" }

    /// Root of a logged model's artifacts.
    public static func modelRoot(experimentID: String, modelID: String) -> String { "\(experimentID)/models/\(modelID)/artifacts" }

    /// Validates a relative path inside the artifact store: no `..`, `.`, empty segments,
    /// backslashes or control characters. The empty path (the root) is allowed.
    public static func validate(_ path: String) throws -> String {
        if path.isEmpty { return path }
        _ = try ArtifactPath(path)
        return path
    }
}

/// One stored artifact file: its full path in the artifact store, SHA-256 and size.
public struct ArtifactFile: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var size: Int64

    public init(path: String, sha256: String, size: Int64) {
        self.path = path
        self.sha256 = sha256
        self.size = size
    }
}

/// One entry of a directory listing.
public struct ArtifactListEntry: Sendable, Equatable {
    /// Path relative to the listed directory's parent root, as MLflow returns it.
    public var path: String
    public var isDirectory: Bool
    public var size: Int64?

    public init(path: String, isDirectory: Bool, size: Int64?) {
        self.path = path
        self.isDirectory = isDirectory
        self.size = size
    }
}
