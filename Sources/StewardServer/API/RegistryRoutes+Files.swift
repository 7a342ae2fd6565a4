import Foundation
import Hummingbird
import StewardCore

extension RegistryRoutes {
    func registerFiles(on api: RouterGroup<StewardRequestContext>) {
        api.put("models/:name/versions/:version/files/**") { request, context in
            let principal = try context.requirePrincipal()
            let name = try context.parameters.decoded("name")
            let number = try context.parameters.versionNumber()
            let path = try request.artifactPath()
            let expected = try Self.declaredChecksum(request)
            if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maxArtifactBytes {
                throw DomainError(.tooLarge, code: "payload_too_large", "The file is larger than the limit of \(maxArtifactBytes) bytes.")
            }
            // Refuse before reading a single byte when the version cannot take files.
            _ = try await registry.prepareUpload(modelName: name, number: number, by: principal)
            let blob = try await blobs.ingest(request.body, expectedSHA256: expected, maxBytes: maxArtifactBytes)
            let (entry, replaced) = try await registry.attachFile(modelName: name, number: number, path: path,
                                                                  sha256: blob.sha256, size: blob.size, by: principal)
            return try JSONResponse.make(entry, status: replaced ? .ok : .created, etag: "\"\(entry.sha256)\"")
        }
        api.get("models/:name/versions/:version/files/**") { request, context in
            try await download(request, context, headOnly: false)
        }
        api.head("models/:name/versions/:version/files/**") { request, context in
            try await download(request, context, headOnly: true)
        }
        api.delete("models/:name/versions/:version/files/**") { request, context in
            try await registry.removeFile(modelName: try context.parameters.decoded("name"),
                                          number: try context.parameters.versionNumber(),
                                          path: try request.artifactPath(), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
    }

    /// Streams a file (or the requested byte range) from the blob store.
    private func download(_ request: Request, _ context: StewardRequestContext, headOnly: Bool) async throws -> Response {
        let (version, entry) = try await registry.file(modelName: try context.parameters.decoded("name"),
                                                 number: try context.parameters.versionNumber(),
                                                 path: try request.artifactPath(), by: try context.requirePrincipal())
        let etag = "\"\(entry.sha256)\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.acceptRanges] = "bytes"
        headers[.contentType] = "application/octet-stream"
        let filename = (entry.path as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "")
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        DeprecationHeaders.add(version, to: &headers) // issue 6
        if let ifNoneMatch = request.headers[.ifNoneMatch], ifNoneMatch.contains(etag) || ifNoneMatch == "*" {
            return Response(status: .notModified, headers: headers)
        }
        let blobPath = blobs.path(for: entry.sha256)
        guard blobs.contains(entry.sha256) else {
            context.logger.error("blob missing for manifest entry", metadata: ["sha256": "\(entry.sha256)"])
            throw DomainError(.unavailable, code: "unavailable", "The file's bytes are not available on this server.")
        }
        let range = try ByteRange.parse(request.headers[.range], size: entry.size,
                                        ifRange: request.headers[.ifRange], etag: etag)
        let status: HTTPResponse.Status
        let span: ClosedRange<Int64>?
        switch range {
        case .whole:
            status = .ok
            span = entry.size > 0 ? 0...(entry.size - 1) : nil
        case .partial(let requested):
            status = .partialContent
            span = requested
            headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound)/\(entry.size)"
        }
        headers[.contentLength] = String(span.map { $0.upperBound - $0.lowerBound + 1 } ?? 0)
        guard let span, !headOnly else { return Response(status: status, headers: headers) }
        let body = try await FileIO().loadFile(path: blobPath, range: Int(span.lowerBound)...Int(span.upperBound),
                                               context: context, chunkLength: 256 * 1024)
        return Response(status: status, headers: headers, body: body)
    }

    /// The optional `X-Checksum-SHA256` header, validated.
    static func declaredChecksum(_ request: Request) throws -> String? {
        guard let value = request.headers[.checksumSHA256] else { return nil }
        let lowered = value.lowercased().trimmingCharacters(in: .whitespaces)
        guard Manifest.isSHA256Hex(lowered) else {
            throw DomainError.invalidField("X-Checksum-SHA256", "must be 64 hexadecimal characters")
        }
        return lowered
    }
}

/// A `Range` request header for one byte range (RFC 9110 §14).
enum ByteRange: Equatable {
    case whole
    case partial(ClosedRange<Int64>)

    /// Parses `bytes=a-b`, `bytes=a-` and `bytes=-n`. A header that does not parse, names several
    /// ranges or fails `If-Range` is ignored (the whole file is sent), as RFC 9110 allows; a range
    /// that starts past the end is 416.
    static func parse(_ header: String?, size: Int64, ifRange: String?, etag: String) throws -> ByteRange {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        if let ifRange, ifRange != etag { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        let unsatisfiable = DomainError(.rangeNotSatisfiable, code: "range_not_satisfiable",
                                        "The requested range is outside the file of \(size) bytes.")
        if first.isEmpty {
            guard let suffix = Int64(last), suffix >= 0 else { return .whole }
            if suffix == 0 || size == 0 { throw unsatisfiable }
            return .partial(max(0, size - suffix)...(size - 1))
        }
        guard let start = Int64(first), start >= 0 else { return .whole }
        var end = size - 1
        if !last.isEmpty {
            guard let parsed = Int64(last), parsed >= start else { return .whole }
            end = min(parsed, size - 1)
        }
        if start >= size { throw unsatisfiable }
        return .partial(start...end)
    }
}
