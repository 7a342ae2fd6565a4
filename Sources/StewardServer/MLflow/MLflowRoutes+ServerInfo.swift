import Hummingbird
import NIOCore

extension MLflowRoutes {
    /// Capability probe, `/health` and `/version`. They reveal nothing about stored data, so like
    /// `/healthz` they need no credentials. Multipart uploads are on (the client uses them for files of
    /// 500 MiB or more, `MLflowRoutes+MultipartUploads.swift`); presigned downloads are off, which keeps
    /// downloads on plain streaming GETs through the proxy.
    func registerServerInfo(on router: Router<StewardRequestContext>) {
        router.get("api/3.0/mlflow/server-info") { _, _ in
            MLflowJSON.object([
                ("store_type", .string("SqlStore")), ("workspaces_enabled", .bool(false)),
                ("trace_archival_enabled", .bool(false)), ("multipart_uploads_enabled", .bool(true)),
                ("multipart_downloads_enabled", .bool(false)), ("presigned_upload_run_id_supported", .bool(false)),
                ("presigned_upload_model_id_supported", .bool(false)),
                ("features_enabled", .object([(String, MLflowJSON)]())),
            ]).response()
        }
        router.get("health") { _, _ in Self.text("OK") }
        router.get("version") { _, _ in Self.text(Self.compatibleVersion) }
    }

    static func text(_ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
