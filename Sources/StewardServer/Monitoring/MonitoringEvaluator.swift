import Foundation
import Logging
import ServiceLifecycle
import StewardCore

/// Recomputes, in the background of every replica, the metrics of windows whose data changed
/// since its last pass (new rows, rejections, joined labels) and hands them to the alerting part
/// as metric points. Recording is an upsert per window, so two replicas evaluating the same window
/// write the same values.
struct MonitoringEvaluator: Service {
    let monitoring: Monitoring
    let record: @Sendable ([MetricPoint]) async throws -> Void
    let interval: Double
    let logger: Logger

    /// Window changes newer than the cursor minus this are looked at again: replicas' clocks differ
    /// and a transaction may commit after a later one, so a cursor alone could skip a change.
    static let overlap: TimeInterval = 120

    func run() async throws {
        var state = Cursor()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let more = try await pass(&state)
                if more { continue }
            } catch {
                logger.warning("monitoring evaluation failed", metadata: ["error": "\(error)"])
            }
            // A graceful shutdown ends the wait at once (the default interval is a minute).
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int64(self.interval * 1000))) }
        }
    }

    /// Where the evaluator is: the newest change seen and the (window, change) pairs already done.
    struct Cursor {
        var newest = Date(timeIntervalSince1970: 0)
        var done: [String: Date] = [:]
    }

    /// One pass over changed windows (at most 200); true when more are waiting.
    func pass(_ cursor: inout Cursor) async throws -> Bool {
        let changed = try await monitoring.changedWindows(since: cursor.newest.addingTimeInterval(-Self.overlap), limit: 200)
        var points: [MetricPoint] = []
        var fresh = 0
        for window in changed {
            let key = "\(window.versionID)/\(window.windowStart)"
            guard cursor.done[key] != window.changedAt else { continue }
            fresh += 1
            do {
                points += try await WindowMetrics.points(window, monitoring: monitoring)
            } catch {
                logger.info("window not evaluated", metadata: ["model": "\(window.modelName)", "version": "\(window.version)", "error": "\(error)"])
            }
            cursor.done[key] = window.changedAt
            cursor.newest = max(cursor.newest, window.changedAt)
        }
        if !points.isEmpty { try await record(points) }
        let horizon = cursor.newest.addingTimeInterval(-Self.overlap)
        cursor.done = cursor.done.filter { $0.value >= horizon }
        return changed.count >= 200 && fresh > 0
    }
}

extension ApplicationParts {
    /// Hands metric points to the alerting part (part A of issue 7): it stores them as series and
    /// evaluates the alert rules in its own transaction.
    func recordMonitoringMetrics(_ configuration: ServerConfiguration) -> @Sendable ([MetricPoint]) async throws -> Void {
        let alerts = monitoringAlerts(configuration)
        return { points in _ = try await alerts.recordMetrics(points, by: .system(job: "monitoring-evaluator")) }
    }
}
