/// Everything kept about one column in one time window: counts of what was seen, and mergeable
/// sketches of the values. Numeric columns keep moments, a KLL quantile sketch and a HyperLogLog;
/// categorical columns keep a HyperLogLog and frequent items. NaN and ±infinity are counted on their
/// own and never reach the moments or the quantiles (one infinity would make the mean infinite).
public struct FeatureProfile: Sendable, Equatable {
    public internal(set) var kind: FeatureKind
    /// Every observation: values, missing, NaN, infinite and invalid ones.
    public internal(set) var count = 0
    /// Observations with no value (null / absent).
    public internal(set) var missing = 0
    public internal(set) var nan = 0
    public internal(set) var positiveInfinite = 0
    public internal(set) var negativeInfinite = 0
    /// Values of the wrong type (text that is not a number in a numeric column).
    public internal(set) var invalid = 0
    /// Finite values (numeric columns).
    public internal(set) var moments = Moments()
    public internal(set) var kll: KLLSketch?
    public internal(set) var hll: HyperLogLog
    public internal(set) var frequentItems: FrequentItems?

    /// An empty profile with the default sketch sizes (KLL k = 1024, HLL lgK = 12, items lgMaxK = 10).
    public init(kind: FeatureKind) {
        self.kind = kind
        hll = HyperLogLog()
        if kind == .numeric { kll = KLLSketch() } else { frequentItems = FrequentItems() }
    }

    /// ±infinite values together.
    public var infinite: Int { positiveInfinite + negativeInfinite }
    /// Observations that went into the sketches (finite numbers, or categories).
    public var valueCount: Int { kind == .numeric ? moments.count : frequentItems?.total ?? 0 }

    /// Records a number. In a categorical column it becomes the category of its shortest decimal
    /// form (1.0 → "1"), as integer-coded categories arrive as numbers.
    // Not @inlinable (its stored properties have internal setters); one call per value from other
    // modules, everything below it is inlined within this module.
    public mutating func add(_ x: Double) {
        count += 1
        if x.isFinite {
            if kind == .numeric {
                moments.add(x)
                kll!.add(x)
                hll.add(x)
            } else {
                addCategoryValue(Self.categoryName(x))
            }
        } else if x.isNaN {
            nan += 1
        } else if x > 0 {
            positiveInfinite += 1
        } else {
            negativeInfinite += 1
        }
    }

    /// Records a category. In a numeric column the text is parsed as a number, else counted invalid.
    public mutating func add(category: some StringProtocol) {
        if kind == .numeric {
            if let x = Double(String(category)) { add(x) } else { count += 1; invalid += 1 }
            return
        }
        count += 1
        addCategoryValue(String(category))
    }

    @usableFromInline
    mutating func addCategoryValue(_ s: String) {
        hll.add(s)
        if frequentItems == nil { frequentItems = FrequentItems() }
        frequentItems!.add(s)
    }

    public mutating func addMissing() {
        count += 1
        missing += 1
    }

    @usableFromInline
    static func categoryName(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
