import Foundation
import StewardCore

/// JSON shapes of the audit API (see `openapi.yaml`, tag `audit`).
struct AuditEntryBody: Encodable {
    var index: Int64
    var entry: JSONValue
    var leafHash: String
    var rootHash: String
    var signature: String

    enum CodingKeys: String, CodingKey {
        case index, entry, signature
        case leafHash = "leaf_hash", rootHash = "root_hash"
    }

    init(_ entry: AuditEntry) throws {
        index = entry.index
        guard let body = JSONValue(jsonText: entry.body) else {
            throw DomainError(.unavailable, code: "audit_entry_corrupt", "Audit entry \(entry.index) is not valid JSON; run `steward audit verify`.")
        }
        self.entry = body
        leafHash = entry.leafHash.hex
        rootHash = entry.rootHash.hex
        signature = entry.signature.base64EncodedString()
    }
}

struct AuditEntriesBody: Encodable {
    var entries: [AuditEntryBody]
    var nextPageToken: String?

    enum CodingKeys: String, CodingKey {
        case entries
        case nextPageToken = "next_page_token"
    }
}

struct CheckpointBody: Encodable {
    var treeSize: Int64
    var rootHash: String
    var signature: String?
    var publicKey: String
    var keyID: String

    enum CodingKeys: String, CodingKey {
        case signature
        case treeSize = "tree_size", rootHash = "root_hash", publicKey = "public_key", keyID = "key_id"
    }

    init(_ checkpoint: AuditCheckpoint?, publicKey: AuditPublicKey) {
        treeSize = checkpoint?.treeSize ?? 0
        rootHash = (checkpoint?.rootHash ?? MerkleTree.emptyRoot).hex
        signature = checkpoint?.signature.base64EncodedString()
        self.publicKey = publicKey.base64
        keyID = publicKey.keyID
    }
}

struct InclusionProofBody: Encodable {
    var index: Int64
    var leafHash: String
    var path: [String]
    var checkpoint: CheckpointBody

    enum CodingKeys: String, CodingKey {
        case index, path, checkpoint
        case leafHash = "leaf_hash"
    }

    init(_ proof: AuditInclusionProof, publicKey: AuditPublicKey) {
        index = proof.index
        leafHash = proof.leafHash.hex
        path = proof.path.map(\.hex)
        checkpoint = CheckpointBody(proof.checkpoint, publicKey: publicKey)
    }
}

struct ConsistencyProofBody: Encodable {
    var first: CheckpointBody
    var second: CheckpointBody
    var path: [String]

    init(_ proof: AuditConsistencyProof, publicKey: AuditPublicKey) {
        first = CheckpointBody(proof.first, publicKey: publicKey)
        second = CheckpointBody(proof.second, publicKey: publicKey)
        path = proof.path.map(\.hex)
    }
}
