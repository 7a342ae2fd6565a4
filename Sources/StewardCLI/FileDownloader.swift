import Foundation
import StewardAPI

/// Downloads files of one version, streaming each to disk through a temporary file that replaces
/// the destination only once the whole file has arrived.
struct FileDownloader {
    /// The API client.
    let client: Client
    /// The model name.
    let model: String
    /// The version number.
    let version: Int

    /// Downloads `remotePath` to `destination`, creating missing parent directories.
    /// - Parameter expectedSize: The size from the manifest, checked against what arrived.
    /// - Returns: The number of bytes written.
    @discardableResult
    func download(_ remotePath: String, to destination: URL, expectedSize: Int64?) async throws -> Int64 {
        let output = try await client.downloadFile(path: .init(name: model, version: version, path: remotePath))
        guard case .ok(let ok) = output else {
            throw CLIFailure.unexpectedResponse("downloadFile answered \(output)")
        }
        let body = try ok.body.binary
        let total = expectedSize ?? ok.headers.contentLength
        let progress = ProgressReporter(label: remotePath, total: total)

        let fileManager = FileManager.default
        let directory = destination.deletingLastPathComponent()
        let partial = directory.appendingPathComponent(".\(destination.lastPathComponent).steward-partial")
        let handle: FileHandle
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            guard fileManager.createFile(atPath: partial.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            handle = try FileHandle(forWritingTo: partial)
        } catch {
            throw CLIFailure.local("cannot write \(destination.path): \(error.localizedDescription)")
        }

        var written: Int64 = 0
        do {
            defer { try? handle.close() }
            for try await chunk in body {
                do {
                    try handle.write(contentsOf: chunk)
                } catch {
                    throw CLIFailure.local("cannot write \(destination.path): \(error.localizedDescription)")
                }
                written += Int64(chunk.count)
                progress.advance(by: chunk.count)
            }
            if let total, written != total {
                throw CLIFailure.unexpectedResponse("\(remotePath): received \(written) bytes, expected \(total)")
            }
        } catch {
            progress.interrupt()
            try? fileManager.removeItem(at: partial)
            throw error
        }
        progress.finish()
        do {
            if fileManager.fileExists(atPath: destination.path) { try fileManager.removeItem(at: destination) }
            try fileManager.moveItem(at: partial, to: destination)
        } catch {
            try? fileManager.removeItem(at: partial)
            throw CLIFailure.local("cannot write \(destination.path): \(error.localizedDescription)")
        }
        return written
    }

    /// The local path for a remote file path under `directory`.
    /// - Throws: ``CLIFailure/unexpectedResponse(_:)`` for a path that would leave the directory
    ///   (absolute, or with empty, `.` or `..` segments), which the server never sends.
    static func localURL(for remotePath: String, under directory: URL) throws -> URL {
        let segments = remotePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !remotePath.isEmpty,
            !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\0") })
        else {
            throw CLIFailure.unexpectedResponse("refusing to write unsafe file path '\(remotePath)'")
        }
        return segments.reduce(directory) { $0.appendingPathComponent(String($1)) }
    }
}
