import Foundation

/// Verifies an audit log read in order (a live server's export or an export file).
///
/// A complete log is checked by recomputing the RFC 9162 tree from every entry's canonical bytes
/// and comparing its root with the signed tree head. When that fails, the first bad entry is found
/// from the tree heads recorded at every append: the first entry whose recomputed root differs
/// from its recorded one, or (when an attacker rewrote the recorded roots too) the first whose
/// recorded head carries no valid signature — found by binary search, since a valid signature on
/// the recomputed head at `i` proves every entry up to `i` authentic. A filtered export is checked
/// entry by entry against its inclusion proofs. A saved earlier checkpoint must be a prefix of the
/// log (consistency), which also catches truncation.
public struct AuditVerifier {
    public let publicKey: AuditPublicKey
    let checkpoint: AuditCheckpoint?
    let filtered: Bool
    private var count: Int64 = 0
    private var frontier = MerkleFrontier()
    /// Flat arrays (32 or 64 bytes per entry) keep a million entries at ~130 MB without per-entry allocations.
    private var leaves: [UInt8] = []
    private var roots: [UInt8] = []
    private var signatures: [UInt8] = []
    private var failure: (index: Int64, problem: String)?

    public init(header: ExportHeader, trustedKey: AuditPublicKey? = nil) {
        publicKey = trustedKey ?? header.publicKey
        checkpoint = header.checkpoint
        filtered = header.filtered
    }

    /// Adds the next entry; after the first failure further entries are ignored.
    public mutating func add(_ entry: ExportedEntry) {
        guard failure == nil else { return }
        let leaf = MerkleTree.leafHash(entry.body)
        if filtered {
            guard let checkpoint, let proof = entry.proof,
                  MerkleTree.verifyInclusion(leafHash: leaf, index: entry.index, size: checkpoint.treeSize, proof: proof, root: checkpoint.rootHash) else {
                failure = (entry.index, "entry \(entry.index) is not included in the signed tree head (its inclusion proof fails)")
                return
            }
            count += 1
            return
        }
        guard entry.index == count else {
            failure = entry.index > count
                ? (count, "entry \(count) is missing (the next entry is \(entry.index))")
                : (count, "entry \(entry.index) appears again or out of order at position \(count)")
            return
        }
        guard entry.rootHash.count == 32, entry.signature.count == 64 else {
            failure = (count, "entry \(count) has a malformed recorded tree head")
            return
        }
        frontier.append(leafHash: leaf)
        leaves.append(contentsOf: leaf)
        roots.append(contentsOf: entry.rootHash)
        signatures.append(contentsOf: entry.signature)
        count += 1
    }

    /// The verdict, also checking `saved` (an earlier checkpoint the caller kept) when given.
    public func finish(saved: AuditCheckpoint? = nil) -> AuditVerificationReport {
        var report = AuditVerificationReport(entries: count, treeSize: checkpoint?.treeSize ?? 0, rootHash: checkpoint?.rootHash.hex ?? MerkleTree.emptyRoot.hex,
                                             keyID: publicKey.keyID)
        if let failure { return report.failed(failure.index, failure.problem) }
        guard let checkpoint else {
            if count > 0 { return report.failed(0, "the export has entries but no signed tree head") }
            if let saved, saved.treeSize > 0 { return report.failed(0, "the log is empty but the saved checkpoint covers \(saved.treeSize) entries") }
            return report
        }
        guard checkpoint.isSigned(by: publicKey) else {
            if !filtered, count > 0 {
                let (index, problem) = locateFirstBadEntry()
                if index < count { return report.failed(index, problem) }
            }
            return report.failed(max(0, checkpoint.treeSize - 1), "the signature of the tree head at size \(checkpoint.treeSize) is invalid")
        }
        if filtered {
            if saved != nil { report.notes.append("a filtered export cannot be checked against a saved checkpoint; verify the full log for that") }
            return report
        }
        if count != checkpoint.treeSize || frontier.root != checkpoint.rootHash {
            let (index, problem) = locateFirstBadEntry()
            if count < checkpoint.treeSize, index >= count {
                return report.failed(count, "the log holds \(count) entries but its signed head covers \(checkpoint.treeSize): entries from \(count) on were deleted")
            }
            return report.failed(index, problem)
        }
        if let saved {
            guard saved.isSigned(by: publicKey) else { return report.failed(0, "the saved checkpoint's signature is invalid for this key") }
            guard saved.treeSize <= count else {
                return report.failed(count, "the log holds \(count) entries but the saved checkpoint covers \(saved.treeSize): entries from \(count) on were deleted")
            }
            if rootOfPrefix(saved.treeSize) != saved.rootHash {
                let (index, problem) = locateFirstBadEntry(limit: saved.treeSize)
                return report.failed(index, "the log is not consistent with the saved checkpoint: " + problem)
            }
            report.savedCheckpointChecked = true
        }
        return report
    }

    private func slice(_ flat: [UInt8], _ i: Int64, _ width: Int) -> Data {
        Data(flat[(Int(i) * width)..<(Int(i) * width + width)])
    }

    private func rootOfPrefix(_ size: Int64) -> Data {
        var prefix = MerkleFrontier()
        for i in 0..<size { prefix.append(leafHash: slice(leaves, i, 32)) }
        return prefix.root
    }

    /// The first entry that is not authentic (see the type's comment).
    private func locateFirstBadEntry(limit: Int64? = nil) -> (Int64, String) {
        let end = min(limit ?? count, count)
        var rebuilt = MerkleFrontier()
        for i in 0..<end {
            rebuilt.append(leafHash: slice(leaves, i, 32))
            if rebuilt.root != slice(roots, i, 32) {
                return (i, "entry \(i) does not match the tree head recorded when it was appended (edited, inserted, deleted or reordered)")
            }
        }
        func authentic(_ i: Int64) -> Bool {
            AuditCheckpoint(treeSize: i + 1, rootHash: slice(roots, i, 32), signature: slice(signatures, i, 64)).isSigned(by: publicKey)
        }
        var low: Int64 = 0, high = end // first non-authentic in [low, high)
        while low < high {
            let mid = (low + high) / 2
            if authentic(mid) { low = mid + 1 } else { high = mid }
        }
        if low < end { return (low, "entry \(low) and its recorded tree head were rewritten (the head's signature is invalid)") }
        return (end, "the entries up to \(end) are authentic, but the log does not reproduce the signed tree head")
    }
}

/// The outcome of `AuditVerifier`.
public struct AuditVerificationReport: Sendable, Equatable, Codable {
    public var verified = true
    public var entries: Int64
    public var treeSize: Int64
    public var rootHash: String
    public var keyID: String
    /// The first entry found altered, inserted, deleted or out of order.
    public var firstBadIndex: Int64?
    public var problem: String?
    public var savedCheckpointChecked = false
    public var consistencyProofChecked = false
    public var notes: [String] = []

    enum CodingKeys: String, CodingKey {
        case verified, entries, notes, problem
        case treeSize = "tree_size", rootHash = "root_hash", keyID = "key_id", firstBadIndex = "first_bad_index"
        case savedCheckpointChecked = "saved_checkpoint_checked", consistencyProofChecked = "consistency_proof_checked"
    }

    func failed(_ index: Int64, _ problem: String) -> AuditVerificationReport {
        var copy = self
        copy.verified = false
        copy.firstBadIndex = index
        copy.problem = problem
        return copy
    }

    public mutating func fail(_ index: Int64?, _ problem: String) {
        verified = false
        firstBadIndex = index
        self.problem = problem
    }
}
