import Foundation
import Logging
import StewardStorage
import StewardTestSupport
import Testing

@Suite("Migrations (both databases)")
struct MigrationTests {
    @Test(arguments: TestDatabase.all)
    func runningTwiceAndConcurrentlyIsSafe(_ database: TestDatabase) async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let url = try await database.create(in: directory)
        let location = try DatabaseLocation.parse(url, dataDirectory: directory)
        // Two independent backends, like two replicas (or a replica and `steward migrate`) starting at once.
        let first = try await location.open(logger: TestDatabase.logger)
        let second: any DatabaseBackend
        do { second = try await location.open(logger: TestDatabase.logger) } catch { await first.close(); throw error }
        do {
            async let a = Migrator(backend: first, logger: TestDatabase.logger).migrate()
            async let b = Migrator(backend: second, logger: TestDatabase.logger).migrate()
            let applied = try await [a, b]
            #expect(applied.flatMap { $0 }.sorted() == Migrations.all.map(\.version).sorted(), "each migration applied exactly once")
            #expect(try await Migrator(backend: first, logger: TestDatabase.logger).migrate() == [])
            #expect(try await Migrator(backend: first, logger: TestDatabase.logger).currentVersion() == Migrations.all.map(\.version).max())
        } catch {
            // Close before failing: an unclosed connection trips sqlite-nio's assertion and kills the run.
            await first.close()
            await second.close()
            throw error
        }
        await first.close()
        await second.close()
        await TestDatabase.drop(url)
    }
}
