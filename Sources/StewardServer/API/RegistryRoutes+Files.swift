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
        return try await ArtifactDownload(blobs: blobs).response(entry, of: version, request: request, context: context, headOnly: headOnly)
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
