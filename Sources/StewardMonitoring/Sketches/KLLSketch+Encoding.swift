extension KLLSketch {
    static let tag: UInt8 = 0x4B // "K"
    static let version: UInt8 = 1

    /// Compact binary form: header, k, count, min/max, level sizes, then the items as raw doubles
    /// (the buffer level sorted, so equal sketches encode to equal bytes).
    public func encoded() -> [UInt8] {
        var w = SketchWriter()
        w.byte(Self.tag); w.byte(Self.version)
        w.int(k); w.int(count)
        if let min, let max { w.double(min); w.double(max) }
        w.int(levels.count)
        for level in levels { w.int(level.count) }
        for x in levels[0].sorted() { w.double(x) }
        for level in levels.dropFirst() { for x in level { w.double(x) } }
        return w.bytes
    }

    /// Reads `encoded()` output; throws on anything a valid sketch cannot contain (wrong header,
    /// truncation, weights that do not add up to the count, unsorted or non-finite items, overfull).
    public init(encoded bytes: some Collection<UInt8>) throws {
        var r = SketchReader(bytes)
        try r.header(tag: Self.tag, version: Self.version)
        let k = try r.int(max: 65535)
        guard k >= 8 else { throw SketchDecodingError.invalid("k below 8") }
        self.init(k: k)
        count = try r.int(max: Int.max)
        if count > 0 { min = try r.double(); max = try r.double() }
        let height = try r.int(max: Swift.min(61, r.remaining))
        guard height >= 1, count > 0 || height == 1 else { throw SketchDecodingError.invalid("level count") }
        var sizes: [Int] = []
        for _ in 0..<height { sizes.append(try r.int(max: r.remaining / 8)) }
        guard sizes.reduce(0, +) * 8 <= r.remaining else { throw SketchDecodingError.truncated }
        guard count > 0 || sizes == [0] else { throw SketchDecodingError.invalid("items in an empty sketch") }
        var weight = 0
        levels = []
        for (h, size) in sizes.enumerated() {
            var level: [Double] = []
            level.reserveCapacity(size)
            for _ in 0..<size { level.append(try r.double()) }
            guard level.allSatisfy({ $0.isFinite && $0 >= min! && $0 <= max! }) else { throw SketchDecodingError.invalid("item out of range") }
            guard zip(level, level.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw SketchDecodingError.invalid("unsorted level") }
            let (w, o1) = size.multipliedReportingOverflow(by: 1 << h)
            let (sum, o2) = weight.addingReportingOverflow(w)
            guard !o1, !o2 else { throw SketchDecodingError.invalid("weight overflow") }
            weight = sum
            levels.append(level)
        }
        try r.finish()
        guard weight == count else { throw SketchDecodingError.invalid("weights \(weight) ≠ count \(count)") }
        if let min, let max, !(min.isFinite && max.isFinite && min <= max) { throw SketchDecodingError.invalid("min/max") }
        retained = sizes.reduce(0, +)
        recomputeCapacity()
        guard retained < totalCapacity else { throw SketchDecodingError.invalid("over capacity") }
    }
}
