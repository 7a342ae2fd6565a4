extension FeatureProfile {
    /// Records many numbers at once: the same sketches and counts as adding them one by one (the
    /// moments equal up to rounding), faster, because non-finite values are filtered in one scan and
    /// each sketch then takes contiguous runs.
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        guard kind == .numeric, kll != nil else {
            for x in values { add(x) }
            return
        }
        count += values.count
        var start = 0
        // Work in runs of finite values; non-finite ones are counted where they break a run.
        while start < values.count {
            var end = start
            while end < values.count, values[end].isFinite { end += 1 }
            if end > start {
                let run = UnsafeBufferPointer(rebasing: values[start..<end])
                moments.add(contentsOf: run)
                kll!.add(contentsOf: run)
                for x in run { hll.add(x) }
            }
            if end < values.count {
                let x = values[end]
                if x.isNaN { nan += 1 } else if x > 0 { positiveInfinite += 1 } else { negativeInfinite += 1 }
            }
            start = end + 1
        }
    }

    /// Records many numbers at once (see the buffer form).
    public mutating func add(contentsOf values: [Double]) {
        values.withUnsafeBufferPointer { add(contentsOf: $0) }
    }

    /// Merges another window's profile of the same column. Every part merges symmetrically, so
    /// replicas agree; when the kinds differ the result is numeric and keeps both kinds of sketch.
    public mutating func merge(_ other: FeatureProfile) {
        if kind != other.kind { kind = .numeric }
        count += other.count
        missing += other.missing
        nan += other.nan
        positiveInfinite += other.positiveInfinite
        negativeInfinite += other.negativeInfinite
        invalid += other.invalid
        moments.merge(other.moments)
        hll.merge(other.hll)
        kll = Self.mergeOptional(kll, other.kll) { $0.merge($1) }
        frequentItems = Self.mergeOptional(frequentItems, other.frequentItems) { $0.merge($1) }
    }

    static func mergeOptional<T>(_ a: T?, _ b: T?, _ merge: (inout T, T) -> Void) -> T? {
        guard var a else { return b }
        guard let b else { return a }
        merge(&a, b)
        return a
    }
}
