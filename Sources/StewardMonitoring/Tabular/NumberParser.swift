import Foundation

/// Parses a decimal number from raw bytes without building a String.
///
/// Clinger's fast path: when the significant digits fit in 15 (so the integer mantissa is exact in
/// a Double) and the decimal exponent is within ±22 (so 10^|e| is exact too), one IEEE multiply or
/// divide of two exact values gives the correctly rounded result. Anything else (long mantissas,
/// large exponents, "inf") goes to strtod, which is correctly rounded as well.
enum NumberParser {
    enum Outcome {
        case number(Double, integer: Bool)
        case missing
        case notANumber
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Parses `bytes[start..<end]` (already unquoted, surrounding spaces allowed).
    static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        var i = start, e = end
        while i < e && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        while e > i && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0D) { e -= 1 }
        if i == e { return .missing }
        let first = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, exponent = 0, sawDigit = false, integer = true
        while i < e, bytes[i] &- 0x30 < 10 {
            sawDigit = true
            if mantissa != 0 || bytes[i] != 0x30 { digits += 1 }
            if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30) } else { exponent += 1 }
            i += 1
        }
        if i < e && bytes[i] == UInt8(ascii: ".") {
            integer = false
            i += 1
            while i < e, bytes[i] &- 0x30 < 10 {
                sawDigit = true
                if mantissa != 0 || bytes[i] != 0x30 { digits += 1 }
                if digits <= 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
                    exponent -= 1
                }
                i += 1
            }
        }
        guard sawDigit else { return special(bytes, first, e) }
        if i < e && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            integer = false
            i += 1
            var exponentNegative = false
            if i < e && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0, exponentDigits = 0
            while i < e, bytes[i] &- 0x30 < 10 {
                if value < 100_000 { value = value * 10 + Int(bytes[i] &- 0x30) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return .notANumber }
            exponent += exponentNegative ? -value : value
        }
        guard i == e else { return .notANumber }
        if digits <= 15 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return .number(negative ? -value : value, integer: integer)
        }
        return .number(slowPath(bytes, first, e), integer: integer)
    }

    /// strtod on a NUL-terminated copy: correctly rounded for every input the fast path rejects.
    private static func slowPath(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        var copy = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { copy[k - start] = CChar(bitPattern: bytes[k]) }
        return strtod(copy, nil)
    }

    /// Spellings pandas reads as missing, and the infinities.
    private static func special(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        switch text.lowercased() {
        case "na", "n/a", "nan", "-nan", "null", "none", "#n/a": return .missing
        case "inf", "+inf", "infinity", "+infinity": return .number(.infinity, integer: false)
        case "-inf", "-infinity": return .number(-.infinity, integer: false)
        default: return .notANumber
        }
    }
}
