import Foundation
import Hummingbird
import StewardCore
import StewardStorage

extension MLflowRoutes {
    /// The `mlflow-artifacts` proxy: uploads stream into the content-addressed blob store and are
    /// indexed by path; downloads stream from it.
    func registerArtifacts(on group: RouterGroup<StewardRequestContext>) {
        let tracking = self.tracking
        let blobs = self.blobs
        let maxBytes = self.maxArtifactBytes
        group.get("artifacts") { request, context in
            let path = try Self.cleanListingPath(request.queryValue("path") ?? "")
            let entries = try await tracking.listArtifacts(path: path, by: try context.requirePrincipal())
            guard !entries.isEmpty else { return Self.empty.response() }
            return MLflowJSON.object([("files", .array(entries.map { entry in
                .object([("path", .string(entry.path)), ("is_dir", .bool(entry.isDirectory)), ("file_size", entry.size.map(MLflowJSON.int))])
            }))]).response()
        }
        group.put("artifacts/**") { request, context in
            let principal = try context.requirePrincipal()
            let path = try tracking.prepareArtifactUpload(path: try Self.artifactPath(request), by: principal)
            if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maxBytes {
                throw MLflowError(status: .contentTooLarge, code: "INVALID_PARAMETER_VALUE", message: "The file is larger than the limit of \(maxBytes) bytes.")
            }
            let blob = try await blobs.ingest(request.body, maxBytes: maxBytes)
            try await tracking.recordArtifact(path: path, sha256: blob.sha256, size: blob.size, by: principal)
            return Response(status: .ok)
        }
        group.get("artifacts/**") { request, context in
            let file = try await tracking.artifact(path: try Self.artifactPath(request), by: try context.requirePrincipal())
            return try await ArtifactDownload(blobs: blobs).stream(sha256: file.sha256, path: file.path, size: file.size,
                                                                    request: request, context: context)
        }
        group.delete("artifacts/**") { request, context in
            try await tracking.deleteArtifacts(path: try Self.artifactPath(request), by: try context.requirePrincipal())
            return Self.empty.response()
        }
        registerMultipartUploads(on: group)
    }

    /// The artifact path of an `artifacts/<path>` route, from the raw URI (percent-decoded).
    static func artifactPath(_ request: Request) throws -> String {
        try validated(try rawPath(request, after: "/mlflow-artifacts/artifacts/"))
    }

    /// The percent-decoded rest of the URI's path after `marker` (not validated yet).
    static func rawPath(_ request: Request, after marker: String) throws -> String {
        guard let range = request.uri.path.range(of: marker),
              let decoded = String(request.uri.path[range.upperBound...]).removingPercentEncoding else {
            throw MLflowError.invalid("Invalid path")
        }
        return decoded
    }

    /// A listing path: slashes at either end are dropped (the client sends none, but a trailing
    /// slash names the same directory).
    static func cleanListingPath(_ path: String) throws -> String {
        try validated(path.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
    }

    /// MLflow answers any traversal attempt with 400 INVALID_PARAMETER_VALUE "Invalid path".
    private static func validated(_ path: String) throws -> String {
        do {
            return try ArtifactLocation.validate(path)
        } catch {
            throw MLflowError.invalid("Invalid path")
        }
    }
}
