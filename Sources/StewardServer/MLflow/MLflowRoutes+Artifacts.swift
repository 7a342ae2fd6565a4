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
            return try await Self.download(file, request: request, context: context, blobs: blobs)
        }
        group.delete("artifacts/**") { request, context in
            try await tracking.deleteArtifacts(path: try Self.artifactPath(request), by: try context.requirePrincipal())
            return Self.empty.response()
        }
        group.post("mpu/create/**") { _, _ -> Response in
            // Deliberate protocol answer, not a stub: stock MLflow answers a store without multipart
            // support with exactly this 501 and message, and the client then falls back to one plain
            // streaming PUT (MLflowWireTests checks it). server-info advertises no multipart support.
            throw MLflowError(status: .notImplemented, code: "NOT_IMPLEMENTED",
                              message: "Multipart upload is not supported for the current artifact repository")
        }
    }

    /// The artifact path of an `artifacts/<path>` route, from the raw URI (percent-decoded).
    static func artifactPath(_ request: Request) throws -> String {
        let marker = "/mlflow-artifacts/artifacts/"
        guard let range = request.uri.path.range(of: marker) else { throw MLflowError.invalid("Invalid path") }
        let encoded = String(request.uri.path[range.upperBound...])
        guard let decoded = encoded.removingPercentEncoding else { throw MLflowError.invalid("Invalid path") }
        return try validated(decoded)
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

    /// Streams a stored artifact (or a requested byte range).
    static func download(_ file: ArtifactFile, request: Request, context: StewardRequestContext, blobs: LocalBlobStore) async throws -> Response {
        let etag = "\"\(file.sha256)\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.acceptRanges] = "bytes"
        headers[.contentType] = "application/octet-stream"
        let filename = (file.path as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "")
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        guard blobs.contains(file.sha256) else {
            context.logger.error("blob missing for artifact", metadata: ["sha256": "\(file.sha256)"])
            throw DomainError(.unavailable, code: "unavailable", "The artifact's bytes are not available on this server.")
        }
        let range = try ByteRange.parse(request.headers[.range], size: file.size, ifRange: request.headers[.ifRange], etag: etag)
        var status = HTTPResponse.Status.ok
        var span: ClosedRange<Int64>? = file.size > 0 ? 0...(file.size - 1) : nil
        if case .partial(let requested) = range {
            status = .partialContent
            span = requested
            headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound)/\(file.size)"
        }
        headers[.contentLength] = String(span.map { $0.upperBound - $0.lowerBound + 1 } ?? 0)
        guard let span else { return Response(status: status, headers: headers) }
        let body = try await FileIO().loadFile(path: blobs.path(for: file.sha256), range: Int(span.lowerBound)...Int(span.upperBound),
                                               context: context, chunkLength: 256 * 1024)
        return Response(status: status, headers: headers, body: body)
    }
}
