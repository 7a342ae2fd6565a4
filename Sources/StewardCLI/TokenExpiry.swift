import Foundation

/// When a new token expires, from `--expires-in DAYS` or `--expires-at RFC3339` (at most one).
enum TokenExpiry {
    /// The longest lifetime the server accepts, in days.
    static let maxDays = 366

    /// The expiry to request, or nil for a token that does not expire.
    /// - Parameters:
    ///   - days: `--expires-in`: whole days from `now`, 1 to ``maxDays``.
    ///   - timestamp: `--expires-at`: an RFC 3339 timestamp with a time zone, in the future.
    ///   - now: The current time.
    /// - Throws: ``CLIFailure/usage(_:)`` when both are given or either is out of range or malformed.
    static func resolve(days: Int?, timestamp: String?, now: Date = Date()) throws -> Date? {
        switch (days, timestamp) {
        case (nil, nil):
            return nil
        case (.some, .some):
            throw CLIFailure.usage("give --expires-in or --expires-at, not both")
        case (let days?, nil):
            guard (1...maxDays).contains(days) else {
                throw CLIFailure.usage("--expires-in must be between 1 and \(maxDays) days")
            }
            return now.addingTimeInterval(TimeInterval(days) * 86_400)
        case (nil, let text?):
            guard let date = try? Timestamp.parse(text.trimmingCharacters(in: .whitespaces)) else {
                throw CLIFailure.usage(
                    "--expires-at '\(text)' is not an RFC 3339 timestamp such as 2027-01-31T00:00:00Z")
            }
            guard date > now else { throw CLIFailure.usage("--expires-at \(text) is in the past") }
            return date
        }
    }
}
