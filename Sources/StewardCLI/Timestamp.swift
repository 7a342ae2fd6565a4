import Foundation
import OpenAPIRuntime

/// RFC 3339 UTC timestamps as the API writes them: `2026-11-28T15:03:20.123Z`.
enum Timestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// Formats `date` with milliseconds, in UTC.
    static func format(_ date: Date) -> String {
        withFraction.format(date)
    }

    /// Parses a timestamp with or without fractional seconds.
    static func parse(_ text: String) throws -> Date {
        if let date = try? withFraction.parse(text) { return date }
        return try withoutFraction.parse(text)
    }
}

/// The client's date transcoder: accepts timestamps with or without fractional seconds (the
/// runtime's default accepts only the latter) and writes milliseconds.
struct RFC3339DateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String { Timestamp.format(date) }
    func decode(_ text: String) throws -> Date { try Timestamp.parse(text) }
}
