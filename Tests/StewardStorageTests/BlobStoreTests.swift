import Crypto
import Foundation
import NIOCore
import StewardCore
@testable import StewardStorage
import Testing

/// `LocalBlobStore.ingest`: the bytes on disk and the digest are exact at every size around the
/// staging-buffer boundary (direct writes for whole buffers, a buffered tail), whatever the chunking.
@Suite("Blob store ingest")
struct BlobStoreTests {
    /// Bodies of `size` pseudo-random bytes, cut into chunks of `chunk` bytes.
    struct Body: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let bytes: [UInt8]
        let chunk: Int
        struct AsyncIterator: AsyncIteratorProtocol {
            let bytes: [UInt8]
            let chunk: Int
            var offset = 0
            mutating func next() async -> ByteBuffer? {
                guard offset < bytes.count else { return nil }
                let end = Swift.min(bytes.count, offset + chunk)
                defer { offset = end }
                return ByteBuffer(bytes: bytes[offset..<end])
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes, chunk: chunk) }
    }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    static func scratch(under base: String) throws -> String {
        let directory = base + "/steward-blobs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static let megabyte = 1 << 20

    /// Sizes around the 2 MiB staging buffer, with network-like and odd chunk sizes.
    @Test(arguments: [
        (0, 65_536), (1, 65_536), (4_095, 1_000), (2 * megabyte - 1, 65_536), (2 * megabyte, 65_536),
        (2 * megabyte + 1, 65_537), (5 * megabyte + 123, 65_536), (6 * megabyte, 3 * megabyte + 7),
    ])
    func storesExactBytesAndDigest(size: Int, chunk: Int) async throws {
        try await check(size: size, chunk: chunk, under: NSTemporaryDirectory())
    }

    /// A file system that may refuse `O_DIRECT` (tmpfs on older kernels) still stores exact bytes.
    @Test func storesExactBytesWhereDirectWritesMayBeRefused() async throws {
        guard FileManager.default.fileExists(atPath: "/dev/shm") else { return }
        try await check(size: 4 * Self.megabyte + 17, chunk: 65_536, under: "/dev/shm")
    }

    /// An oversized body is refused and leaves neither a blob nor a temporary file behind.
    @Test func oversizedBodyLeavesNothing() async throws {
        let root = try Self.scratch(under: NSTemporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try LocalBlobStore(root: root)
        let bytes = Self.randomBytes(5 * Self.megabyte, seed: 9)
        await #expect(throws: DomainError.self) {
            _ = try await store.ingest(Body(bytes: bytes, chunk: 65_536), maxBytes: Int64(4 * Self.megabyte))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/tmp").isEmpty)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/blobs/sha256").isEmpty)
    }

    private func check(size: Int, chunk: Int, under base: String) async throws {
        let root = try Self.scratch(under: base)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try LocalBlobStore(root: root)
        let bytes = Self.randomBytes(size, seed: UInt64(size) &+ 1)
        let expected = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let result = try await store.ingest(Body(bytes: bytes, chunk: chunk), maxBytes: Int64(size) + 1)
        #expect(result.sha256 == expected)
        #expect(result.size == Int64(size))
        let stored = try #require(FileManager.default.contents(atPath: store.path(for: expected)))
        #expect(stored == Data(bytes), "stored bytes differ for size \(size), chunk \(chunk)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/tmp").isEmpty)
        // The same bytes again are stored once, under the same address.
        let again = try await store.ingest(Body(bytes: bytes, chunk: chunk * 2 + 1), maxBytes: Int64(size) + 1)
        #expect(again.sha256 == expected)
    }
}

/// The writer behind `ingest` takes the direct path for whole buffers where the file system allows it.
@Suite("Blob file writer")
struct BlobFileWriterTests {
    @Test func writesWholeBuffersDirectlyWhereSupported() async throws {
        let root = try BlobStoreTests.scratch(under: NSTemporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/file"
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        let writer = BlobFileWriter(fd: fd, threadPool: .singleton)
        let bytes = BlobStoreTests.randomBytes(3 * BlobFileWriter.bufferSize + 5, seed: 3)
        for try await chunk in BlobStoreTests.Body(bytes: bytes, chunk: 100_000) { try await writer.append(chunk) }
        try await writer.finish()
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        // Probe: does this file system accept O_DIRECT at all?
        let probe = open(root + "/probe", O_CREAT | O_WRONLY | O_CLOEXEC | BlobFileWriter.directFlag, 0o644)
        if probe >= 0 { close(probe) }
        if probe >= 0, BlobFileWriter.directFlag != 0 {
            #expect(writer.directWrites == 3)
        } else {
            #expect(writer.directWrites == 0)
        }
    }
}
