import Crypto
import Foundation
import NIOCore
import NIOPosix
import StewardCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content-addressed blob storage on local disk: `<root>/blobs/sha256/ab/cd/<sha256>`.
///
/// Uploads stream into `<root>/tmp/`, are hashed while they arrive, fsynced, and renamed into
/// place only when complete, so a crash never leaves a partial blob visible under its address.
/// Identical content is stored once.
public struct LocalBlobStore: Sendable {
    public let root: String
    let threadPool: NIOThreadPool

    public init(root: String, threadPool: NIOThreadPool = .singleton) throws {
        self.root = root
        self.threadPool = threadPool
        for directory in [root + "/blobs/sha256", root + "/tmp"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    /// Where the blob with this digest lives (whether or not it exists).
    public func path(for sha256: String) -> String {
        precondition(Manifest.isSHA256Hex(sha256), "not a SHA-256 digest")
        let characters = Array(sha256)
        return "\(root)/blobs/sha256/\(String(characters[0..<2]))/\(String(characters[2..<4]))/\(sha256)"
    }

    /// True when a blob with this digest is stored.
    public func contains(_ sha256: String) -> Bool {
        FileManager.default.fileExists(atPath: path(for: sha256))
    }

    /// Removes temporary files left by interrupted uploads (run at start, before serving).
    @discardableResult
    public func removeTemporaryFiles() -> Int {
        let directory = root + "/tmp"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names { unlink(directory + "/" + name) }
        return names.count
    }

    /// Streams `body` into the store and returns its digest and size.
    /// - Parameters:
    ///   - expectedSHA256: when given, a mismatch discards the bytes and throws `digest_mismatch`.
    ///   - maxBytes: larger bodies are refused with `payload_too_large` (and discarded).
    public func ingest<Body: AsyncSequence>(_ body: Body, expectedSHA256: String? = nil,
                                            maxBytes: Int64) async throws -> (sha256: String, size: Int64)
    where Body.Element == ByteBuffer {
        let temporary = "\(root)/tmp/\(UUID().uuidString).part"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BlobStoreError("cannot create temporary file (errno \(errno))") }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        let writer = BlobFileWriter(fd: fd, threadPool: threadPool)
        do {
            var hasher = SHA256()
            var size: Int64 = 0
            for try await chunk in body {
                size += Int64(chunk.readableBytes)
                if size > maxBytes {
                    throw DomainError(.tooLarge, code: "payload_too_large", "The file is larger than the limit of \(maxBytes) bytes.")
                }
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                try await writer.append(chunk)
            }
            try await writer.finish()
            close(fd)
            closed = true
            let digest = hasher.finalize().hexString
            if let expectedSHA256, expectedSHA256.lowercased() != digest {
                throw DomainError(.invalid, code: "digest_mismatch",
                                  "The uploaded bytes have SHA-256 \(digest), not the \(expectedSHA256) the request declared.")
            }
            try await place(temporary, as: digest)
            return (digest, size)
        } catch {
            // Never close the descriptor under a write that is still running.
            try? await writer.settle()
            unlink(temporary)
            throw error
        }
    }

    /// Moves a complete temporary file to its content address (or drops it when the content is
    /// already stored), then fsyncs the directory so the rename itself survives a crash.
    private func place(_ temporary: String, as digest: String) async throws {
        let final = path(for: digest)
        let directory = (final as NSString).deletingLastPathComponent
        try await threadPool.runIfActive {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // Already stored: refresh its modification time instead (garbage collection keeps a
            // blob uploaded again after it was marked, even before the upload's file row commits).
            if utimes(final, nil) == 0 {
                unlink(temporary)
                return
            }
            guard rename(temporary, final) == 0 else { throw BlobStoreError("rename failed (errno \(errno))") }
            let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirfd >= 0 {
                fsync(dirfd)
                close(dirfd)
            }
        }
    }
}

/// An I/O failure of the blob store (disk full, permissions): a server-side problem, answered with 503.
public struct BlobStoreError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
