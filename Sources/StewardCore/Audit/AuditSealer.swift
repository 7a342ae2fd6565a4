import Foundation

/// Turns a record into the next entry of the log: canonical body, leaf hash, the perfect subtrees the
/// leaf completes, the new root and its signature. The store calls it while it holds the log's
/// head row locked, so entries are sealed strictly one after another on every replica.
public struct AuditSealer: Sendable {
    public let signer: AuditSigner

    public init(signer: AuditSigner) {
        self.signer = signer
    }

    /// The result of one append, for the store to persist.
    public struct Sealed: Sendable {
        public var entry: AuditEntry
        public var leafHash: Data
        /// Perfect subtrees (level ≥ 1) completed by this leaf.
        public var nodes: [(MerkleNodeID, Data)]
        public var frontier: MerkleFrontier
    }

    public func seal(_ record: AuditRecord, after frontier: MerkleFrontier) throws -> Sealed {
        var next = frontier
        let index = frontier.size
        let body = AuditEntry.canonicalBody(record, index: index)
        let leaf = MerkleTree.leafHash(Data(body.utf8))
        let nodes = next.append(leafHash: leaf)
        let root = next.root
        let signature = try signer.sign(treeSize: next.size, rootHash: root)
        let entry = AuditEntry(index: index, body: body, rootHash: root, signature: signature, time: record.at,
                               actorID: record.actor.id, actorName: record.actor.name, action: record.action, target: record.target)
        return Sealed(entry: entry, leafHash: leaf, nodes: nodes, frontier: next)
    }
}
