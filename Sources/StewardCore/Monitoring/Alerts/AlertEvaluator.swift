import Foundation

/// The open/close state machine of one series (rule, version, feature), as a pure function of the
/// series' newest windows and its latest alert. Deciding from the stored series rather than from
/// the points just received makes evaluation idempotent (recording the same points twice changes
/// nothing) and indifferent to arrival order (a late window is placed where it belongs).
public enum AlertEvaluator {
    public enum Decision: Sendable, Equatable {
        case none
        /// Open an alert on these breaching windows (oldest first).
        case open([AlertWindow])
        /// Close the open alert on these healthy windows (oldest first).
        case close([AlertWindow])
    }

    /// True when `value` breaches the rule; nil when it cannot be judged (outside_reference
    /// without a reference value).
    public static func breaches(_ rule: AlertRule, _ value: Double, reference: Double?) -> Bool? {
        switch rule.condition {
        case .above: return value > (rule.threshold ?? .infinity)
        case .below: return value < (rule.threshold ?? -.infinity)
        case .outsideReference:
            guard let reference, let tolerance = rule.threshold ?? ReferenceTolerance.defaultTolerance(for: rule.metric) else { return nil }
            return ReferenceTolerance.isOutside(value, reference: reference, tolerance: tolerance)
        }
    }

    /// Decides what the newest windows (`newest`, newest first, at least max(windows, clear_windows)
    /// of them when the series has that many) mean for the series' latest alert `latest`.
    ///
    /// - An open alert closes after `clear_windows` consecutive healthy windows, all newer than the
    ///   windows that opened it (a late, older window cannot close it).
    /// - Otherwise an alert opens when the newest `windows` windows all breach, unless they are not
    ///   newer than the windows that closed the previous alert, or the newest ends within the cool-down
    ///   after the previous close. Cool-down is measured in window time, so a backfill or a replay of
    ///   old points behaves exactly as live evaluation did.
    public static func decide(_ rule: AlertRule, newest: [AlertWindow], reference: Double?, latest: Alert?) -> Decision {
        if let latest, latest.state == .open {
            let recent = Array(newest.prefix(rule.clearWindows))
            let openedThrough = latest.openingWindows.map(\.start).max() ?? .distantPast
            guard recent.count == rule.clearWindows,
                  recent.allSatisfy({ $0.start > openedThrough && breaches(rule, $0.value, reference: reference) == false }) else { return .none }
            return .close(recent.reversed())
        }
        let recent = Array(newest.prefix(rule.windows))
        guard recent.count == rule.windows, recent.allSatisfy({ breaches(rule, $0.value, reference: reference) == true }) else { return .none }
        if let latest, let newestWindow = recent.first {
            let closedThrough = latest.closingWindows.map(\.start).max() ?? latest.openingWindows.map(\.start).max() ?? .distantPast
            guard newestWindow.start > closedThrough else { return .none }
            if let closingEnd = latest.closingWindows.map(\.end).max(),
               newestWindow.end <= closingEnd.addingTimeInterval(TimeInterval(rule.coolDownSeconds)) { return .none }
        }
        return .open(recent.reversed())
    }
}
