import Foundation

extension Registry {
    /// Entries of the audit trail matching `query` (auditors and administrators).
    public func auditEntries(_ query: AuditQuery, by principal: Principal) async throws -> [AuditEntry] {
        try AccessPolicy.authorize(principal, .readAudit)
        guard (1...10_000).contains(query.limit) else { throw DomainError.invalidField("max_results", "must be between 1 and 10000") }
        return try await store.read { try await $0.auditEntries(query) }
    }

    /// The signed head of the log at `treeSize` entries (the latest when nil). An empty log has no
    /// signed head.
    public func auditCheckpoint(treeSize: Int64? = nil, by principal: Principal) async throws -> AuditCheckpoint? {
        try AccessPolicy.authorize(principal, .readAudit)
        return try await store.read { tx in try await Self.checkpoint(tx, treeSize: treeSize) }
    }

    /// The latest head comes from the head row, not from the last entry, so deleting or editing
    /// entries cannot change what the log claims to hold; earlier heads come from the entry that
    /// completed them.
    static func checkpoint(_ tx: any RegistryReader, treeSize: Int64?) async throws -> AuditCheckpoint? {
        let head = try await tx.auditHead()
        let size = head?.treeSize ?? 0
        let wanted = treeSize ?? size
        guard wanted >= 0, wanted <= size else {
            throw DomainError.invalidField("tree_size", "must be between 0 and the log size \(size)")
        }
        guard wanted > 0 else { return nil }
        if wanted == size { return head }
        guard let entry = try await tx.auditEntry(index: wanted - 1) else {
            throw DomainError(.unavailable, code: "audit_entry_missing", "Audit entry \(wanted - 1) is missing from the store.")
        }
        return entry.checkpoint
    }

    /// The RFC 9162 inclusion proof of entry `index` in the tree of `treeSize` entries (the
    /// latest when nil), with that tree's signed head.
    public func auditInclusionProof(index: Int64, treeSize: Int64? = nil, by principal: Principal) async throws -> AuditInclusionProof {
        try AccessPolicy.authorize(principal, .readAudit)
        return try await store.read { tx in
            guard let checkpoint = try await Self.checkpoint(tx, treeSize: treeSize) else {
                throw DomainError(.notFound, code: "audit_entry_not_found", "The audit log is empty.")
            }
            guard index >= 0, index < checkpoint.treeSize else {
                throw DomainError(.notFound, code: "audit_entry_not_found", "There is no audit entry \(index) in a tree of \(checkpoint.treeSize).")
            }
            let ranges = MerkleTree.inclusionRanges(index: index, size: checkpoint.treeSize)
            let hashes = try await Self.rangeHashes(tx, ranges)
            let leaf = try await tx.auditNodes([MerkleNodeID(level: 0, index: index)])[MerkleNodeID(level: 0, index: index)]
            return AuditInclusionProof(index: index, leafHash: leaf ?? Data(), path: hashes, checkpoint: checkpoint)
        }
    }

    /// The RFC 9162 consistency proof between the trees of `first` and `second` entries (the
    /// latest when nil), with both signed heads.
    public func auditConsistencyProof(first: Int64, second: Int64? = nil, by principal: Principal) async throws -> AuditConsistencyProof {
        try AccessPolicy.authorize(principal, .readAudit)
        return try await store.read { tx in
            guard let newer = try await Self.checkpoint(tx, treeSize: second) else {
                throw DomainError.invalidField("first", "the audit log is empty")
            }
            guard first >= 1, first <= newer.treeSize else {
                throw DomainError.invalidField("first", "must be between 1 and \(newer.treeSize)")
            }
            let older = try await Self.checkpoint(tx, treeSize: first)!
            let hashes = try await Self.rangeHashes(tx, MerkleTree.consistencyRanges(first: first, second: newer.treeSize))
            return AuditConsistencyProof(first: older, second: newer, path: hashes)
        }
    }

    /// Hashes of leaf ranges from stored perfect subtrees, fetched in one round.
    static func rangeHashes(_ tx: any RegistryReader, _ ranges: [Range<Int64>]) async throws -> [Data] {
        let nodes = try await tx.auditNodes(MerkleTree.nodes(for: ranges))
        return try ranges.map { range in
            try MerkleTree.rangeHash(start: range.lowerBound, end: range.upperBound) { id in
                guard let hash = nodes[id] else {
                    throw DomainError(.unavailable, code: "audit_node_missing", "Audit tree node \(id.level)/\(id.index) is missing from the store.")
                }
                return hash
            }
        }
    }
}

/// Proof that an entry is in the log at a signed tree head.
public struct AuditInclusionProof: Sendable, Equatable {
    public var index: Int64
    public var leafHash: Data
    public var path: [Data]
    public var checkpoint: AuditCheckpoint

    public init(index: Int64, leafHash: Data, path: [Data], checkpoint: AuditCheckpoint) {
        self.index = index
        self.leafHash = leafHash
        self.path = path
        self.checkpoint = checkpoint
    }

    public func verify(publicKey: AuditPublicKey) -> Bool {
        checkpoint.isSigned(by: publicKey)
            && MerkleTree.verifyInclusion(leafHash: leafHash, index: index, size: checkpoint.treeSize, proof: path, root: checkpoint.rootHash)
    }
}

/// Proof that a later signed tree head extends an earlier one without changing it.
public struct AuditConsistencyProof: Sendable, Equatable {
    public var first: AuditCheckpoint
    public var second: AuditCheckpoint
    public var path: [Data]

    public init(first: AuditCheckpoint, second: AuditCheckpoint, path: [Data]) {
        self.first = first
        self.second = second
        self.path = path
    }

    public func verify(publicKey: AuditPublicKey) -> Bool {
        first.isSigned(by: publicKey) && second.isSigned(by: publicKey)
            && MerkleTree.verifyConsistency(first: first.treeSize, second: second.treeSize, proof: path,
                                            firstRoot: first.rootHash, secondRoot: second.rootHash)
    }
}
