import Foundation

/// What a report compares the current windows with.
public enum ReportBaseline: Sendable, Equatable {
    /// The version's reference profile.
    case reference
    /// Production windows starting in [from, to).
    case windows(from: Date, to: Date)
}

/// Everything a drift and quality report is computed from, read in one transaction.
public struct ReportInputs: Sendable {
    public var model: String
    public var version: Int
    /// The version's evaluation metrics (what quality is compared with).
    public var versionMetrics: [String: Double]
    public var settings: MonitorSettings
    public var reference: ReferenceRecord?
    /// The baseline partials (a window range baseline), nil for the reference.
    public var baselinePartials: [WindowPartial]?
    /// Partials of the current range.
    public var partials: [WindowPartial]
    /// Labelled predictions of the current range (empty unless asked for).
    public var labelled: [LabelledPrediction]
}

extension Monitoring {
    /// The inputs of a report over windows starting in [from, to).
    public func reportInputs(_ target: MonitorTarget, from: Date, to: Date, baseline: ReportBaseline = .reference,
                             withLabels: Bool = true, by principal: Principal) async throws -> ReportInputs {
        guard from < to else { throw DomainError.invalidField("to", "must be after from") }
        let range = (Timestamp.milliseconds(from), Timestamp.milliseconds(to))
        return try await store.read { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .readModel)
            let settings = try await tx.monitor(versionID: version.id)?.settings ?? MonitorSettings()
            var baselinePartials: [WindowPartial]?
            var reference: ReferenceRecord?
            switch baseline {
            case .reference: reference = try await tx.reference(versionID: version.id)
            case .windows(let start, let end):
                guard start < end else { throw DomainError.invalidField("baseline", "must be FROM,TO with FROM before TO") }
                baselinePartials = try await tx.partials(versionID: version.id, from: Timestamp.milliseconds(start), to: Timestamp.milliseconds(end))
            }
            let partials = try await tx.partials(versionID: version.id, from: range.0, to: range.1)
            let labelled = withLabels ? try await tx.labelledPredictions(versionID: version.id, from: range.0, to: range.1) : []
            return ReportInputs(model: model.name, version: version.number, versionMetrics: version.metrics, settings: settings,
                                reference: reference, baselinePartials: baselinePartials, partials: partials, labelled: labelled)
        }
    }

    /// Windows starting in [from, to), oldest first: rows, rejected rows by reason, labelled rows.
    public func windows(_ target: MonitorTarget, from: Date, to: Date, limit: Int = 1000,
                        by principal: Principal) async throws -> (model: String, version: Int, windows: [WindowSummary]) {
        guard from < to else { throw DomainError.invalidField("to", "must be after from") }
        let capped = max(1, min(limit, 10_000))
        return try await store.read { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .readModel)
            let windows = try await tx.windows(versionID: version.id, from: Timestamp.milliseconds(from), to: Timestamp.milliseconds(to), limit: capped)
            return (model.name, version.number, windows)
        }
    }

    /// Rejected rows, oldest first, after the `after` sequence; optionally of one reason.
    public func rejectedRows(_ target: MonitorTarget, reason: String?, after: Int64 = 0, limit: Int = 100,
                             by principal: Principal) async throws -> [RejectedRow] {
        if let reason, RejectionReason(rawValue: reason) == nil {
            throw DomainError.invalidField("reason", "must be one of \(RejectionReason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let capped = max(1, min(limit, 1000))
        return try await store.read { tx in
            let (_, version) = try await Self.requireTarget(tx.registryReader, target, principal, .readModel)
            return try await tx.rejectedRows(versionID: version.id, reason: reason, afterSequence: after, limit: capped)
        }
    }

    /// Windows changed after `since` (the evaluator's work list; no principal: a background job).
    public func changedWindows(since: Date, limit: Int = 500) async throws -> [ChangedWindow] {
        try await store.read { tx in try await tx.changedWindows(since: since, limit: limit) }
    }
}
