/// Drift between two windows' profiles, from sketches alone (streaming windows, or a window against
/// a stored reference profile). Only distances are computed, never p-values: at the sizes where
/// sketches are used, KLL rank error alone is about the size of the KS critical value (see the
/// anchors, section 5), so a sketch p-value would flag noise.
///
/// Per feature: the method comes from `DriftSettings.method(…, sketchOnly: true)` with the distinct
/// count from the union of both HyperLogLogs; a p-value method chosen by an override is replaced by
/// the distance for the feature's kind (normalised Wasserstein for numeric columns with more than
/// five values, else Jensen–Shannon). PSI on reference-quantile bins is reported beside every method.
public enum SketchDrift {
    /// The feature name under which the prediction's own drift is reported.
    public static let predictionName = "prediction"

    /// One verdict per feature present on either side (in name order), the prediction's drift when
    /// either side has a prediction profile, and the dataset share. A feature present on one side only
    /// is reported with a count of 0 on the other side, a score of 0 and not drifted: there is nothing
    /// to compare, and its absence shows in the counts (and in the data-quality metrics).
    public static func report(reference: WindowProfile, current: WindowProfile, settings: DriftSettings = DriftSettings()) -> DriftReport {
        let names = Set(reference.features.keys).union(current.features.keys).sorted()
        let features = names.map { name in
            feature(name, reference: reference.features[name], current: current.features[name], settings: settings)
        }
        var prediction: FeatureDrift?
        if reference.prediction != nil || current.prediction != nil {
            prediction = feature(predictionName, reference: reference.prediction, current: current.prediction, settings: settings)
        }
        return DriftReport(features: features, prediction: prediction, exact: false, driftShare: settings.driftShare)
    }

    /// The verdict for one feature from its two profiles (either may be absent).
    public static func feature(_ name: String, reference: FeatureProfile?, current: FeatureProfile?,
                               settings: DriftSettings) -> FeatureDrift {
        let kind = reference?.kind ?? current?.kind ?? .numeric
        let ref = reference ?? FeatureProfile(kind: kind), cur = current ?? FeatureProfile(kind: kind)
        var union = ref.hll
        union.merge(cur.hll)
        let distinct = Int(union.estimate.rounded())
        var method = settings.method(for: name, kind: kind, referenceCount: ref.valueCount, distinctValues: distinct, sketchOnly: true)
        if method.isPValueTest { method = kind == .numeric && distinct > 5 ? .wasserstein : .jensenShannon }
        let threshold = settings.threshold(for: name, method: method)
        guard ref.valueCount > 0, cur.valueCount > 0 else {
            return FeatureDrift(feature: name, kind: kind, method: method, score: 0, threshold: threshold, drifted: false,
                                referenceCount: ref.valueCount, currentCount: cur.valueCount)
        }
        let psi = psi(reference: ref, current: cur, bins: settings.psiBins)
        let score: Double
        switch method {
        case .psi: score = psi ?? 0
        case .wasserstein where kind == .numeric:
            score = wasserstein(ref.kll!.sortedView, cur.kll!.sortedView) / Swift.max(ref.moments.standardDeviation, 0.001)
        default:
            let (p, q) = frequencies(reference: ref, current: cur)
            score = jensenShannon(p, q)
        }
        return FeatureDrift(feature: name, kind: kind, method: method, score: score, threshold: threshold,
                            drifted: FeatureDrift.isDrifted(method: method, score: score, threshold: threshold),
                            psi: psi, referenceCount: ref.valueCount, currentCount: cur.valueCount)
    }
}
