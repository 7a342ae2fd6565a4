/// The exact drift of one feature: numeric columns through one sort and one merge pass per side,
/// categorical columns through category counts.
enum ExactFeature {
    static func compare(reference: consuming Column, current: consuming Column, settings: DriftSettings) -> Result<FeatureDrift, SkipReason> {
        if let a = takeNumbers(&reference), let b = takeNumbers(&current) {
            return numeric(name: reference.name, reference: a, current: b, settings: settings)
        }
        switch (reference.values, current.values) {
        case (.categorical(let codesA, let categoriesA), .categorical(let codesB, let categoriesB)):
            let counts = CategoryCounts(reference: (codesA, categoriesA), current: (codesB, categoriesB))
            return categorical(name: reference.name, kind: .categorical, counts: counts, psi: counts.psi, settings: settings)
        default:
            return .failure(SkipReason(message: "numeric on one side, categorical on the other"))
        }
    }

    /// Moves the numbers out of a numeric column, leaving it empty, so the caller holds the only
    /// reference and can sort them in place.
    static func takeNumbers(_ column: inout Column) -> [Double]? {
        guard case .numeric(let numbers) = column.values else { return nil }
        column.values = .numeric([])
        return numbers
    }

    static func numeric(name: String, reference: consuming [Double], current: consuming [Double],
                        settings: DriftSettings) -> Result<FeatureDrift, SkipReason> {
        var a = reference, b = current
        // Missing (NaN) and infinite values are dropped, as Evidently does.
        if a.contains(where: { !$0.isFinite }) { a.removeAll(where: { !$0.isFinite }) }
        if b.contains(where: { !$0.isFinite }) { b.removeAll(where: { !$0.isFinite }) }
        guard !a.isEmpty, !b.isEmpty else { return .failure(SkipReason(message: "no values on one side")) }
        RadixSort.sort(&a)
        RadixSort.sort(&b)
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let merged = SortedComparison.compare(reference: pa, current: pb)
                let psi = QuantileBins.psi(sortedReference: pa, sortedCurrent: pb, bins: settings.psiBins)
                let method = settings.method(for: name, kind: .numeric, referenceCount: pa.count, distinctValues: merged.distinctValues)
                let threshold = settings.threshold(for: name, method: method)
                let score: Double, statistic: Double?
                switch method {
                case .ks:
                    let ks = KolmogorovSmirnov.test(n1: pa.count, n2: pb.count, maxDifference: merged.ksMaxDifference,
                                                    minDifference: merged.ksMinDifference)
                    (score, statistic) = (ks.pValue, ks.statistic)
                case .wasserstein:
                    (score, statistic) = (Distances.normalizedWasserstein(merged.wasserstein, referenceStandardDeviation: standardDeviation(pa)), nil)
                case .psi:
                    guard let psi else { return .failure(SkipReason(message: "PSI needs values on both sides")) }
                    (score, statistic) = (psi, nil)
                case .chiSquare, .jensenShannon, .zTest:
                    // Few distinct numbers: Evidently compares them as categories.
                    let counts = CategoryCounts(sortedReference: pa, sortedCurrent: pb)
                    return categorical(name: name, kind: .numeric, counts: counts, psi: psi, settings: settings)
                }
                return .success(FeatureDrift(feature: name, kind: .numeric, method: method, score: score, statistic: statistic,
                                             threshold: threshold, drifted: FeatureDrift.isDrifted(method: method, score: score, threshold: threshold),
                                             psi: psi, referenceCount: pa.count, currentCount: pb.count))
            }
        }
    }

    static func categorical(name: String, kind: FeatureKind, counts: CategoryCounts, psi: Double?,
                            settings: DriftSettings) -> Result<FeatureDrift, SkipReason> {
        let n1 = Int(counts.reference.reduce(0, +)), n2 = Int(counts.current.reduce(0, +))
        guard n1 > 0, n2 > 0 else { return .failure(SkipReason(message: "no values on one side")) }
        let method = settings.method(for: name, kind: .categorical, referenceCount: n1, distinctValues: counts.reference.count)
        let threshold = settings.threshold(for: name, method: method)
        let score: Double, statistic: Double?
        switch method {
        case .chiSquare:
            guard let chi = ChiSquareContingency.test(reference: counts.reference, current: counts.current) else {
                return .failure(SkipReason(message: "chi-square needs values on both sides"))
            }
            (score, statistic) = (chi.pValue, chi.statistic)
        case .zTest:
            guard counts.reference.count <= 2 else { return .failure(SkipReason(message: "the Z-test needs at most two categories")) }
            let z = ZTest.test(referenceHits: Int(counts.reference[0]), referenceCount: n1,
                               currentHits: Int(counts.current[0]), currentCount: n2)!
            (score, statistic) = (z.pValue, z.statistic)
        case .jensenShannon:
            (score, statistic) = (Distances.jensenShannon(counts.reference, counts.current) ?? 0, nil)
        case .psi:
            guard let psi else { return .failure(SkipReason(message: "PSI needs values on both sides")) }
            (score, statistic) = (psi, nil)
        case .ks, .wasserstein:
            return .failure(SkipReason(message: "\(method.rawValue) needs a numeric column"))
        }
        return .success(FeatureDrift(feature: name, kind: kind, method: method, score: score, statistic: statistic,
                                     threshold: threshold, drifted: FeatureDrift.isDrifted(method: method, score: score, threshold: threshold),
                                     psi: psi, referenceCount: n1, currentCount: n2))
    }

    /// Population standard deviation (`np.std`), two-pass for accuracy.
    static func standardDeviation(_ x: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for v in x { sum += v }
        let mean = sum / Double(x.count)
        var squares = 0.0
        for v in x { squares += (v - mean) * (v - mean) }
        return (squares / Double(x.count)).squareRoot()
    }
}
