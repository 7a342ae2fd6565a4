import Foundation
import StewardCore
import StewardMonitoring

/// The monitor settings document of `PUT/GET …/monitoring`.
struct MonitorSettingsBody: Codable {
    var windowSeconds: Int?
    var task: MonitorTask?
    var predictionKind: MonitorColumn.Kind?
    var labelKind: MonitorColumn.Kind?
    var positiveClass: String?
    /// `{"method": …, "threshold": …, "drift_share": 0.5, "psi_bins": 10, "features": {"f": {"method": …, "threshold": …}}}`
    var drift: JSONValue?

    enum CodingKeys: String, CodingKey {
        case windowSeconds = "window_seconds", task, predictionKind = "prediction_kind", labelKind = "label_kind"
        case positiveClass = "positive_class", drift
    }

    init(_ settings: MonitorSettings) {
        windowSeconds = settings.windowSeconds
        task = settings.task
        predictionKind = settings.predictionKind
        labelKind = settings.labelKind
        positiveClass = settings.positiveClass
        drift = settings.drift
    }

    /// The settings, after checking that the drift overrides are ones StewardMonitoring knows.
    func settings() throws -> MonitorSettings {
        let settings = MonitorSettings(windowSeconds: windowSeconds ?? 3600, task: task, predictionKind: predictionKind, labelKind: labelKind,
                                       positiveClass: positiveClass, drift: drift)
        _ = try DriftOverrides.settings(drift)
        return settings
    }
}

/// The wire form of drift overrides, turned into StewardMonitoring's `DriftSettings`.
enum DriftOverrides {
    static func settings(_ json: JSONValue?) throws -> DriftSettings {
        var settings = DriftSettings()
        guard let json, json != .null else { return settings }
        guard case .object(let members) = json else { throw DomainError.invalidField("drift", "must be an object") }
        for key in members.keys where !["method", "threshold", "drift_share", "psi_bins", "features"].contains(key) {
            throw DomainError.invalidField("drift.\(key)", "is not a drift setting (method, threshold, drift_share, psi_bins, features)")
        }
        settings.defaults = try choice(members, field: "drift")
        if case .number(let share)? = members["drift_share"] {
            guard share > 0, share <= 1 else { throw DomainError.invalidField("drift.drift_share", "must be in (0, 1]") }
            settings.driftShare = share
        }
        if case .number(let bins)? = members["psi_bins"] {
            guard bins >= 2, bins <= 100, bins == bins.rounded() else { throw DomainError.invalidField("drift.psi_bins", "must be an integer from 2 to 100") }
            settings.psiBins = Int(bins)
        }
        if let features = members["features"] {
            guard case .object(let byName) = features else { throw DomainError.invalidField("drift.features", "must be an object of feature settings") }
            for (name, value) in byName {
                guard case .object(let spec) = value else { throw DomainError.invalidField("drift.features.\(name)", "must be an object") }
                settings.features[name] = try choice(spec, field: "drift.features.\(name)")
            }
        }
        return settings
    }

    static func choice(_ members: [String: JSONValue], field: String) throws -> DriftSettings.Choice {
        var choice = DriftSettings.Choice()
        if let method = members["method"] {
            guard case .string(let name) = method, let parsed = DriftMethod(rawValue: name) else {
                throw DomainError.invalidField("\(field).method", "must be one of \(DriftMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            choice.method = parsed
        }
        if let threshold = members["threshold"] {
            guard case .number(let value) = threshold, value.isFinite, value >= 0 else {
                throw DomainError.invalidField("\(field).threshold", "must be a non-negative number")
            }
            choice.threshold = value
        }
        return choice
    }
}
