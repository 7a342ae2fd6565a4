extension FrequentItems {
    static let tag: UInt8 = 0x46 // "F"
    static let version: UInt8 = 1

    /// Compact binary form: lgMaxK, total, maximum error, then (item, counter) pairs sorted by item.
    public func encoded() -> [UInt8] {
        var w = SketchWriter()
        w.byte(Self.tag); w.byte(Self.version)
        w.int(lgMaxK); w.int(total); w.int(maximumError)
        w.int(counters.count)
        for (item, n) in counters.sorted(by: { $0.key < $1.key }) { w.string(item); w.int(n) }
        return w.bytes
    }

    /// Reads `encoded()` output; throws on duplicates, oversized items, more counters than the
    /// capacity, or counters that exceed the total.
    public init(encoded bytes: some Collection<UInt8>) throws {
        var r = SketchReader(bytes)
        try r.header(tag: Self.tag, version: Self.version)
        let lg = try r.int(max: 20)
        guard lg >= 3 else { throw SketchDecodingError.invalid("lgMaxK below 3") }
        self.init(lgMaxK: lg)
        total = try r.int(max: Int.max)
        maximumError = try r.int(max: total)
        let n = try r.int(max: Swift.min(capacity, r.remaining / 2))
        var sum = 0
        for _ in 0..<n {
            let item = try r.string()
            let c = try r.int(max: total)
            guard item.utf8.count <= Self.maxItemBytes, c > 0, counters[item] == nil else { throw SketchDecodingError.invalid("item") }
            sum += c
            guard sum <= total else { throw SketchDecodingError.invalid("counts exceed total") }
            counters[item] = c
        }
        try r.finish()
    }
}

extension Moments {
    static let tag: UInt8 = 0x4D // "M"
    static let version: UInt8 = 1

    public func encoded() -> [UInt8] {
        var w = SketchWriter()
        w.byte(Self.tag); w.byte(Self.version)
        w.int(count)
        if count > 0 { w.double(min); w.double(max); w.double(mean); w.double(m2) }
        return w.bytes
    }

    public init(encoded bytes: some Collection<UInt8>) throws {
        var r = SketchReader(bytes)
        try r.header(tag: Self.tag, version: Self.version)
        self.init()
        count = try r.int(max: Int.max)
        if count > 0 {
            min = try r.double(); max = try r.double(); mean = try r.double(); m2 = try r.double()
            guard min.isFinite, max.isFinite, min <= max, mean.isFinite, m2.isFinite, m2 >= 0 else {
                throw SketchDecodingError.invalid("moments")
            }
        }
        try r.finish()
    }
}
