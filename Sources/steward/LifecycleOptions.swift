import ArgumentParser
import Foundation
import StewardServer

/// `steward serve` flags for deprecation notices (issue 6). Each falls back to its `STEWARD_*`
/// variable, then to the default in `LifecycleConfiguration`.
struct LifecycleOptions: ParsableArguments {
    @Option(help: "Emit version.sunset_approaching this many days before a sunset (STEWARD_SUNSET_NOTICE_DAYS; default 7).")
    var sunsetNoticeDays: Int?
    @Option(help: "Seconds between sunset-notice runs; 0 disables the background job (STEWARD_SUNSET_NOTICE_INTERVAL; default 3600).")
    var sunsetNoticeInterval: Double?

    func apply(to configuration: inout ServerConfiguration, environment: [String: String]) throws {
        if let value = try sunsetNoticeDays ?? environment["STEWARD_SUNSET_NOTICE_DAYS"].map(Self.int) {
            guard value >= 0 else { throw ValidationError("--sunset-notice-days must not be negative.") }
            configuration.lifecycle.sunsetNoticeDays = value
        }
        if let value = try sunsetNoticeInterval ?? environment["STEWARD_SUNSET_NOTICE_INTERVAL"].map(Self.seconds) {
            guard value >= 0 else { throw ValidationError("--sunset-notice-interval must not be negative.") }
            configuration.lifecycle.sunsetNoticeInterval = value
        }
    }

    static func int(_ text: String) throws -> Int {
        guard let value = Int(text) else { throw ValidationError("'\(text)' is not a whole number.") }
        return value
    }

    static func seconds(_ text: String) throws -> Double {
        guard let value = Double(text) else { throw ValidationError("'\(text)' is not a number of seconds.") }
        return value
    }
}
