import Hummingbird
import StewardCore
import StewardStorage
import StewardWeb

/// The web UI's artifact bytes: the API's blob store, size limit and download response, so a file
/// uploaded or downloaded in the browser is handled exactly like one sent to `…/files/{path}`.
struct WebArtifacts: WebArtifactStore {
    let blobs: LocalBlobStore
    let maxFileBytes: Int64

    func ingest<Body: AsyncSequence>(_ body: Body) async throws -> (sha256: String, size: Int64) where Body.Element == ByteBuffer {
        try await blobs.ingest(body, maxBytes: maxFileBytes)
    }

    func download<C: RequestContext>(_ entry: FileEntry, of version: ModelVersion, request: Request, context: C) async throws -> Response {
        try await ArtifactDownload(blobs: blobs).response(entry, of: version, request: request, context: context)
    }
}
