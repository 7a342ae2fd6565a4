import Foundation

/// The drift verdict for one feature (or for the prediction).
public struct FeatureDrift: Sendable, Codable, Hashable {
    public var feature: String
    public var kind: FeatureKind
    public var method: DriftMethod
    /// The distance, or the p-value for p-value tests.
    public var score: Double
    /// The test statistic when the method is a test (KS D, chi-square, Z); nil for distances.
    public var statistic: Double?
    public var threshold: Double
    public var drifted: Bool
    /// PSI on reference-quantile bins, reported beside every method (nil when it cannot be computed).
    public var psi: Double?
    public var referenceCount: Int
    public var currentCount: Int

    public init(feature: String, kind: FeatureKind, method: DriftMethod, score: Double, statistic: Double? = nil,
                threshold: Double, drifted: Bool, psi: Double? = nil, referenceCount: Int, currentCount: Int) {
        self.feature = feature
        self.kind = kind
        self.method = method
        self.score = score
        self.statistic = statistic
        self.threshold = threshold
        self.drifted = drifted
        self.psi = psi
        self.referenceCount = referenceCount
        self.currentCount = currentCount
    }

    /// Applies the method's direction: p-values drift when small, distances when large. KS drifts at
    /// p ≤ threshold, chi-square and Z at p < threshold, distances at score ≥ threshold (Evidently).
    public static func isDrifted(method: DriftMethod, score: Double, threshold: Double) -> Bool {
        switch method {
        case .ks: return score <= threshold
        case .chiSquare, .zTest: return score < threshold
        case .wasserstein, .jensenShannon, .psi: return score >= threshold
        }
    }
}

/// A drift report: one verdict per feature, the prediction's own drift, and the dataset verdict.
public struct DriftReport: Sendable, Codable, Hashable {
    /// Feature verdicts in input column order.
    public var features: [FeatureDrift]
    /// Drift of the prediction column, when both sides have one.
    public var prediction: FeatureDrift?
    /// Whether the numbers come from exact samples or from sketches.
    public var exact: Bool
    public var driftShare: Double

    public init(features: [FeatureDrift], prediction: FeatureDrift? = nil, exact: Bool, driftShare: Double) {
        self.features = features
        self.prediction = prediction
        self.exact = exact
        self.driftShare = driftShare
    }

    public var driftedCount: Int { features.lazy.filter(\.drifted).count }
    /// Share of drifted features (0 when there are none).
    public var driftedShare: Double { features.isEmpty ? 0 : Double(driftedCount) / Double(features.count) }
    /// Evidently: the dataset drifts when the drifted share is at least `driftShare`.
    public var datasetDrifted: Bool { !features.isEmpty && driftedShare >= driftShare }
}
