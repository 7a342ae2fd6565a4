extension FeatureProfile {
    static let tag: UInt8 = 0x50 // "P"
    static let version: UInt8 = 1

    /// Compact, versioned binary form: kind, counters, then each sketch as a length-prefixed blob.
    public func encoded() -> [UInt8] {
        var w = SketchWriter()
        w.byte(Self.tag); w.byte(Self.version)
        w.byte(kind == .numeric ? 0 : 1)
        for n in [count, missing, nan, positiveInfinite, negativeInfinite, invalid] { w.int(n) }
        w.blob(moments.encoded())
        w.blob(hll.encoded())
        w.byte((kll == nil ? 0 : 1) | (frequentItems == nil ? 0 : 2))
        if let kll { w.blob(kll.encoded()) }
        if let frequentItems { w.blob(frequentItems.encoded()) }
        return w.bytes
    }

    /// Reads `encoded()` output; throws (never traps) on malformed or hostile bytes.
    public init(encoded bytes: some Collection<UInt8>) throws {
        var r = SketchReader(bytes)
        try r.header(tag: Self.tag, version: Self.version)
        switch try r.byte() {
        case 0: self.init(kind: .numeric)
        case 1: self.init(kind: .categorical)
        default: throw SketchDecodingError.invalid("kind")
        }
        count = try r.int(max: Int.max)
        missing = try r.int(max: count)
        nan = try r.int(max: count)
        positiveInfinite = try r.int(max: count)
        negativeInfinite = try r.int(max: count)
        invalid = try r.int(max: count)
        moments = try Moments(encoded: try r.blob())
        hll = try HyperLogLog(encoded: try r.blob())
        let flags = try r.byte()
        guard flags < 4 else { throw SketchDecodingError.invalid("flags") }
        kll = flags & 1 != 0 ? try KLLSketch(encoded: try r.blob()) : nil
        frequentItems = flags & 2 != 0 ? try FrequentItems(encoded: try r.blob()) : nil
        try r.finish()
        let parts = [missing, nan, positiveInfinite, negativeInfinite, invalid, moments.count, frequentItems?.total ?? 0]
        let (sum, overflow) = parts.reduce((0, false)) { acc, n in
            let (s, o) = acc.0.addingReportingOverflow(n)
            return (s, acc.1 || o)
        }
        // Numbers in a categorical column are counted once, as categories; so at most `count` in total.
        guard !overflow, sum <= count, kind == .categorical || kll != nil, kll.map({ $0.count == moments.count }) ?? true else { throw SketchDecodingError.invalid("counts") }
    }
}
