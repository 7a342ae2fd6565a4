import OpenAPIRuntime
import StewardAPI

/// Uploads local files into one pending version, one at a time, streaming each from disk.
struct FileUploader {
    /// The API client.
    let client: Client
    /// The model name.
    let model: String
    /// The version number.
    let version: Int

    /// Uploads every file in order; returns the server's entry for each.
    func upload(_ files: [LocalFile]) async throws -> [FileEntry] {
        var entries: [FileEntry] = []
        for file in files {
            entries.append(try await upload(file))
        }
        return entries
    }

    /// Uploads one file, showing progress on a terminal.
    ///
    /// No `X-Checksum-SHA256` is sent: the CLI has no SHA-256 implementation without a new
    /// dependency; the server computes the digest and the answer carries it.
    func upload(_ file: LocalFile) async throws -> FileEntry {
        let progress = ProgressReporter(label: file.remotePath, total: file.size)
        let chunks = FileChunks(path: file.localPath, length: file.size) { progress.advance(by: $0) }
        let body = HTTPBody(chunks, length: .known(file.size), iterationBehavior: .single)
        let output: Operations.UploadFile.Output
        do {
            output = try await client.uploadFile(
                path: .init(name: model, version: version, path: file.remotePath),
                body: .binary(body))
        } catch {
            progress.interrupt()
            throw error
        }
        progress.finish()
        switch output {
        case .created(let created): return try created.body.json
        case .ok(let replaced): return try replaced.body.json
        default: throw CLIFailure.unexpectedResponse("uploadFile answered \(output)")
        }
    }
}
