import Foundation

/// Checks logged rows against a monitor's columns and settings. The first problem of a row
/// decides its reason; a rejected row never reaches the statistics.
public struct RowValidator: Sendable {
    public let columns: MonitorColumns
    public let settings: MonitorSettings

    public init(columns: MonitorColumns, settings: MonitorSettings) {
        self.columns = columns
        self.settings = settings
    }

    /// The rows that pass (with their window start) and the rejections, in input order. Receipt
    /// time stands in for a missing timestamp; a repeated id within the batch is a duplicate.
    public func check(_ rows: [PredictionRow], receivedAt: Int64) -> (valid: [(row: PredictionRow, window: Int64)], rejected: [RowRejection]) {
        var valid: [(row: PredictionRow, window: Int64)] = []
        var rejected: [RowRejection] = []
        valid.reserveCapacity(rows.count)
        var seen = Set<String>(minimumCapacity: rows.count)
        for row in rows {
            let window = settings.windowStart(row.timestamp ?? receivedAt)
            if let (reason, detail) = problem(row) ?? (seen.insert(row.id).inserted ? nil : (.duplicateID, "id '\(row.id.prefix(64))' appears twice in the batch")) {
                rejected.append(RowRejection(rowID: row.id, reason: reason, detail: detail, raw: row.raw, windowStart: window))
            } else {
                valid.append((row, window))
            }
        }
        return (valid, rejected)
    }

    /// The first problem of a row, or nil.
    public func problem(_ row: PredictionRow) -> (RejectionReason, String)? {
        if row.badTimestamp { return (.invalidTimestamp, "timestamp must be RFC 3339 or epoch seconds") }
        for position in 0..<columns.count {
            if let problem = check(row.value(position), columns[position]) { return problem }
        }
        switch row.prediction {
        case .missing, .other: return (.invalidPrediction, "prediction must be a number or a string")
        case .string where settings.task == .regression: return (.invalidPrediction, "a regression prediction must be a number")
        case .number(let value) where !value.isFinite: return (.invalidPrediction, "prediction must be finite")
        default: break
        }
        if let probabilities = row.probabilities,
           let bad = probabilities.first(where: { !$0.value.isFinite || $0.value < 0 || $0.value > 1 }) {
            return (.invalidProbabilities, "probability of '\(bad.label.prefix(64))' must be in [0, 1]")
        }
        return nil
    }

    /// How JSON spells what it cannot write as a number (pandas and MLflow write these).
    public static let nonFinite: [String: Double] = ["NaN": .nan, "Infinity": .infinity, "-Infinity": -.infinity, "inf": .infinity, "-inf": -.infinity]

    func check(_ value: FeatureValue, _ column: MonitorColumn) -> (RejectionReason, String)? {
        var name: Substring { column.name.prefix(128) } // only when a row is refused: this runs per value
        switch value {
        case .missing:
            return column.required ? (.missingRequired, "feature '\(name)' is required") : nil
        case .other:
            return (.wrongType, "feature '\(name)' must be a scalar")
        case .number(let number):
            if column.isNumericType || column.type == .any {
                if !number.isFinite {
                    return column.allowNonFinite ? nil : (.nonFinite, "feature '\(name)' is \(number)")
                }
                if (column.type == .integer || column.type == .long) && number != number.rounded() {
                    return (.wrongType, "feature '\(name)' must be an integer")
                }
                if let minimum = column.minimum, number < minimum { return (.outOfRange, "feature '\(name)' is below \(minimum)") }
                if let maximum = column.maximum, number > maximum { return (.outOfRange, "feature '\(name)' is above \(maximum)") }
            } else if column.type != .any {
                return (.wrongType, "feature '\(name)' must be a \(column.type.rawValue)")
            }
        case .string(let text):
            if column.isNumericType, let special = Self.nonFinite[text] { return check(.number(special), column) }
            switch column.type { // a switch, not an array literal's `contains`: no allocation per value
            case .string, .datetime, .binary, .any: break
            default: return (.wrongType, "feature '\(name)' must be a \(column.type.rawValue)")
            }
        case .bool:
            guard column.type == .boolean || column.type == .any else {
                return (.wrongType, "feature '\(name)' must be a \(column.type.rawValue)")
            }
        }
        if let categories = column.categories, let text = value.text, !categories.contains(text) {
            return (.unknownCategory, "feature '\(name)' has unknown category '\(text.prefix(64))'")
        }
        return nil
    }
}
