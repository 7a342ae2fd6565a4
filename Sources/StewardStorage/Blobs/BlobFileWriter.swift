import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one upload into its temporary file: received chunks are copied into two aligned staging
/// buffers, and a full buffer is written to disk while the other one fills.
///
/// Full buffers are written with `O_DIRECT` where the file system allows it. Why: a buffered
/// `write(2)` makes the kernel allocate and fill page-cache pages for every byte, which measured as
/// the biggest single cost of an upload (60% of the server's CPU samples), and leaves gigabytes of
/// dirty pages for the final `fsync` to flush at once. A direct write hands the aligned buffer to the
/// disk, costs almost no CPU, and is already on the device when the upload ends. The tail of the file
/// (less than one buffer) is written buffered, and the file is fsynced before it is renamed into place,
/// as before. Where `O_DIRECT` is refused (tmpfs, some network file systems, other platforms), every
/// write is buffered and nothing else changes.
///
/// Not thread-safe by itself: one upload task calls `append` and `finish` in turn, and the thread pool
/// only ever touches the buffer handed to the one write in flight (`@unchecked Sendable` for that
/// hand-over; the in-flight task holds the writer, so buffers outlive every write).
final class BlobFileWriter: @unchecked Sendable {
    /// Size of each staging buffer, a multiple of any block size `O_DIRECT` asks alignment to.
    static let bufferSize = 2 << 20
    /// Alignment of buffers and file offsets for direct writes (covers 512-byte and 4 KiB blocks).
    static let alignment = 4096

    private let fd: Int32
    private let threadPool: NIOThreadPool
    private var filling: UnsafeMutableRawPointer?
    private var spare: UnsafeMutableRawPointer?
    private var filled = 0
    private var fileOffset: Int64 = 0
    private var inFlight: Task<Void, any Error>?
    /// Whether `O_DIRECT` is set on the descriptor (tried once, at the first full buffer).
    private var direct = false
    private var triedDirect = false
    /// Buffers written with `O_DIRECT` so far (tests check that the fast path is taken).
    private(set) var directWrites = 0

    init(fd: Int32, threadPool: NIOThreadPool) {
        self.fd = fd
        self.threadPool = threadPool
    }

    deinit {
        filling?.deallocate()
        spare?.deallocate()
    }

    /// Copies `chunk` into the staging buffers, starting a disk write whenever one is full.
    func append(_ chunk: ByteBuffer) async throws {
        let count = chunk.readableBytes
        var offset = 0
        while offset < count {
            let target = filling ?? Self.allocateBuffer()
            filling = target
            let n = min(count - offset, Self.bufferSize - filled)
            chunk.withUnsafeReadableBytes { source in
                (target + filled).copyMemory(from: source.baseAddress! + offset, byteCount: n)
            }
            filled += n
            offset += n
            if filled == Self.bufferSize { try await startWrite() }
        }
    }

    /// Writes what is left, waits for every write and fsyncs the file.
    func finish() async throws {
        try await settle()
        let tail = filled
        let buffer = filling.map(Staging.init)
        let offset = fileOffset
        try await threadPool.runIfActive {
            if tail > 0, let buffer {
                // The tail is not a whole number of blocks: a direct write would be refused.
                self.setDirect(false)
                try self.writeAll(buffer.pointer, count: tail, at: offset)
            }
            guard fsync(self.fd) == 0 else { throw BlobStoreError("fsync failed (errno \(errno))") }
        }
        fileOffset += Int64(tail)
        filled = 0
    }

    /// Waits for the write in flight, if any (also on the error path: the descriptor must not be
    /// closed under a running write).
    func settle() async throws {
        let task = inFlight
        inFlight = nil
        try await task?.value
    }

    /// Hands the full buffer to the thread pool and continues filling the other one.
    private func startWrite() async throws {
        try await settle()
        let full = Staging(pointer: filling!)
        let offset = fileOffset
        filling = spare
        spare = full.pointer
        filled = 0
        fileOffset += Int64(Self.bufferSize)
        let tryDirect = !triedDirect
        triedDirect = true
        inFlight = Task {
            try await self.threadPool.runIfActive {
                if tryDirect { self.setDirect(true) }
                try self.writeAll(full.pointer, count: Self.bufferSize, at: offset)
            }
        }
    }

    /// Writes `count` bytes at `offset`, resuming after short writes. A direct write the file system
    /// refuses (`EINVAL`) is repeated buffered, and the file stays buffered from then on.
    private func writeAll(_ buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws {
        var done = 0
        while done < count {
            let result = pwrite(fd, buffer + done, count - done, off_t(offset + Int64(done)))
            if result > 0 {
                done += result
                if direct, done == count { directWrites += 1 }
                continue
            }
            if result < 0, errno == EINTR { continue }
            if result < 0, errno == EINVAL, direct {
                setDirect(false)
                continue
            }
            throw BlobStoreError("write failed (errno \(result < 0 ? errno : 0))")
        }
    }

    /// Turns `O_DIRECT` on or off; a refusal leaves the descriptor buffered.
    private func setDirect(_ on: Bool) {
        guard Self.directFlag != 0, on != direct else { return }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0 else { return }
        let wanted = on ? flags | Self.directFlag : flags & ~Self.directFlag
        if fcntl(fd, F_SETFL, wanted) == 0 { direct = on }
    }

    /// A staging buffer handed to the thread pool for one write; only that write touches it until the
    /// upload task awaits the write.
    private struct Staging: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private static func allocateBuffer() -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: alignment)
    }

    /// `O_DIRECT`, which Swift's Glibc module does not export (its value differs by architecture).
    static let directFlag: Int32 = {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        return 0o200000
        #else
        return 0
        #endif
    }()
}
