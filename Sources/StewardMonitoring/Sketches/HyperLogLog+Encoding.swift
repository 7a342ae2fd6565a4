extension HyperLogLog {
    static let tag: UInt8 = 0x48 // "H"
    static let version: UInt8 = 1

    /// Compact binary form: sparse (index gaps and values) for small sets, else registers packed in
    /// 6 bits (4 per 3 bytes: 3 KB at lgK = 12), whichever is smaller.
    public func encoded() -> [UInt8] {
        var w = SketchWriter()
        w.byte(Self.tag); w.byte(Self.version)
        w.int(lgK)
        let nonZero = registers.lazy.filter { $0 > 0 }.count
        if nonZero * 3 < registers.count * 3 / 4 {
            w.byte(0)
            w.int(nonZero)
            var previous = -1
            for (i, r) in registers.enumerated() where r > 0 {
                w.int(i - previous - 1); w.byte(r)
                previous = i
            }
        } else {
            w.byte(1)
            var i = 0
            while i < registers.count {
                let packed = UInt32(registers[i]) | UInt32(registers[i + 1]) << 6 | UInt32(registers[i + 2]) << 12 | UInt32(registers[i + 3]) << 18
                w.byte(UInt8(packed & 0xff)); w.byte(UInt8((packed >> 8) & 0xff)); w.byte(UInt8(packed >> 16))
                i += 4
            }
        }
        return w.bytes
    }

    public init(encoded bytes: some Collection<UInt8>) throws {
        var r = SketchReader(bytes)
        try r.header(tag: Self.tag, version: Self.version)
        let lgK = try r.int(max: 16)
        guard lgK >= 4 else { throw SketchDecodingError.invalid("lgK below 4") }
        self.init(lgK: lgK)
        let maxRank = UInt8(64 - lgK + 1)
        switch try r.byte() {
        case 0:
            let n = try r.int(max: Swift.min(registers.count, r.remaining / 2))
            var index = -1
            for _ in 0..<n {
                index += try r.int(max: registers.count) + 1
                let value = try r.byte()
                guard index < registers.count, value > 0, value <= maxRank else { throw SketchDecodingError.invalid("register") }
                registers[index] = value
            }
        case 1:
            guard r.remaining >= registers.count / 4 * 3 else { throw SketchDecodingError.truncated }
            for i in stride(from: 0, to: registers.count, by: 4) {
                let packed = UInt32(try r.byte()) | UInt32(try r.byte()) << 8 | UInt32(try r.byte()) << 16
                for j in 0..<4 {
                    let value = UInt8((packed >> (6 * UInt32(j))) & 63)
                    guard value <= maxRank else { throw SketchDecodingError.invalid("register") }
                    registers[i + j] = value
                }
            }
        default:
            throw SketchDecodingError.invalid("HLL mode")
        }
        try r.finish()
    }
}
