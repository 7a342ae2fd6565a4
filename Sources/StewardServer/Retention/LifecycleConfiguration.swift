import Foundation
import StewardCore
import StewardStorage

/// Settings of deprecation notices (issue 6).
public struct LifecycleConfiguration: Sendable, Equatable {
    /// Emit `version.sunset_approaching` this many days before a version's sunset.
    public var sunsetNoticeDays: Int = 7
    /// Seconds between runs of the sunset-notice job; 0 disables the background job (the admin
    /// endpoint still runs it on demand).
    public var sunsetNoticeInterval: Double = 3600

    public init() {}
}

extension ApplicationParts {
    /// Deprecation, retention and garbage collection over this application's database and blob store.
    var retention: Retention {
        Retention(store: SQLRetentionStore(backend: backend, audit: auditSealer), blobs: blobs)
    }
}
