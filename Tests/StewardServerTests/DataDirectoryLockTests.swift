import Foundation
import StewardTestSupport
import Testing

/// The embedded database has one server: a second `steward serve` on the same SQLite file refuses to
/// start (replicas share PostgreSQL), and the lock goes away with the process that held it.
@Suite("One server per embedded database")
struct DataDirectoryLockTests {
    @Test func aSecondServerOnTheSameSQLiteFileIsRefused() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let first = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { first.terminateNow() }

        let second = try StewardCommand.run(["serve", "--port", String(try FreePort.pick()), "--data-dir", root + "/data", "--log-level", "warning"])
        let message = second.stderr
        #expect(second.status != 0)
        #expect(message.contains("Another steward server is using"))

        // A crash releases the lock: the next server starts on the same data.
        _ = await first.stop(signal: SIGKILL)
        let third = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        third.terminateNow()
    }
}
