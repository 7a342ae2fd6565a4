/// The profile of one time window (or of a reference dataset): one `FeatureProfile` per feature,
/// the prediction's own profile, and the number of rows. Windows merge feature by feature, so a day
/// is the merge of its hours and replicas' partial windows merge into the same result.
public struct WindowProfile: Sendable, Equatable {
    public var features: [String: FeatureProfile]
    public var prediction: FeatureProfile?
    public var rows: Int

    public init(features: [String: FeatureProfile] = [:], prediction: FeatureProfile? = nil, rows: Int = 0) {
        self.features = features
        self.prediction = prediction
        self.rows = rows
    }

    /// Merges another window: rows add up, shared features merge, the others are carried over.
    public mutating func merge(_ other: WindowProfile) {
        rows += other.rows
        for (name, profile) in other.features {
            if var mine = features[name] {
                mine.merge(profile)
                features[name] = mine
            } else {
                features[name] = profile
            }
        }
        prediction = FeatureProfile.mergeOptional(prediction, other.prediction) { $0.merge($1) }
    }

    /// The merge of both windows (see `merge(_:)`).
    public func merging(_ other: WindowProfile) -> WindowProfile {
        var copy = self
        copy.merge(other)
        return copy
    }

    static let tag: UInt8 = 0x57 // "W"
    static let version: UInt8 = 1

    /// Compact, versioned binary form; features in name order so equal windows encode equally.
    public func encoded() -> [UInt8] {
        var w = SketchWriter()
        w.byte(Self.tag); w.byte(Self.version)
        w.int(rows)
        w.int(features.count)
        for (name, profile) in features.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.blob(profile.encoded())
        }
        if let prediction { w.byte(1); w.blob(prediction.encoded()) } else { w.byte(0) }
        return w.bytes
    }

    /// Reads `encoded()` output; throws on malformed, duplicate or hostile content.
    public init(encoded bytes: some Collection<UInt8>) throws {
        var r = SketchReader(bytes)
        try r.header(tag: Self.tag, version: Self.version)
        self.init(rows: try r.int(max: Int.max))
        // A feature takes at least a name length, a blob length and a profile header: bound the count.
        let n = try r.int(max: r.remaining / 4)
        for _ in 0..<n {
            let name = try r.string()
            guard features[name] == nil else { throw SketchDecodingError.invalid("duplicate feature \(name)") }
            features[name] = try FeatureProfile(encoded: try r.blob())
        }
        switch try r.byte() {
        case 0: prediction = nil
        case 1: prediction = try FeatureProfile(encoded: try r.blob())
        default: throw SketchDecodingError.invalid("prediction flag")
        }
        try r.finish()
    }
}
