import Hummingbird
import StewardCore

/// The artifact bytes behind the UI's uploads and downloads, provided by the server (the UI sees
/// no storage). It is the same blob store and the same download code as the API's
/// `PUT`/`GET …/files/{path}`: uploads stream in and are content-addressed, downloads stream out
/// with `ETag`, `Range` and `Content-Disposition: attachment`.
public protocol WebArtifactStore: Sendable {
    /// Largest file accepted (the server's artifact size limit).
    var maxFileBytes: Int64 { get }

    /// Streams `body` into the blob store, never holding the whole file in memory, and returns its
    /// SHA-256 and size; a body over `maxFileBytes` is refused (`payload_too_large`) and discarded.
    func ingest<Body: AsyncSequence>(_ body: Body) async throws -> (sha256: String, size: Int64) where Body.Element == ByteBuffer

    /// The response that streams `entry` of `version` (already authorized and audited by
    /// `Registry.file`), honouring the request's `Range`, `If-Range` and `If-None-Match`.
    func download<C: RequestContext>(_ entry: FileEntry, of version: ModelVersion, request: Request, context: C) async throws -> Response
}
