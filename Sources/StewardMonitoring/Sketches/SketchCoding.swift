/// Why a sketch could not be read from bytes. Decoding never trusts a length it reads: every count
/// is checked against the bytes that remain before anything is allocated.
public enum SketchDecodingError: Error, Equatable, Sendable {
    case truncated
    case wrongTag(expected: UInt8, found: UInt8)
    case unsupportedVersion(UInt8)
    case invalid(String)
}

/// Little-endian writer for the compact sketch formats (varints for counts, raw bits for doubles).
struct SketchWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }

    mutating func int(_ value: Int) { varint(UInt64(max(0, value))) }

    mutating func double(_ x: Double) {
        var bits = x.bitPattern
        for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits)); bits >>= 8 }
    }

    mutating func string(_ s: String) { int(s.utf8.count); bytes.append(contentsOf: s.utf8) }

    /// A nested, length-prefixed blob (so readers can bound it before parsing).
    mutating func blob(_ b: [UInt8]) { int(b.count); bytes.append(contentsOf: b) }
}

/// Bounds-checked reader over a copy of the input; every read throws `.truncated` past the end.
struct SketchReader {
    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ input: some Collection<UInt8>) { bytes = Array(input) }

    var remaining: Int { bytes.count - position }
    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw SketchDecodingError.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads the tag and version header every format starts with.
    mutating func header(tag: UInt8, version: UInt8) throws {
        let found = try byte()
        guard found == tag else { throw SketchDecodingError.wrongTag(expected: tag, found: found) }
        let v = try byte()
        guard v == version else { throw SketchDecodingError.unsupportedVersion(v) }
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64, shift < 63 || b <= 1 else { throw SketchDecodingError.invalid("varint overflow") }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A count no larger than `limit` (callers pass what the remaining bytes could possibly hold).
    mutating func int(max limit: Int) throws -> Int {
        let v = try varint()
        guard v <= UInt64(Swift.max(0, limit)) else { throw SketchDecodingError.invalid("count \(v) exceeds \(limit)") }
        return Int(v)
    }

    mutating func double() throws -> Double {
        guard remaining >= 8 else { throw SketchDecodingError.truncated }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: bits)
    }

    mutating func string() throws -> String {
        let n = try length()
        defer { position += n }
        return String(decoding: bytes[position..<position + n], as: UTF8.self)
    }

    mutating func blob() throws -> ArraySlice<UInt8> {
        let n = try length()
        defer { position += n }
        return bytes[position..<position + n]
    }

    /// A byte length, checked against what remains *after* the length itself was read.
    private mutating func length() throws -> Int {
        let n = try varint()
        guard n <= UInt64(remaining) else { throw SketchDecodingError.truncated }
        return Int(n)
    }

    /// Rejects trailing garbage, so one valid encoding maps to one value.
    func finish() throws {
        guard isAtEnd else { throw SketchDecodingError.invalid("\(remaining) trailing bytes") }
    }
}
