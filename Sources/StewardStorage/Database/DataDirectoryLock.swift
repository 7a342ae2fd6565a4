#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The lock that makes one `steward serve` the only server of an embedded (SQLite) database.
///
/// Replicas share PostgreSQL, never an SQLite file: a second server on the same file would not see
/// the first one's in-memory state (the credential cache above all, so a token revoked through one
/// would still work on the other). An advisory `flock` on `<database>.lock` is released by the
/// kernel when the process exits, however it exits, so a crash never leaves a stale lock behind.
public enum DataDirectoryLock {
    /// Takes the lock for the life of the process; throws when another process holds it.
    public static func acquire(databasePath path: String) throws {
        let lockPath = path + ".lock"
        let directory = (lockPath as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageConfigurationError("Cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StorageConfigurationError("Another steward server is using \(path). The embedded SQLite database has one server; run replicas on PostgreSQL.")
        }
        // The descriptor stays open (and locked) until the process ends.
    }
}
