/// Regression quality of one window (Evidently's regression preset): errors are prediction − label.
/// MAPE is in percent, like Evidently; it is nil when a label is zero, R² when the labels are constant.
public struct RegressionQuality: Sendable, Codable, Hashable {
    public var meanError: Double?
    public var mae: Double?
    public var rmse: Double?
    public var mape: Double?
    public var r2: Double?
    public var maxError: Double?
    public var count: Int

    /// The metrics as `name → value`, nil metrics left out.
    public var values: [String: Double] {
        let pairs: [(String, Double?)] = [("mean_error", meanError), ("mae", mae), ("rmse", rmse), ("mape", mape),
                                          ("r2", r2), ("max_error", maxError)]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { name, value in value.map { (name, $0) } })
    }

    /// Rows where either value is NaN or infinite are left out.
    public static func compute(labels: [Double], predictions: [Double]) -> RegressionQuality {
        let pairs = zip(labels, predictions).filter { $0.isFinite && $1.isFinite }
        var result = RegressionQuality(count: pairs.count)
        guard !pairs.isEmpty, labels.count == predictions.count else { return result }
        let n = Double(pairs.count)
        var sum = 0.0, absolute = 0.0, squares = 0.0, percent = 0.0, maximum = 0.0, labelSum = 0.0
        var zeroLabel = false
        for (label, prediction) in pairs {
            let error = prediction - label
            sum += error
            absolute += abs(error)
            squares += error * error
            maximum = max(maximum, abs(error))
            labelSum += label
            if label == 0 { zeroLabel = true } else { percent += abs(error / label) }
        }
        let mean = labelSum / n
        let total = pairs.reduce(0.0) { $0 + ($1.0 - mean) * ($1.0 - mean) }
        result.meanError = sum / n
        result.mae = absolute / n
        result.rmse = (squares / n).squareRoot()
        result.mape = zeroLabel ? nil : 100 * percent / n
        result.r2 = total == 0 ? nil : 1 - squares / total
        result.maxError = maximum
        return result
    }
}
