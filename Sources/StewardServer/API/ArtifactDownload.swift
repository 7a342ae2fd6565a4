import Foundation
import Hummingbird
import StewardCore
import StewardStorage

/// The one response that streams an artifact file from the blob store, for every door that serves
/// files (the API's `GET`/`HEAD …/files/{path}` and the web UI's download links): `ETag` = the
/// file's SHA-256, `If-None-Match`, a single `Range` (with `If-Range`), `Content-Disposition:
/// attachment` and the deprecation headers. The caller has already found the file through
/// `Registry.file`, which authorizes the read and audits it for restricted models.
struct ArtifactDownload: Sendable {
    let blobs: LocalBlobStore

    func response(_ entry: FileEntry, of version: ModelVersion, request: Request, context: some RequestContext,
                  headOnly: Bool = false) async throws -> Response {
        try await stream(sha256: entry.sha256, path: entry.path, size: entry.size, request: request, context: context,
                         headOnly: headOnly) { DeprecationHeaders.add(version, to: &$0) } // issue 6
    }

    /// Streams the blob `sha256` as the file `path` of `size` bytes: the whole file or one requested
    /// range, answering `If-None-Match` with 304. Also the MLflow artifact proxy's download, which
    /// has no version and so no deprecation headers.
    func stream(sha256: String, path: String, size: Int64, request: Request, context: some RequestContext,
                headOnly: Bool = false, extraHeaders: (inout HTTPFields) -> Void = { _ in }) async throws -> Response {
        let etag = "\"\(sha256)\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.acceptRanges] = "bytes"
        headers[.contentType] = "application/octet-stream"
        let filename = (path as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "")
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        extraHeaders(&headers)
        if let ifNoneMatch = request.headers[.ifNoneMatch], ifNoneMatch.contains(etag) || ifNoneMatch == "*" {
            return Response(status: .notModified, headers: headers)
        }
        guard blobs.contains(sha256) else {
            context.logger.error("blob missing for manifest entry", metadata: ["sha256": "\(sha256)"])
            throw DomainError(.unavailable, code: "unavailable", "The file's bytes are not available on this server.")
        }
        let range = try ByteRange.parse(request.headers[.range], size: size,
                                        ifRange: request.headers[.ifRange], etag: etag)
        let status: HTTPResponse.Status
        let span: ClosedRange<Int64>?
        switch range {
        case .whole:
            status = .ok
            span = size > 0 ? 0...(size - 1) : nil
        case .partial(let requested):
            status = .partialContent
            span = requested
            headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound)/\(size)"
        }
        headers[.contentLength] = String(span.map { $0.upperBound - $0.lowerBound + 1 } ?? 0)
        guard let span, !headOnly else { return Response(status: status, headers: headers) }
        let body = try await FileIO().loadFile(path: blobs.path(for: sha256), range: Int(span.lowerBound)...Int(span.upperBound),
                                               context: context, chunkLength: 256 * 1024)
        return Response(status: status, headers: headers, body: body)
    }
}
