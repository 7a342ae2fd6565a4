/// One column of a table held in memory for exact (batch) computations.
///
/// Numbers stay in one flat `[Double]` and categories as dictionary codes into a small list of
/// strings, so a million-row column costs 8 (or 4) bytes per row and no object per cell.
public struct Column: Sendable, Equatable {
    /// The code of a missing categorical cell (an empty CSV cell or a JSON `null`).
    public static let missingCode = UInt32.max

    public var name: String
    public var values: ColumnData

    public init(name: String, values: ColumnData) {
        self.name = name
        self.values = values
    }

    /// A numeric column; NaN marks a missing value (it is left out of every statistic).
    public static func numeric(_ name: String, _ values: [Double]) -> Column {
        Column(name: name, values: .numeric(values))
    }

    /// A categorical column from strings, dictionary-encoded in first-seen order; `nil` is missing.
    public static func categorical(_ name: String, _ strings: [String?]) -> Column {
        var index: [String: UInt32] = [:]
        var categories: [String] = []
        let codes = strings.map { value -> UInt32 in
            guard let value else { return missingCode }
            if let code = index[value] { return code }
            let code = UInt32(categories.count)
            index[value] = code
            categories.append(value)
            return code
        }
        return Column(name: name, values: .categorical(codes: codes, categories: categories))
    }

    /// How the column is treated by drift methods.
    public var kind: FeatureKind {
        if case .numeric = values { return .numeric }
        return .categorical
    }

    /// Number of rows, missing ones included.
    public var count: Int {
        switch values {
        case .numeric(let numbers): return numbers.count
        case .categorical(let codes, _): return codes.count
        }
    }
}

/// The cells of a ``Column``.
public enum ColumnData: Sendable, Equatable {
    /// Numbers; NaN is a missing value, ±infinity is dropped like Evidently does.
    case numeric([Double])
    /// Codes into `categories`; ``Column/missingCode`` marks a missing value.
    case categorical(codes: [UInt32], categories: [String])
}

/// A column left out of a drift report, and why (text, empty, or missing on one side).
public struct SkippedColumn: Sendable, Codable, Hashable {
    public var name: String
    public var reason: String
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
