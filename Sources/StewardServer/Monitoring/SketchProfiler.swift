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
            let profile = Self.profile(indices.lazy.map { rows[$0].row }, count: indices.count, columns: columns, settings: settings)
            return WindowPartial(windowStart: window, windowSeconds: settings.windowSeconds, rows: indices.count, profile: profile.encoded())
        }
    }

    /// The profile of some rows: numeric columns are gathered and added in bulk (the sketches'
    /// fast path), categorical values one by one.
    static func profile(_ rows: some Sequence<PredictionRow>, count: Int, columns: MonitorColumns, settings: MonitorSettings) -> WindowProfile {
        var features: [String: FeatureProfile] = [:]
        var buffer: [Double] = []
        buffer.reserveCapacity(count)
        for position in 0..<columns.count {
            let column = columns[position]
            guard let kind = Self.kind(column.kind) else { continue }
            var profile = FeatureProfile(kind: kind)
            buffer.removeAll(keepingCapacity: true)
            for row in rows {
                let value = row.value(position)
                switch value {
                case .number(let x) where kind == .numeric: buffer.append(x)
                case .string(let text) where kind == .numeric: profile.add(category: text) // "NaN" etc. were converted by the parser
                case .missing, .other: profile.addMissing()
                default: if let text = value.text { profile.add(category: text) } else { profile.addMissing() }
                }
            }
            if !buffer.isEmpty { profile.add(contentsOf: buffer) }
            features[column.name] = profile
        }
        var prediction = FeatureProfile(kind: settings.effectivePredictionKind == .numeric ? .numeric : .categorical)
        for row in rows {
            switch row.prediction {
            case .number(let x) where prediction.kind == .numeric: prediction.add(x)
            default: if let text = row.prediction.text { prediction.add(category: text) } else { prediction.addMissing() }
            }
        }
        return WindowProfile(features: features, prediction: prediction, rows: count)
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
