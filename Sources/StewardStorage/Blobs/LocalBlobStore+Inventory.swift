import Foundation
import StewardCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Garbage collection's view of the local blob store (issue 6).
extension LocalBlobStore: BlobInventory {
    /// Walks `blobs/sha256/ab/cd/` with readdir and stat (no per-file Foundation objects), so a
    /// store of 100,000 blobs lists in well under a second.
    public func storedBlobs() async throws -> [StoredBlob] {
        let base = root + "/blobs/sha256"
        return try await threadPool.runIfActive {
            var result: [StoredBlob] = []
            for first in Self.entries(base) where first.utf8.count == 2 {
                for second in Self.entries(base + "/" + first) where second.utf8.count == 2 {
                    let directory = base + "/" + first + "/" + second
                    for name in Self.entries(directory) where Manifest.isSHA256Hex(name) {
                        var info = stat()
                        guard stat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                        result.append(StoredBlob(sha256: name, size: Int64(info.st_size), modifiedAt: Self.date(info.st_mtim)))
                    }
                }
            }
            return result
        }
    }

    public func modificationDate(of sha256: String) -> Date? {
        var info = stat()
        guard stat(path(for: sha256), &info) == 0 else { return nil }
        return Self.date(info.st_mtim)
    }

    public func removeBlob(_ sha256: String) throws {
        if unlink(path(for: sha256)) != 0 && errno != ENOENT {
            throw BlobStoreError("cannot delete blob (errno \(errno))")
        }
    }

    /// Names in a directory (without `.` and `..`); empty when it cannot be read.
    static func entries(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func date(_ time: timespec) -> Date {
        Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}
