import Foundation
import StewardCore
import StewardMonitoring

/// Builds the partial window profiles of a batch with StewardMonitoring's sketches: one
/// `WindowProfile` per window the batch touches, encoded, so a batch costs one row per window
/// however many features it has.
struct SketchProfiler: WindowProfiler {
    func partials(_ rows: [(row: PredictionRow, window: Int64)], columns: MonitorColumns, settings: MonitorSettings) -> [WindowPartial] {
        var byWindow: [Int64: [Int]] = [:]
        for (index, item) in rows.enumerated() { byWindow[item.window, default: []].append(index) }
        return byWindow.keys.sorted().map { window in
            let indices = byWindow[window]!
            let profile = Self.profile(rows, indices: indices, columns: columns, settings: settings)
            return WindowPartial(windowStart: window, windowSeconds: settings.windowSeconds, rows: indices.count, profile: profile.encoded())
        }
    }

    /// The profile of `rows[indices]`: one pass over the rows (row-major, so each row is read in
    /// place rather than copied once per column), numeric values gathered per column and added in
    /// bulk (the sketches' fast path), categorical values one by one.
    static func profile(_ rows: [(row: PredictionRow, window: Int64)], indices: [Int], columns: MonitorColumns,
                        settings: MonitorSettings) -> WindowProfile {
        let kinds = (0..<columns.count).map { Self.kind(columns[$0].kind) }
        var profiles = kinds.map { $0.map(FeatureProfile.init(kind:)) }
        var buffers = kinds.map { kind -> [Double] in
            var buffer: [Double] = []
            if kind == .numeric { buffer.reserveCapacity(indices.count) }
            return buffer
        }
        var prediction = FeatureProfile(kind: settings.effectivePredictionKind == .numeric ? .numeric : .categorical)
        for index in indices {
            let values = rows[index].row.values
            for position in 0..<kinds.count {
                guard let kind = kinds[position] else { continue }
                let value = position < values.count ? values[position] : .missing
                switch value {
                case .number(let x) where kind == .numeric: buffers[position].append(x)
                case .string(let text) where kind == .numeric: profiles[position]!.add(category: text) // "NaN" etc. were converted by the parser
                case .missing, .other: profiles[position]!.addMissing()
                default: if let text = value.text { profiles[position]!.add(category: text) } else { profiles[position]!.addMissing() }
                }
            }
            switch rows[index].row.prediction {
            case .number(let x) where prediction.kind == .numeric: prediction.add(x)
            case let value: if let text = value.text { prediction.add(category: text) } else { prediction.addMissing() }
            }
        }
        var features: [String: FeatureProfile] = [:]
        for position in 0..<kinds.count {
            guard var profile = profiles[position] else { continue }
            if !buffers[position].isEmpty { profile.add(contentsOf: buffers[position]) }
            features[columns[position].name] = profile
        }
        return WindowProfile(features: features, prediction: prediction, rows: indices.count)
    }

    static func kind(_ kind: MonitorColumn.Kind) -> FeatureKind? {
        switch kind {
        case .numeric: .numeric
        case .categorical: .categorical
        case .unprofiled: nil
        }
    }

    /// The merge of encoded partials (merge-on-read); undecodable partials are skipped and counted.
    static func merge(_ partials: [WindowPartial]) -> (profile: WindowProfile, skipped: Int) {
        var merged = WindowProfile()
        var skipped = 0
        for partial in partials {
            if let profile = try? WindowProfile(encoded: partial.profile) { merged.merge(profile) } else { skipped += 1 }
        }
        return (merged, skipped)
    }
}
