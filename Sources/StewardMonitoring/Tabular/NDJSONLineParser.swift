/// A scanner for one line holding a flat JSON object: yields each key with the byte range and kind
/// of its value, without building Strings for cells that do not need one.
enum NDJSONLineParser {
    enum Kind { case string, number, boolean, null }

    struct Field {
        var keyStart: Int, keyEnd: Int, keyEscaped: Bool
        var kind: Kind
        var start: Int, end: Int, escaped: Bool
    }

    struct Malformed: Error { var message: String }

    /// Calls `body` for every key/value of the object on `bytes[start..<end]`.
    static func fields(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ body: (Field) throws(Malformed) -> Void) throws(Malformed) {
        var i = skipSpace(b, start, end)
        guard i < end, b[i] == UInt8(ascii: "{") else { throw Malformed(message: "expected a JSON object") }
        i = skipSpace(b, i + 1, end)
        if i < end && b[i] == UInt8(ascii: "}") { return }
        while true {
            guard i < end, b[i] == UInt8(ascii: "\"") else { throw Malformed(message: "expected a key") }
            let (keyEnd, keyEscaped) = try stringEnd(b, i + 1, end)
            var field = Field(keyStart: i + 1, keyEnd: keyEnd, keyEscaped: keyEscaped, kind: .null, start: 0, end: 0, escaped: false)
            i = skipSpace(b, keyEnd + 1, end)
            guard i < end, b[i] == UInt8(ascii: ":") else { throw Malformed(message: "expected ':'") }
            i = skipSpace(b, i + 1, end)
            guard i < end else { throw Malformed(message: "missing value") }
            switch b[i] {
            case UInt8(ascii: "\""):
                let (valueEnd, escaped) = try stringEnd(b, i + 1, end)
                (field.kind, field.start, field.end, field.escaped) = (.string, i + 1, valueEnd, escaped)
                i = valueEnd + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                throw Malformed(message: "nested objects and arrays are not supported")
            default:
                var j = i
                while j < end && b[j] != UInt8(ascii: ",") && b[j] != UInt8(ascii: "}") && b[j] > 0x20 { j += 1 }
                let word = String(decoding: UnsafeBufferPointer(start: b + i, count: j - i), as: UTF8.self)
                field.kind = word == "null" ? .null : (word == "true" || word == "false") ? .boolean : .number
                (field.start, field.end) = (i, j)
                i = j
            }
            try body(field)
            i = skipSpace(b, i, end)
            guard i < end else { throw Malformed(message: "unterminated object") }
            if b[i] == UInt8(ascii: "}") { return }
            guard b[i] == UInt8(ascii: ",") else { throw Malformed(message: "expected ',' or '}'") }
            i = skipSpace(b, i + 1, end)
        }
    }

    /// Decodes a JSON string body (between the quotes), escapes included.
    static func decode(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        var i = start
        func flush() { scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars); bytes = [] }
        while i < end {
            guard b[i] == UInt8(ascii: "\\"), i + 1 < end else { bytes.append(b[i]); i += 1; continue }
            let escapes: [UInt8: UInt8] = [0x6E: 0x0A, 0x74: 0x09, 0x72: 0x0D, 0x62: 0x08, 0x66: 0x0C]
            if b[i + 1] == UInt8(ascii: "u"), i + 5 < end,
               let code = UInt32(String(decoding: UnsafeBufferPointer(start: b + i + 2, count: 4), as: UTF8.self), radix: 16) {
                flush()
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                i += 6
            } else {
                bytes.append(escapes[b[i + 1]] ?? b[i + 1])
                i += 2
            }
        }
        flush()
        return String(scalars)
    }

    private static func stringEnd(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(Malformed) -> (Int, Bool) {
        var i = start, escaped = false
        while i < end {
            if b[i] == UInt8(ascii: "\\") { escaped = true; i += 2; continue }
            if b[i] == UInt8(ascii: "\"") { return (i, escaped) }
            i += 1
        }
        throw Malformed(message: "unterminated string")
    }

    private static func skipSpace(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A) { i += 1 }
        return i
    }
}
