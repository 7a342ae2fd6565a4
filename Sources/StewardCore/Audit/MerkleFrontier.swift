import Foundation

/// The right edge of an append-only Merkle tree: the roots of its perfect subtrees, largest (left)
/// first, one per set bit of the tree size. Appending a leaf merges equal-sized subtrees, which
/// yields exactly the perfect subtrees completed by that leaf; the root is folded from the edge.
public struct MerkleFrontier: Sendable, Equatable {
    public private(set) var size: Int64
    public private(set) var hashes: [Data]

    public init() {
        size = 0
        hashes = []
    }

    /// Restores a stored frontier; throws when the hash count does not match the size.
    public init(size: Int64, hashes: [Data]) throws {
        guard size >= 0, size.nonzeroBitCount == hashes.count, hashes.allSatisfy({ $0.count == 32 }) else {
            throw DomainError(.unavailable, code: "audit_head_corrupt", "The stored audit tree head is inconsistent.")
        }
        self.size = size
        self.hashes = hashes
    }

    /// Appends a leaf; returns the perfect subtrees (level ≥ 1) this completes, smallest first.
    @discardableResult
    public mutating func append(leafHash: Data) -> [(MerkleNodeID, Data)] {
        var completed: [(MerkleNodeID, Data)] = []
        var hash = leafHash
        var level = 0
        var index = size
        while (size >> level) & 1 == 1 {
            hash = MerkleTree.nodeHash(hashes.removeLast(), hash)
            level += 1
            index >>= 1
            completed.append((MerkleNodeID(level: level, index: index), hash))
        }
        hashes.append(hash)
        size += 1
        return completed
    }

    /// The RFC 9162 root of the tree so far.
    public var root: Data {
        guard var hash = hashes.last else { return MerkleTree.emptyRoot }
        for left in hashes.dropLast().reversed() { hash = MerkleTree.nodeHash(left, hash) }
        return hash
    }
}
