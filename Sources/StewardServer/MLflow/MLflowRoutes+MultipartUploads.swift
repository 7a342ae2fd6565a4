import Foundation
import Hummingbird
import HTTPTypes
import StewardCore
import StewardStorage

extension MLflowRoutes {
    /// MLflow's proxied multipart upload (`mpu/create`, `mpu/complete`, `mpu/abort` under
    /// `mlflow-artifacts`), which the client uses for large files when server-info says so.
    ///
    /// The part URLs point back at this server (`mpu/upload/<upload>/<part>`). The client sends
    /// each part with plain `requests.put(url, headers=credential.headers)`, without its own
    /// credentials, so each credential carries the Authorization header the upload was created
    /// with: the caller's own, returned only to the caller. Every part then passes the same
    /// authentication, permission and rate checks as any request; a part goes to the blob store as
    /// it arrives and its ETag is its digest.
    func registerMultipartUploads(on group: RouterGroup<StewardRequestContext>) {
        let tracking = self.tracking
        let blobs = self.blobs
        let maxBytes = self.maxArtifactBytes
        group.post("mpu/create/**") { request, context in
            let p = try await MLflowParams.read(request, context: context)
            let path = try Self.uploadPath(request, marker: "/mpu/create/", localFile: try p.require("path"))
            guard let parts = try p.int64("num_parts") else { throw MLflowError.invalid("Missing value for required parameter 'num_parts'.") }
            let upload = try await tracking.createMultipartUpload(path: path, numParts: Int(clamping: parts), by: try context.requirePrincipal())
            let base = Self.externalBase(request) + "/api/2.0/mlflow-artifacts/mpu/upload/" + upload.id + "/"
            let headers: MLflowJSON = request.headers[.authorization].map { .object([("Authorization", .string($0))]) }
                ?? .object([(String, MLflowJSON)]())
            let credentials = (1...upload.numParts).map { number in
                MLflowJSON.object([("url", .string(base + String(number))), ("part_number", .int(Int64(number))), ("headers", headers)])
            }
            return MLflowJSON.object([("upload_id", .string(upload.id)), ("credentials", .array(credentials))]).response()
        }
        group.put("mpu/upload/:upload/:part") { request, context in
            let principal = try context.requirePrincipal()
            let id = try context.parameters.require("upload")
            guard let number = context.parameters.get("part").flatMap(Int.init) else { throw MLflowError.invalid("Invalid part number") }
            try await tracking.prepareUploadPart(uploadID: id, number: number, by: principal)
            if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maxBytes {
                throw MLflowError(status: .contentTooLarge, code: "INVALID_PARAMETER_VALUE", message: "The part is larger than the limit of \(maxBytes) bytes.")
            }
            let blob = try await blobs.ingest(request.body, maxBytes: maxBytes)
            try await tracking.recordUploadPart(uploadID: id, UploadPart(number: number, sha256: blob.sha256, size: blob.size), by: principal)
            var headers = HTTPFields()
            headers[.eTag] = "\"\(blob.sha256)\""
            return Response(status: .ok, headers: headers)
        }
        group.post("mpu/complete/**") { request, context in
            let principal = try context.requirePrincipal()
            let p = try await MLflowParams.read(request, context: context)
            let path = try Self.uploadPath(request, marker: "/mpu/complete/", localFile: try p.require("path"))
            let named = try p.objects("parts").map { part -> (number: Int, etag: String) in
                guard let number = try part.int64("part_number"), let small = Int(exactly: number) else {
                    throw MLflowError.invalid("Missing value for required parameter 'parts.part_number'.")
                }
                return (small, try part.string("etag") ?? "")
            }
            let parts = try await tracking.partsToComplete(uploadID: try p.require("upload_id"), path: path, parts: named, by: principal)
            for part in parts where !blobs.contains(part.sha256) {
                throw MLflowError.invalid("Part \(part.number) is no longer stored; upload it again.")
            }
            let joined = try await blobs.concatenate(parts.map(\.sha256), maxBytes: maxBytes)
            try await tracking.completeMultipartUpload(uploadID: try p.require("upload_id"), sha256: joined.sha256, size: joined.size, by: principal)
            return Self.empty.response()
        }
        group.post("mpu/abort/**") { request, context in
            let p = try await MLflowParams.read(request, context: context)
            try await tracking.abortMultipartUpload(uploadID: try p.require("upload_id"), by: try context.requirePrincipal())
            return Self.empty.response()
        }
    }

    /// The artifact path of a multipart call: the directory after `marker` in the URI joined with the
    /// local file's name (the client names its local file, MLflow's server keeps the base name).
    static func uploadPath(_ request: Request, marker: String, localFile: String) throws -> String {
        let directory = try rawPath(request, after: marker)
        let name = (localFile as NSString).lastPathComponent
        guard !name.isEmpty, name != "/" else { throw MLflowError.invalid("Invalid value for parameter 'path': a file name is required.") }
        let joined = directory.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/" + name
        return try cleanListingPath(joined)
    }

    /// `scheme://host` as the client reached this server (a proxy's `X-Forwarded-Proto` kept), for
    /// URLs handed back to it.
    static func externalBase(_ request: Request) -> String {
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!].flatMap { $0 == "https" ? "https" : nil } ?? "http"
        return "\(scheme)://\(request.head.authority ?? "127.0.0.1")"
    }
}
