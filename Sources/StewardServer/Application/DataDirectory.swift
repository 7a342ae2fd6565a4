import Foundation

/// The local data directory: database file (SQLite), blobs, temporary uploads and the admin token.
enum DataDirectory {
    /// Creates the directory (owner-only access) if needed.
    static func prepare(_ path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }

    /// Writes the admin token to `<dir>/admin-token` with mode 0600 (created with that mode, never
    /// world-readable even for an instant).
    static func writeAdminToken(_ token: String, in directory: String) throws -> String {
        let path = directory + "/admin-token"
        unlink(path)
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(fd) }
        let bytes = Array((token + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return path
    }
}
