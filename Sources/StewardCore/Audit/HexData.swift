import Foundation

extension Data {
    /// Lower-case hexadecimal text.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses hexadecimal text; throws `invalid_hex` on odd length or a non-hex character.
    public init(hexChecked text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { throw DomainError.invalidField("hash", "hex text must have an even length") }
        var data = Data(capacity: bytes.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < bytes.count {
            guard let high = value(bytes[i]), let low = value(bytes[i + 1]) else {
                throw DomainError.invalidField("hash", "not hexadecimal text")
            }
            data.append(high << 4 | low)
            i += 2
        }
        self = data
    }
}
