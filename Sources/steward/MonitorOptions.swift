import ArgumentParser
import Foundation
import StewardServer

/// `steward serve` flags for production monitoring (issue 7). Each falls back to its `STEWARD_*`
/// variable, then to the default in `ServerConfiguration`.
struct MonitorOptions: ParsableArguments {
    @Option(help: "Seconds between monitoring evaluator passes (window metrics for alerts); 0 disables it (STEWARD_MONITOR_INTERVAL; default 60).")
    var monitorInterval: Double?

    func apply(to configuration: inout ServerConfiguration, environment: [String: String]) throws {
        if let value = try monitorInterval ?? environment["STEWARD_MONITOR_INTERVAL"].map(LifecycleOptions.seconds) {
            guard value >= 0 else { throw ValidationError("--monitor-interval must not be negative.") }
            configuration.monitorInterval = value
        }
    }
}
