import Foundation
import NIOCore
import NIOPosix
import StewardCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalBlobStore {
    /// Joins stored blobs, in order, into a new blob and returns its digest and size (MLflow's
    /// multipart upload: each part is a blob until the upload completes). The parts are read a
    /// chunk at a time as the new blob is written, so memory stays flat whatever their size.
    public func concatenate(_ digests: [String], maxBytes: Int64) async throws -> (sha256: String, size: Int64) {
        try await ingest(BlobChain(paths: digests.map(path(for:)), threadPool: threadPool), maxBytes: maxBytes)
    }
}

/// The bytes of several blob files in order, read on the thread pool one chunk per `next()`.
struct BlobChain: AsyncSequence {
    typealias Element = ByteBuffer
    let paths: [String]
    let threadPool: NIOThreadPool

    func makeAsyncIterator() -> Iterator { Iterator(paths: paths, threadPool: threadPool) }

    final class Iterator: AsyncIteratorProtocol {
        private var paths: ArraySlice<String>
        private let threadPool: NIOThreadPool
        private var fd: Int32 = -1
        private static let chunkSize = 1 << 20

        init(paths: [String], threadPool: NIOThreadPool) {
            self.paths = paths[...]
            self.threadPool = threadPool
        }

        func next() async throws -> ByteBuffer? {
            while true {
                if fd < 0 {
                    guard let path = paths.popFirst() else { return nil }
                    fd = open(path, O_RDONLY | O_CLOEXEC)
                    guard fd >= 0 else { throw BlobStoreError("cannot open a part's blob (errno \(errno))") }
                }
                let current = fd
                let chunk = try await threadPool.runIfActive { () throws -> ByteBuffer in
                    var buffer = ByteBufferAllocator().buffer(capacity: Self.chunkSize)
                    var failure: Int32 = 0
                    buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.chunkSize) { raw in
                        let count = read(current, raw.baseAddress, raw.count)
                        if count < 0 { failure = errno; return 0 }
                        return count
                    }
                    if failure != 0 { throw BlobStoreError("cannot read a part's blob (errno \(failure))") }
                    return buffer
                }
                if chunk.readableBytes > 0 { return chunk }
                close(fd)
                fd = -1
            }
        }

        deinit { if fd >= 0 { close(fd) } }
    }
}
