/// Hashing for the sketches: fixed, seedless functions, so that every replica and every process
/// hashes the same value to the same bits (Swift's `Hasher` is seeded per process and cannot be used
/// for sketches that are stored and merged elsewhere).
public enum SketchHash {
    /// The MurmurHash3 64-bit finaliser: a fast, well-mixing bijection on 64-bit words.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    /// Hash of a double by its bit pattern; -0.0 and 0.0 hash alike (they compare equal).
    @inlinable @inline(__always)
    public static func hash(_ x: Double) -> UInt64 {
        // Adding 0.0 turns -0.0 into +0.0 and leaves every other value unchanged.
        mix((x + 0.0).bitPattern &+ 0x9e37_79b9_7f4a_7c15)
    }

    /// Hash of UTF-8 bytes: 8 bytes at a time through the mixer, then the length, so strings of
    /// different lengths that share a zero-padded prefix still differ.
    @inlinable
    public static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243f_6a88_85a3_08d3
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = mix(h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
            h = mix(h ^ tail) &* 0x9e37_79b9_7f4a_7c15
        }
        return mix(h ^ UInt64(n))
    }

    /// Hash of a string's UTF-8 form (no copy when the string is contiguous UTF-8, as native strings are).
    @inlinable
    public static func hash<S: StringProtocol>(_ s: S) -> UInt64 {
        if let h = s.utf8.withContiguousStorageIfAvailable({ hash(bytes: UnsafeRawBufferPointer($0)) }) { return h }
        var copy = String(s)
        return copy.withUTF8 { hash(bytes: UnsafeRawBufferPointer($0)) }
    }
}
