import Foundation

/// Timestamp conventions: stored as integer milliseconds since the Unix epoch, shown as RFC 3339 UTC
/// with milliseconds.
public enum Timestamp {
    /// Milliseconds since the epoch.
    public static func milliseconds(_ date: Date) -> Int64 {
        // A date made from whole milliseconds (as every stored date is) can land a hair below its
        // integer once scaled (0.999 s × 1000 = 998.999…): snap to it, truncate anything else.
        let scaled = date.timeIntervalSince1970 * 1000
        let nearest = scaled.rounded()
        return Int64(abs(scaled - nearest) < 1e-3 ? nearest : scaled.rounded(.down))
    }

    /// The date for epoch milliseconds.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The current time truncated to milliseconds, so values round-trip through storage unchanged.
    public static func now() -> Date { date(milliseconds: milliseconds(Date())) }

    /// RFC 3339 UTC with milliseconds: `2026-11-28T15:03:20.123Z`.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendRFC3339(milliseconds: milliseconds(date), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `format`'s text for epoch milliseconds as UTF-8 (large replies write thousands of
    /// timestamps; digits are written directly, with no intermediate strings).
    public static func appendRFC3339(milliseconds ms: Int64, to bytes: inout [UInt8]) {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let fraction = Int(ms - seconds * 1000)
        // Civil-from-days (Howard Hinnant's algorithm): no formatter objects, safe from any thread.
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int, _ width: Int) {
            if value < 0 || (width == 4 && value > 9999) { // outside 0000–9999: as many digits as it takes
                let text = Array(String(value).utf8)
                if text.count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - text.count)) }
                bytes.append(contentsOf: text)
                return
            }
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(Int(year), 4)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(month), 2)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(day), 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        bytes.append(UInt8(ascii: "."))
        digits(fraction, 3)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Parses RFC 3339 (with or without fractional seconds) or a plain `YYYY-MM-DD` date (midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return text.count == 10 ? day.date(from: text) : nil
    }
}
