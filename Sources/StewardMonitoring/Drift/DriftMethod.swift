/// A per-feature drift test or distance.
///
/// The defaults follow Evidently (see `../shared/reference/monitoring-anchors.md`, section 1 and 6):
/// with at most 1,000 reference rows a p-value test (KS for numeric columns with more than five
/// distinct values, chi-square for categorical ones, Z for at most two values); above that a
/// distance (normalised Wasserstein for numeric, Jensen–Shannon for categorical). PSI is always
/// reported beside the chosen method and can be chosen as the method itself.
public enum DriftMethod: String, Sendable, Codable, CaseIterable, Hashable {
    /// Two-sample Kolmogorov–Smirnov; drift when p ≤ threshold (default 0.05).
    case ks
    /// Chi-square test of homogeneity on the 2×k contingency table; drift when p < threshold (0.05).
    case chiSquare = "chisquare"
    /// Z-test on the difference of two proportions; drift when p < threshold (0.05).
    case zTest = "ztest"
    /// Wasserstein-1 distance divided by max(std(reference), 0.001); drift when ≥ threshold (0.1).
    case wasserstein
    /// Jensen–Shannon distance, natural log (at most √ln 2); drift when ≥ threshold (0.1).
    case jensenShannon = "jensenshannon"
    /// Population stability index on reference-quantile bins; drift when ≥ threshold (0.1).
    case psi

    /// Whether the method yields a p-value (drift when small) rather than a distance (drift when large).
    public var isPValueTest: Bool { self == .ks || self == .chiSquare || self == .zTest }

    /// Evidently's default threshold for the method.
    public var defaultThreshold: Double { isPValueTest ? 0.05 : 0.1 }

    /// Whether the method may be computed from sketches (streaming windows): distances only, never
    /// p-values, because sketch rank error alone crosses the KS critical value at large N.
    public var isSketchCompatible: Bool { !isPValueTest }
}

/// How a column is treated: numbers, or a finite set of categories.
public enum FeatureKind: String, Sendable, Codable, Hashable {
    case numeric
    case categorical
}
