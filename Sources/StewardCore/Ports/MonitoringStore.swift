import Foundation

/// Production monitoring data (monitor settings, reference profiles, window partial profiles,
/// slim prediction records, labels, rejected rows), as the domain sees it. Like the tracking store
/// it hands out the registry and lineage on the same connection and transaction, so a settings
/// change and its audit entry commit together.
public protocol MonitoringStore: Sendable {
    func read<R: Sendable>(_ body: @escaping @Sendable (any MonitoringReader) async throws -> R) async throws -> R
    func write<R: Sendable>(_ body: @escaping @Sendable (any MonitoringWriter) async throws -> R) async throws -> R
}

/// Queries available inside `read` and `write`.
public protocol MonitoringReader: Sendable {
    var registryReader: any RegistryReader { get }
    var lineageReader: any LineageReader { get }
    func monitor(versionID: String) async throws -> MonitorRecord?
    func reference(versionID: String) async throws -> ReferenceRecord?
    /// Partial profiles of windows starting in [from, to), oldest first.
    func partials(versionID: String, from: Int64, to: Int64) async throws -> [WindowPartial]
    /// Windows starting in [from, to), oldest first, with rejected counts by reason and labelled rows; at most `limit`.
    func windows(versionID: String, from: Int64, to: Int64, limit: Int) async throws -> [WindowSummary]
    /// Rejected rows after `afterSequence`, oldest first, optionally of one reason; at most `limit`.
    func rejectedRows(versionID: String, reason: String?, afterSequence: Int64, limit: Int) async throws -> [RejectedRow]
    /// Labelled predictions of windows starting in [from, to).
    func labelledPredictions(versionID: String, from: Int64, to: Int64) async throws -> [LabelledPrediction]
    /// Windows changed after `since`, oldest change first; at most `limit`.
    func changedWindows(since: Date, limit: Int) async throws -> [ChangedWindow]
}

/// Changes available inside `write`.
public protocol MonitoringWriter: MonitoringReader {
    var registryWriter: any RegistryWriter { get }
    func putMonitor(_ record: MonitorRecord) async throws
    func putReference(_ record: ReferenceRecord) async throws
    /// Inserts slim prediction records, skipping ids the version already has; returns the ids
    /// actually inserted.
    func insertPredictions(versionID: String, _ rows: [StoredPrediction], at: Date) async throws -> [String]
    func insertPartials(versionID: String, _ partials: [WindowPartial], at: Date) async throws
    func insertRejections(versionID: String, _ rejections: [RowRejection], at: Date) async throws
    /// Adds to the row and rejected counters of windows and marks them changed.
    func countWindows(versionID: String, windowSeconds: Int, rows: [Int64: Int], rejected: [Int64: Int], at: Date) async throws
    /// Stores labels as pending (latest wins per row id).
    func putPendingLabels(versionID: String, _ labels: [LabelRecord], at: Date) async throws
    /// Joins pending labels to logged predictions, removes the joined ones, marks their windows
    /// changed; returns how many were joined.
    func joinPendingLabels(versionID: String, at: Date) async throws -> Int
}
