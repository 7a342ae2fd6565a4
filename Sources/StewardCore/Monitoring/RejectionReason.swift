/// Why a well-formed row was kept aside instead of entering the statistics.
public enum RejectionReason: String, Sendable, Codable, CaseIterable, Hashable {
    /// A value of the wrong JSON type for its column (a string in a number column, 1.5 for an integer).
    case wrongType = "wrong_type"
    /// A required feature is absent or null.
    case missingRequired = "missing_required"
    /// A value outside the column's declared categories.
    case unknownCategory = "unknown_category"
    /// A number below the column's minimum or above its maximum.
    case outOfRange = "out_of_range"
    /// NaN or ±infinity in a column that does not allow them.
    case nonFinite = "non_finite"
    /// A row id already logged for this version (or twice in one batch).
    case duplicateID = "duplicate_id"
    /// A timestamp that is neither RFC 3339 nor epoch seconds.
    case invalidTimestamp = "invalid_timestamp"
    /// A prediction that is missing, not a scalar, or not a number for a regression monitor.
    case invalidPrediction = "invalid_prediction"
    /// Probabilities that are not finite numbers in [0, 1].
    case invalidProbabilities = "invalid_probabilities"
}

/// A rejected row: the reason, which feature it concerns and the row as it arrived.
public struct RowRejection: Sendable, Equatable {
    public var rowID: String?
    public var reason: RejectionReason
    /// The feature (or field) at fault and what was wrong, for people reading it.
    public var detail: String
    public var raw: String
    /// Epoch milliseconds of the window the row would have fallen in.
    public var windowStart: Int64

    public init(rowID: String?, reason: RejectionReason, detail: String, raw: String, windowStart: Int64) {
        self.rowID = rowID
        self.reason = reason
        self.detail = detail
        self.raw = raw
        self.windowStart = windowStart
    }
}
