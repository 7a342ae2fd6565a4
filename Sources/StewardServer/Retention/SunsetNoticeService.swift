import Logging
import ServiceLifecycle
import StewardCore

/// Background job: every `interval` seconds, emits `version.sunset_approaching` for versions whose
/// sunset is near. Safe on any number of replicas: each notice is claimed in the database once.
struct SunsetNoticeService: Service {
    let retention: Retention
    let configuration: LifecycleConfiguration
    let logger: Logger

    func run() async throws {
        guard configuration.sunsetNoticeInterval > 0 else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let sent = try await retention.sendSunsetNotices(daysBefore: configuration.sunsetNoticeDays, by: .system(job: "sunset-notices"))
                if sent > 0 { logger.info("sunset notices sent", metadata: ["count": "\(sent)"]) }
            } catch {
                // A failed round (database away) is retried at the next interval.
                logger.warning("sunset notice job failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(configuration.sunsetNoticeInterval)) }
        }
    }
}
