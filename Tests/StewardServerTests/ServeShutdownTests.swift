import Foundation
import StewardTestSupport
import Testing

/// SIGTERM ends `steward serve` promptly: every background service (webhook delivery, retraining
/// triggers, the monitoring evaluator with its one-minute interval, sunset notices) stops waiting at
/// once instead of finishing its sleep.
@Suite("Graceful shutdown")
struct ServeShutdownTests {
    @Test func sigtermStopsTheServerWithoutWaitingForBackgroundIntervals() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { server.terminateNow() }
        try await Task.sleep(for: .seconds(1)) // let every service reach its idle wait
        let start = Date()
        #expect(await server.stop(signal: SIGTERM) == 0, "clean exit:\n\(server.log)")
        // Well under the evaluator's 60 s interval, with slack for a loaded CI machine.
        #expect(Date().timeIntervalSince(start) < 20, "took \(Date().timeIntervalSince(start)) s")
    }
}
