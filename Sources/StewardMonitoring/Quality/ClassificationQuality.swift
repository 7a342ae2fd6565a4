import Foundation

/// Classification quality of one window, like Evidently's classification preset and scikit-learn:
/// accuracy, precision, recall and F1 (positive class for binary tasks, macro average otherwise),
/// ROC AUC (binary, or one-vs-rest macro) and log loss when probabilities are given.
/// A metric that is undefined for the data (no rows, a single class, no positive predictions) is
/// nil, never NaN.
public struct ClassificationQuality: Sendable, Codable, Hashable {
    public var accuracy: Double?
    public var precision: Double?
    public var recall: Double?
    public var f1: Double?
    public var rocAUC: Double?
    public var logLoss: Double?
    public var count: Int

    /// Probability at or above which the positive class is predicted (Evidently).
    public static let threshold = 0.5

    /// The metrics as `name → value` (names as in ``QualityTolerance``), nil metrics left out.
    public var values: [String: Double] {
        let pairs: [(String, Double?)] = [("accuracy", accuracy), ("precision", precision), ("recall", recall),
                                          ("f1", f1), ("roc_auc", rocAUC), ("log_loss", logLoss)]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { name, value in value.map { (name, $0) } })
    }

    /// - Parameters:
    ///   - labels: the true classes.
    ///   - predictions: the predicted classes; nil to derive them from `probabilities` (binary:
    ///     positive when P ≥ 0.5; multiclass: the most probable class).
    ///   - probabilities: per row, class → probability (optional).
    ///   - positiveClass: the positive class of a binary task; default the larger of the two class
    ///     names ("1" over "0", "true" over "false"), numerically when both are numbers.
    public static func compute(labels: [String], predictions: [String]?, probabilities: [[String: Double]]? = nil,
                               positiveClass: String? = nil) -> ClassificationQuality {
        let n = labels.count
        var result = ClassificationQuality(count: n)
        if let probabilities, probabilities.count != n { return result }
        if let predictions, predictions.count != n { return result }
        var classSet = Set(labels)
        if let predictions { classSet.formUnion(predictions) }
        for row in probabilities ?? [] { classSet.formUnion(row.keys) }
        let classes = classSet.sorted(by: Self.classOrder)
        guard n > 0, !classes.isEmpty else { return result }
        let binary = classes.count <= 2
        let positive = positiveClass ?? classes.last!
        let predicted: [String]
        if let predictions {
            predicted = predictions
        } else if let probabilities {
            predicted = probabilities.map { row in
                if binary { return (row[positive] ?? 0) >= threshold ? positive : (classes.first { $0 != positive } ?? positive) }
                return classes.max { (row[$0] ?? 0) < (row[$1] ?? 0) }!
            }
        } else {
            return result
        }
        result.accuracy = Double(zip(labels, predicted).filter { $0 == $1 }.count) / Double(n)
        let perClass = (binary ? [positive] : classes).map { ClassCounts(label: $0, labels: labels, predicted: predicted) }
        result.precision = Self.mean(perClass.map(\.precision), binary: binary)
        result.recall = Self.mean(perClass.map(\.recall), binary: binary)
        result.f1 = Self.mean(perClass.map(\.f1), binary: binary)
        if let probabilities {
            result.rocAUC = ROCAUC.compute(labels: labels, probabilities: probabilities, classes: binary ? [positive] : classes)
            result.logLoss = Self.logLoss(labels: labels, probabilities: probabilities, classes: classes)
        }
        return result
    }

    /// Macro average; a class with an undefined metric counts as 0, like scikit-learn's zero_division.
    /// Binary tasks report the positive class alone, nil when undefined.
    private static func mean(_ values: [Double?], binary: Bool) -> Double? {
        if binary { return values.first ?? nil }
        guard !values.isEmpty else { return nil }
        return values.map { $0 ?? 0 }.reduce(0, +) / Double(values.count)
    }

    /// scikit-learn's log loss: probabilities clipped to [ε, 1 − ε], mean of −ln P(true class).
    static func logLoss(labels: [String], probabilities: [[String: Double]], classes: [String]) -> Double? {
        guard classes.count >= 2 else { return nil }
        let eps = Double.ulpOfOne
        var total = 0.0
        for (label, row) in zip(labels, probabilities) {
            var p = row[label] ?? 0
            if classes.count == 2 && row[label] == nil, let other = classes.first(where: { $0 != label }), let q = row[other] { p = 1 - q }
            total -= log(min(max(p, eps), 1 - eps))
        }
        return total / Double(labels.count)
    }

    /// Numbers by value, otherwise by name: "2" < "10", "false" < "true".
    static func classOrder(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b), x != y { return x < y }
        return a < b
    }
}
