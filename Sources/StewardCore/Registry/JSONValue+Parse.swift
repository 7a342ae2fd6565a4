import Foundation

/// A strict, single-pass reader of JSON text (RFC 8259) into `JSONValue`.
///
/// Foundation's `JSONDecoder` spent about 10 µs per small document here (and `JSONValue`'s
/// `Decodable` conformance tries every case in turn): a quarter of an MLflow registry search went to
/// decoding stored tags and cards, and a tenth of a `log-batch` to decoding its body. This reader
/// walks the UTF-8 bytes once. It declines (returns nil) anything outside the grammar and, to stay
/// on the safe side, duplicate keys, lone surrogates and documents deeper than 256 levels; callers
/// then ask `JSONDecoder`, so every answer and every error stays exactly the decoder's.
extension JSONValue {
    /// The value of `text`, or nil when the reader declines it.
    public static func parse(_ text: String) -> JSONValue? {
        parse(text) { parser in parser.value(depth: 0) }
    }

    /// The value of UTF-8 `bytes`, or nil when the reader declines them.
    public static func parse(utf8 bytes: UnsafeRawBufferPointer) -> JSONValue? {
        parse(bytes: UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)) { $0.value(depth: 0) }
    }

    /// `text` as a flat object of strings, or nil when it is anything else (or declined).
    public static func parseStrings(_ text: String) -> [String: String]? {
        parse(text) { parser in
            parser.object { parser in parser.peek == UInt8(ascii: "\"") ? parser.string() : nil }
        }
    }

    /// `text` as a flat object of numbers, or nil when it is anything else (or declined).
    public static func parseNumbers(_ text: String) -> [String: Double]? {
        parse(text) { parser in parser.object { parser in parser.number() } }
    }

    private static func parse<T>(_ text: String, _ body: (inout JSONTextParser) -> T?) -> T? {
        var text = text
        return text.withUTF8 { bytes in parse(bytes: bytes, body) }
    }

    private static func parse<T>(bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONTextParser) -> T?) -> T? {
        guard bytes.baseAddress != nil || bytes.isEmpty else { return nil }
        var parser = JSONTextParser(bytes: bytes)
        parser.skipSpace()
        guard let result = body(&parser) else { return nil }
        parser.skipSpace()
        return parser.index == bytes.count ? result : nil
    }
}

/// Recursive descent over UTF-8 bytes (RFC 8259); every method returns nil on anything invalid.
struct JSONTextParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Deeper documents go to `JSONDecoder` (stored documents are far shallower).
    static let maxDepth = 256

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth < Self.maxDepth, let byte = peek else { return nil }
        switch byte {
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "{"): return object { parser in parser.value(depth: depth + 1) }.map(JSONValue.object)
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipSpace()
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                guard let next = peek else { return nil }
                index += 1
                if next == UInt8(ascii: "]") { return .array(items) }
                guard next == UInt8(ascii: ",") else { return nil }
            }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number().map(JSONValue.number)
        }
    }

    /// `{ "key": <element>, … }`; duplicate keys are refused (the decoder's answer decides).
    mutating func object<T>(_ element: (inout JSONTextParser) -> T?) -> [String: T]? {
        guard peek == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [String: T] = [:]
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return members }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard peek == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace()
            guard let value = element(&self), members.updateValue(value, forKey: key) == nil else { return nil }
            skipSpace()
            guard let next = peek else { return nil }
            index += 1
            if next == UInt8(ascii: "}") { return members }
            guard next == UInt8(ascii: ",") else { return nil }
        }
    }

    /// A string; plain runs of bytes are copied whole, escapes decoded, raw control characters refused.
    mutating func string() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = peek else { return nil }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) { // a high surrogate needs its low half
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    utf8.append(contentsOf: String(unicode).utf8)
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                utf8.append(byte)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A number in JSON's grammar (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), read as `Double`.
    mutating func number() -> Double? {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - first
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { return nil }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
