/// The knobs of a drift report: per-feature method and threshold overrides on top of the
/// Evidently-compatible defaults, the dataset-drift share, and PSI binning.
public struct DriftSettings: Sendable, Codable, Hashable {
    /// A per-feature (or default) choice; `nil` fields fall back to the defaults.
    public struct Choice: Sendable, Codable, Hashable {
        public var method: DriftMethod?
        public var threshold: Double?
        public init(method: DriftMethod? = nil, threshold: Double? = nil) {
            self.method = method
            self.threshold = threshold
        }
    }

    /// Applies to every feature without its own entry (method `nil` = size-based default choice).
    public var defaults: Choice
    /// Overrides by feature name.
    public var features: [String: Choice]
    /// The dataset drifts when the share of drifted features is at least this (Evidently: 0.5).
    public var driftShare: Double
    /// Number of reference-quantile bins for PSI (default 10, open outer edges).
    public var psiBins: Int
    /// Reference size at or below which p-value tests are the default (Evidently: 1000).
    public var smallReferenceLimit: Int

    public init(defaults: Choice = Choice(), features: [String: Choice] = [:], driftShare: Double = 0.5,
                psiBins: Int = 10, smallReferenceLimit: Int = 1000) {
        self.defaults = defaults
        self.features = features
        self.driftShare = driftShare
        self.psiBins = psiBins
        self.smallReferenceLimit = smallReferenceLimit
    }

    /// The method for `feature`: its override, else the default override, else Evidently's rule
    /// from the feature kind, the reference size and the number of distinct values (on ref ∪ cur).
    /// `sketchOnly` restricts the automatic choice to distances (streaming windows).
    public func method(for feature: String, kind: FeatureKind, referenceCount: Int, distinctValues: Int,
                       sketchOnly: Bool = false) -> DriftMethod {
        if let chosen = features[feature]?.method ?? defaults.method { return chosen }
        let small = referenceCount <= smallReferenceLimit && !sketchOnly
        let numericLike = kind == .numeric && distinctValues > 5
        if small {
            if numericLike { return .ks }
            return distinctValues <= 2 ? .zTest : .chiSquare
        }
        return numericLike ? .wasserstein : .jensenShannon
    }

    /// The threshold for `feature` under `method`.
    public func threshold(for feature: String, method: DriftMethod) -> Double {
        features[feature]?.threshold ?? defaults.threshold ?? method.defaultThreshold
    }
}
