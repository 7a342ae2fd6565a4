import Foundation

/// Deprecation, legal holds, retention policies and garbage-collection bookkeeping, as the domain
/// sees them (issue 6). A `RetentionWriter` carries the `RegistryWriter` of the same transaction,
/// so a lifecycle change, its audit entry and its outbox event commit together.
public protocol RetentionStore: Sendable {
    func read<R: Sendable>(_ body: @escaping @Sendable (any RetentionReader) async throws -> R) async throws -> R
    func write<R: Sendable>(_ body: @escaping @Sendable (any RetentionWriter) async throws -> R) async throws -> R
}

/// Queries available inside `read` and `write`.
public protocol RetentionReader: Sendable {
    var registryReader: any RegistryReader { get }
    func retentionPolicy(modelID: String) async throws -> RetentionPolicy?
    /// Ids of every model that has a policy.
    func modelsWithRetentionPolicy() async throws -> [String]
    /// Every live (not deleted) version of a model, retired ones included, with what retention weighs.
    func retentionFacts(modelID: String) async throws -> [RetentionFacts]
    /// Ids of the consumers that ever resolved the version (the audience of its notices).
    func consumers(versionID: String) async throws -> [String]
    /// Deprecated, unretired versions whose sunset is after `now` and at or before `dueBefore`
    /// and whose notice was not sent: (version id, model name, number, deprecation).
    func sunsetNoticesDue(now: Date, dueBefore: Date) async throws -> [(versionID: String, model: String, number: Int, deprecation: VersionDeprecation)]
    /// Every blob digest a live, unretired version or a tracking artifact references.
    func referencedBlobs() async throws -> Set<String>
    /// Number of blobs marked and not yet swept.
    func garbageCandidateCount() async throws -> Int
}

/// Changes available inside `write`.
public protocol RetentionWriter: RetentionReader {
    var registryWriter: any RegistryWriter { get }
    /// Sets or (with nil) clears the deprecation; clearing also forgets a sent sunset notice.
    func setDeprecation(versionID: String, _ deprecation: VersionDeprecation?) async throws
    func setLegalHold(versionID: String, _ hold: LegalHold?) async throws
    /// Retires a version: moves its file rows out of the live manifest into the retired record and
    /// marks each blob as a garbage candidate (freed by the next sweep if nothing else uses it).
    func retire(versionID: String, at date: Date, by actor: String) async throws
    /// Records that the sunset notice was sent; false when another run recorded it first.
    func claimSunsetNotice(versionID: String, at date: Date) async throws -> Bool
    func putRetentionPolicy(modelID: String, _ policy: RetentionPolicy) async throws
    func deleteRetentionPolicy(modelID: String) async throws -> Bool
    /// Marks blobs as candidates (idempotent).
    func markGarbage(_ blobs: [GarbageCandidate]) async throws
    /// Up to `limit` marked blobs, locked for this transaction (other replicas skip them), with
    /// reference changes blocked until commit.
    func claimGarbage(limit: Int) async throws -> [GarbageCandidate]
    /// Which of `digests` are referenced now (read under the claim's lock).
    func referenced(among digests: [String]) async throws -> Set<String>
    func unmarkGarbage(_ digests: [String]) async throws
}

/// A blob recorded by the mark phase.
public struct GarbageCandidate: Sendable, Equatable {
    public var sha256: String
    public var size: Int64
    public var markedAt: Date

    public init(sha256: String, size: Int64, markedAt: Date) {
        self.sha256 = sha256
        self.size = size
        self.markedAt = markedAt
    }
}

/// The blob store as garbage collection sees it.
public protocol BlobInventory: Sendable {
    /// Every stored blob with its size and last modification (a re-upload of stored content
    /// refreshes it, so a blob about to be referenced again looks fresh).
    func storedBlobs() async throws -> [StoredBlob]
    /// The blob's last modification, nil when it is not stored.
    func modificationDate(of sha256: String) -> Date?
    /// Deletes a blob; deleting an absent blob is not an error.
    func removeBlob(_ sha256: String) throws
}

/// One blob on disk.
public struct StoredBlob: Sendable, Equatable {
    public var sha256: String
    public var size: Int64
    public var modifiedAt: Date

    public init(sha256: String, size: Int64, modifiedAt: Date) {
        self.sha256 = sha256
        self.size = size
        self.modifiedAt = modifiedAt
    }
}
