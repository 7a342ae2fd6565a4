/// Per-category counts of two samples over the union of their categories, in a shared order
/// (sorted by category name, so the Z-test's category and every output are deterministic).
struct CategoryCounts {
    var categories: [String]
    var reference: [Double]
    var current: [Double]

    /// From dictionary-encoded columns; the two sides may number their categories differently.
    init(reference: ([UInt32], [String]), current: ([UInt32], [String])) {
        let countsA = Self.count(reference.0, categories: reference.1.count)
        let countsB = Self.count(current.0, categories: current.1.count)
        var totals: [String: (Double, Double)] = [:]
        for (index, name) in reference.1.enumerated() where countsA[index] > 0 { totals[name, default: (0, 0)].0 += countsA[index] }
        for (index, name) in current.1.enumerated() where countsB[index] > 0 { totals[name, default: (0, 0)].1 += countsB[index] }
        categories = totals.keys.sorted()
        self.reference = categories.map { totals[$0]!.0 }
        self.current = categories.map { totals[$0]!.1 }
    }

    /// From sorted numbers: every distinct value is a category.
    init(sortedReference a: UnsafeBufferPointer<Double>, sortedCurrent b: UnsafeBufferPointer<Double>) {
        var i = 0, j = 0
        categories = []
        reference = []
        current = []
        while i < a.count || j < b.count {
            let value = j >= b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            let startI = i, startJ = j
            while i < a.count && a[i] == value { i += 1 }
            while j < b.count && b[j] == value { j += 1 }
            categories.append("\(value)")
            reference.append(Double(i - startI))
            current.append(Double(j - startJ))
        }
    }

    /// PSI on category shares (one bin per category).
    var psi: Double? { Distances.psi(reference: reference, current: current) }

    private static func count(_ codes: [UInt32], categories: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: categories)
        for code in codes where code != Column.missingCode { counts[Int(code)] += 1 }
        return counts.map(Double.init)
    }
}
