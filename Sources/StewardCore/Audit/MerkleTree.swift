import Crypto
import Foundation

/// RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing, section 2.1: a leaf hashes as
/// `SHA-256(0x00 || data)`, an interior node as `SHA-256(0x01 || left || right)`, and a tree of `n`
/// leaves splits at the largest power of two smaller than `n`.
///
/// Steward stores every *perfect* subtree once it is complete (`MerkleNodeID`), so any root, inclusion
/// proof or consistency proof is assembled from O(log n) stored hashes instead of rehashing the log.
public enum MerkleTree {
    /// `SHA-256(0x00 || data)`.
    public static func leafHash<D: DataProtocol>(_ data: D) -> Data {
        var hasher = SHA256()
        hasher.update(data: [0])
        hasher.update(data: data)
        return Data(hasher.finalize())
    }

    /// `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: Data, _ right: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: [1])
        hasher.update(data: left)
        hasher.update(data: right)
        return Data(hasher.finalize())
    }

    /// The root of the empty tree: `SHA-256("")`.
    public static let emptyRoot = Data(SHA256.hash(data: Data()))

    /// The largest power of two strictly smaller than `n` (`n` ≥ 2).
    static func split(_ n: Int64) -> Int64 {
        var k: Int64 = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// The perfect, aligned subtrees that make up the leaf range `[start, end)`, left to right.
    /// Every range the RFC 9162 recursion produces starts at a multiple of its own split, so the
    /// decomposition is the binary expansion of its length.
    public static func perfectSubtrees(start: Int64, end: Int64) -> [MerkleNodeID] {
        var result: [MerkleNodeID] = []
        var position = start
        while position < end {
            var level = 0
            while true {
                let size = Int64(1) << (level + 1)
                if position % size != 0 || position + size > end { break }
                level += 1
            }
            result.append(MerkleNodeID(level: level, index: position >> level))
            position += Int64(1) << level
        }
        return result
    }

    /// The hash of the leaf range `[start, end)` from the hashes of its perfect subtrees.
    public static func rangeHash(start: Int64, end: Int64, _ lookup: (MerkleNodeID) throws -> Data) rethrows -> Data {
        let parts = perfectSubtrees(start: start, end: end)
        guard var hash = try parts.last.map(lookup) else { return emptyRoot }
        for part in parts.dropLast().reversed() { hash = nodeHash(try lookup(part), hash) }
        return hash
    }

    /// The leaf ranges whose hashes form the inclusion proof of leaf `index` in a tree of `size`
    /// leaves (RFC 9162 2.1.3.1 `PATH`), innermost first.
    public static func inclusionRanges(index: Int64, size: Int64) -> [Range<Int64>] {
        var ranges: [Range<Int64>] = []
        func path(_ m: Int64, _ start: Int64, _ n: Int64) {
            guard n > 1 else { return }
            let k = split(n)
            if m < k {
                path(m, start, k)
                ranges.append((start + k)..<(start + n))
            } else {
                path(m - k, start + k, n - k)
                ranges.append(start..<(start + k))
            }
        }
        path(index, 0, size)
        return ranges
    }

    /// The leaf ranges whose hashes form the consistency proof between trees of `first` and
    /// `second` leaves (RFC 9162 2.1.4.1 `PROOF`), in proof order.
    public static func consistencyRanges(first: Int64, second: Int64) -> [Range<Int64>] {
        guard first > 0, first < second else { return [] }
        var ranges: [Range<Int64>] = []
        func subproof(_ m: Int64, _ start: Int64, _ n: Int64, _ complete: Bool) {
            if m == n {
                if !complete { ranges.append(start..<(start + n)) }
                return
            }
            let k = split(n)
            if m <= k {
                subproof(m, start, k, complete)
                ranges.append((start + k)..<(start + n))
            } else {
                subproof(m - k, start + k, n - k, false)
                ranges.append(start..<(start + k))
            }
        }
        subproof(first, 0, second, true)
        return ranges
    }

    /// Every stored node the given ranges need.
    public static func nodes(for ranges: [Range<Int64>]) -> Set<MerkleNodeID> {
        Set(ranges.flatMap { perfectSubtrees(start: $0.lowerBound, end: $0.upperBound) })
    }

    /// Verifies an inclusion proof (RFC 9162 2.1.3.2).
    public static func verifyInclusion(leafHash: Data, index: Int64, size: Int64, proof: [Data], root: Data) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// Verifies a consistency proof between an earlier and a later tree head (RFC 9162 2.1.4.2).
    public static func verifyConsistency(first: Int64, second: Int64, proof: [Data], firstRoot: Data, secondRoot: Data) -> Bool {
        guard first >= 0, first <= second else { return false }
        if first == second { return proof.isEmpty && firstRoot == secondRoot }
        if first == 0 { return proof.isEmpty }
        guard !proof.isEmpty else { return false }
        var path = proof
        if first & (first - 1) == 0 { path.insert(firstRoot, at: 0) } // first is a power of two
        var fn = first - 1, sn = second - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == firstRoot && sr == secondRoot && sn == 0
    }
}

/// A perfect subtree: the `2^level` leaves starting at `index << level`. Level 0 is a leaf.
public struct MerkleNodeID: Sendable, Hashable, Codable {
    public var level: Int
    public var index: Int64

    public init(level: Int, index: Int64) {
        self.level = level
        self.index = index
    }
}
