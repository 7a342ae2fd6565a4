import Foundation
import StewardCore

/// A small pull parser over JSON bytes for the ingest hot path: it reads scalars straight into
/// Swift values and skips what it does not need, without building a document per row (a generic
/// decoder per row would cost more than everything else ingest does).
struct JSONScanner {
    let bytes: [UInt8]
    var index: Int
    /// Where the scanned text ends (exclusive).
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.index = start
        self.end = end ?? bytes.count
    }

    struct Malformed: Error {
        var message: String
    }

    mutating func skipSpace() {
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    var atEnd: Bool { index >= end }

    mutating func peek() -> UInt8? {
        skipSpace()
        return index < end ? bytes[index] : nil
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw Malformed(message: "expected '\(Character(UnicodeScalar(byte)))' at byte \(index)") }
        index += 1
    }

    /// Consumes `byte` when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// The raw bytes of a string's contents (escapes left in) and whether it has escapes.
    mutating func stringRange() throws -> (Range<Int>, escaped: Bool) {
        try expect(0x22)
        let start = index
        var escaped = false
        while index < end {
            let byte = bytes[index]
            if byte == 0x22 { index += 1; return (start..<(index - 1), escaped) }
            if byte == 0x5C { escaped = true; index += 2; continue }
            if byte < 0x20 { throw Malformed(message: "control character in a string at byte \(index)") }
            index += 1
        }
        throw Malformed(message: "unterminated string")
    }

    mutating func string() throws -> String {
        let (range, escaped) = try stringRange()
        if !escaped { return String(decoding: bytes[range], as: UTF8.self) }
        // Rare: let Foundation resolve the escapes of this one string.
        let quoted = Data(bytes[(range.lowerBound - 1)...range.upperBound])
        guard let text = try? JSONDecoder().decode(String.self, from: quoted) else { throw Malformed(message: "invalid string escape") }
        return text
    }

    /// A JSON number. Up to 15 significant digits and a power of ten within ±22 are exact in one
    /// multiplication or division (Clinger's fast path); anything else goes through `strtod`.
    mutating func number() throws -> Double {
        skipSpace()
        let start = index
        var negative = false
        if index < end, bytes[index] == 0x2D { negative = true; index += 1 }
        var mantissa: UInt64 = 0, digits = 0, exponent = 0
        let intStart = index
        while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30); if mantissa > 0 { digits += 1 } } else { exponent += 1 }
            index += 1
        }
        guard index > intStart else { throw Malformed(message: "invalid number at byte \(start)") }
        if index < end, bytes[index] == 0x2E {
            index += 1
            let fractionStart = index
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30); exponent -= 1; if mantissa > 0 { digits += 1 } }
                index += 1
            }
            guard index > fractionStart else { throw Malformed(message: "invalid number at byte \(start)") }
        }
        if index < end, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            var expNegative = false
            if index < end, bytes[index] == 0x2B || bytes[index] == 0x2D { expNegative = bytes[index] == 0x2D; index += 1 }
            var value = 0
            let expStart = index
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 { value = min(value * 10 + Int(bytes[index] - 0x30), 100_000); index += 1 }
            guard index > expStart else { throw Malformed(message: "invalid number at byte \(start)") }
            exponent += expNegative ? -value : value
        }
        if digits <= 15, abs(exponent) <= 22 {
            let magnitude = exponent >= 0 ? Double(mantissa) * Self.powers[exponent] : Double(mantissa) / Self.powers[-exponent]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return strtod(text, nil)
    }

    static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Skips any value.
    mutating func skipValue() throws {
        switch peek() {
        case 0x22: _ = try stringRange()
        case 0x7B, 0x5B:
            let close: UInt8 = bytes[index] == 0x7B ? 0x7D : 0x5D
            let isObject = close == 0x7D
            index += 1
            if take(close) { return }
            repeat {
                if isObject { _ = try stringRange(); try expect(0x3A) }
                try skipValue()
            } while take(0x2C)
            try expect(close)
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try number()
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= end, word.withUTF8Buffer({ Array($0) == Array(bytes[index..<(index + count)]) }) else {
            throw Malformed(message: "invalid literal at byte \(index)")
        }
        index += count
    }

    /// A scalar as a feature value; arrays and objects are skipped and reported as `.other`.
    mutating func featureValue() throws -> FeatureValue {
        switch peek() {
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .missing
        case 0x7B, 0x5B: try skipValue(); return .other
        case nil: throw Malformed(message: "unexpected end")
        default: return .number(try number())
        }
    }
}
