import Foundation

/// One value of a logged row as it arrived: JSON scalars only (arrays and objects are `.other`).
public enum FeatureValue: Sendable, Equatable {
    case missing
    case number(Double)
    case string(String)
    case bool(Bool)
    /// An array or object: never a valid feature value.
    case other

    /// The canonical text of a scalar, used for categories, class labels and label joins:
    /// integral numbers print without a fraction (`1`, not `1.0`), so a class logged as `1` and a
    /// label sent as `"1"` match.
    public var text: String? {
        switch self {
        case .string(let value): return value
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return Self.canonical(value)
        case .missing, .other: return nil
        }
    }

    /// The number, when the value is one (booleans are not numbers).
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// `1` for integral values within ±2^53, else Swift's shortest round-trip form.
    public static func canonical(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// A class probability of a logged prediction.
public struct ClassProbability: Sendable, Equatable {
    public var label: String
    public var value: Double

    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}

/// One prediction as logged: the row id (the key labels join on), when it happened, the feature
/// values in the order of the monitor's columns, the prediction and its class probabilities.
public struct PredictionRow: Sendable {
    public var id: String
    /// Epoch milliseconds; `nil` when the row carried none (the receipt time is used).
    public var timestamp: Int64?
    /// The row's timestamp was present but not RFC 3339 (or epoch seconds).
    public var badTimestamp: Bool
    /// Values by column index (`MonitorColumns`); a shorter array means the rest are missing.
    public var values: [FeatureValue]
    public var prediction: FeatureValue
    public var probabilities: [ClassProbability]?
    /// The row's JSON bytes (a slice of the batch, not a copy), kept for inspection when it is rejected.
    public var rawBytes: ArraySlice<UInt8>

    public init(id: String, timestamp: Int64?, badTimestamp: Bool = false, values: [FeatureValue], prediction: FeatureValue,
                probabilities: [ClassProbability]? = nil, raw: ArraySlice<UInt8>) {
        self.id = id
        self.timestamp = timestamp
        self.badTimestamp = badTimestamp
        self.values = values
        self.prediction = prediction
        self.probabilities = probabilities
        self.rawBytes = raw
    }

    /// The row's JSON text.
    public var raw: String { String(decoding: rawBytes, as: UTF8.self) }

    /// The value of column `index` (missing beyond the end).
    public func value(_ index: Int) -> FeatureValue { index < values.count ? values[index] : .missing }
}
