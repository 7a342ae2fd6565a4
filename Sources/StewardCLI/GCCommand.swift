import ArgumentParser
import StewardAPI

/// `steward gc [--dry-run]`: crash-safe garbage collection of unreferenced blobs (administrators).
/// Sweeps in bounded calls so a terminal shows progress; an interrupted run is finished by the next.
public struct GCCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gc", abstract: "Delete artifact blobs no live version or tracking artifact references, and report bytes reclaimed.")

    @Flag(help: "Only report what would be deleted.") var dryRun = false
    @Option(help: "Leave blobs younger than this many seconds alone (default 3600; uploads in flight are never taken).")
    var graceSeconds: Int?
    @Option(help: "Blobs swept per request (progress granularity).") var batch: Int = 5000
    @OptionGroup var options: ClientOptions

    public init() {}

    public func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
    }

    public func run() async throws {
        try await options.withClient { client in
            if dryRun {
                let report = try await client.collectGarbage(body: .json(.init(dryRun: true, graceSeconds: graceSeconds))).ok.body.json
                try options.emit(report) { LifecyclePrinting.garbage(report) }
                return
            }
            var total = Components.Schemas.GarbageReport(dryRun: false, marked: 0, deleted: 0, bytesReclaimed: 0, keptReferenced: 0, remaining: 0)
            var swept = 0
            while true {
                let step = try await client.collectGarbage(body: .json(.init(dryRun: false, graceSeconds: graceSeconds, limit: batch))).ok.body.json
                total.marked += step.marked
                total.deleted += step.deleted
                total.bytesReclaimed += step.bytesReclaimed
                total.keptReferenced += step.keptReferenced
                total.remaining = step.remaining
                let done = step.deleted + step.keptReferenced
                swept += done
                if StandardError.isTerminal {
                    StandardError.writeRaw("\r\u{1B}[Kgc  \(swept) / \(swept + step.remaining) blobs swept, \(ByteCount.format(total.bytesReclaimed)) reclaimed")
                }
                // Nothing left, or another replica holds the rest: stop (a later run finishes).
                if step.remaining == 0 || done == 0 { break }
            }
            if StandardError.isTerminal { StandardError.writeRaw("\n") }
            try options.emit(total) { LifecyclePrinting.garbage(total) }
        }
    }
}
