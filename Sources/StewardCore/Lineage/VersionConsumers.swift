import Foundation

/// One day of one consumer's resolutions of a version (a `version_consumption` row).
public struct ConsumptionDay: Sendable, Equatable {
    public var consumerID: String
    public var consumerName: String
    /// `YYYY-MM-DD`, UTC.
    public var day: String
    public var count: Int64
    public var lastSeen: Date

    public init(consumerID: String, consumerName: String, day: String, count: Int64, lastSeen: Date) {
        self.consumerID = consumerID
        self.consumerName = consumerName
        self.day = day
        self.count = count
        self.lastSeen = lastSeen
    }
}

/// Who uses a version: each consumer that ever resolved it, with its daily counts over the window
/// and when it was last seen, most recently seen first.
public struct VersionConsumers: Sendable, Equatable {
    public struct Consumer: Sendable, Equatable {
        public var consumerID: String
        public var consumerName: String
        /// Resolutions within the window.
        public var windowCount: Int64
        /// Every resolution ever recorded.
        public var totalCount: Int64
        public var lastSeen: Date
        /// Days of the window with at least one resolution, oldest first.
        public var days: [(day: String, count: Int64)]

        public static func == (a: Consumer, b: Consumer) -> Bool {
            a.consumerID == b.consumerID && a.windowCount == b.windowCount && a.totalCount == b.totalCount && a.lastSeen == b.lastSeen
                && a.days.map(\.day) == b.days.map(\.day) && a.days.map(\.count) == b.days.map(\.count)
        }
    }

    public var model: String
    public var version: Int
    /// First day of the window (`YYYY-MM-DD`).
    public var since: String
    public var windowDays: Int
    public var consumers: [Consumer]

    /// Groups raw rows by consumer; `since` is the first day inside the window.
    public init(model: String, version: Int, since: String, windowDays: Int, rows: [ConsumptionDay]) {
        self.model = model
        self.version = version
        self.since = since
        self.windowDays = windowDays
        consumers = Dictionary(grouping: rows, by: \.consumerID).map { id, days in
            let inWindow = days.filter { $0.day >= since }.sorted { $0.day < $1.day }
            return Consumer(consumerID: id, consumerName: days[0].consumerName, windowCount: inWindow.reduce(0) { $0 + $1.count },
                            totalCount: days.reduce(0) { $0 + $1.count }, lastSeen: days.map(\.lastSeen).max()!,
                            days: inWindow.map { ($0.day, $0.count) })
        }.sorted { ($1.lastSeen, $0.consumerName) < ($0.lastSeen, $1.consumerName) }
    }
}
