import Foundation

/// The metadata store, as the domain sees it. Implementations (SQLite, PostgreSQL) live in
/// `StewardStorage`.
///
/// Every mutation runs inside `write`, one database transaction: the `Registry` service reads,
/// checks its rules and writes through the same `RegistryWriter`, so a rule and the change it guards
/// commit together or not at all.
public protocol RegistryStore: Sendable {
    /// Runs `body` against a consistent read view.
    func read<R: Sendable>(_ body: @escaping @Sendable (any RegistryReader) async throws -> R) async throws -> R
    /// Runs `body` in one transaction; commits when it returns, rolls back when it throws.
    func write<R: Sendable>(_ body: @escaping @Sendable (any RegistryWriter) async throws -> R) async throws -> R
    /// Throws when the database cannot be reached (for `/readyz`).
    func checkReady() async throws
    /// The token with this hash, its account and the account's team names. A store may answer from
    /// a cache only if every change to those rows reaches it before the next call (see
    /// `CredentialCache`); the default reads.
    func tokenHolder(hash: String) async throws -> (TokenRecord, Account, Set<String>)?
}

extension RegistryStore {
    public func tokenHolder(hash: String) async throws -> (TokenRecord, Account, Set<String>)? {
        try await read { try await $0.tokenHolder(hash: hash) }
    }
}

/// Queries available inside `read` and `write`.
/// (Also a `PromotionReader`: alias protections and promotion requests, issue 6; and a
/// `CatalogReader`: search, templates and cards, issue 8.)
public protocol RegistryReader: PromotionReader, CatalogReader {
    func model(named name: String) async throws -> RegisteredModel?
    func models(_ query: ListQuery) async throws -> Page<RegisteredModel>
    /// A live (not deleted) version with its files and aliases.
    func version(modelID: String, number: Int) async throws -> ModelVersion?
    /// A live version with its taints and lifecycle state but without files or aliases, and its
    /// tracking facts (stage, source run): for doors that show no files (MLflow's model versions).
    /// One statement for an untainted version, against four for `version(modelID:number:)`; callers
    /// that hold the model fill the aliases from its map.
    func servingVersion(modelID: String, number: Int) async throws -> (version: ModelVersion, tracking: VersionTracking?)?
    /// Live versions of one model (`modelID`) or of all models (`nil`), with files and aliases.
    func versions(modelID: String?, _ query: ListQuery) async throws -> Page<ModelVersion>
    /// Number of live (not deleted) versions of a model.
    func liveVersionCount(modelID: String) async throws -> Int
    func aliases(modelID: String) async throws -> [Alias]
    func alias(modelID: String, name: String) async throws -> Alias?
    /// Newest first.
    func aliasHistory(modelID: String, alias: String, limit: Int) async throws -> [AliasEvent]
    func token(hash: String) async throws -> TokenRecord?
    /// The token with this hash, its account and the account's team names (one lookup per request).
    func tokenHolder(hash: String) async throws -> (TokenRecord, Account, Set<String>)?
    func token(id: String) async throws -> TokenRecord?
    /// Tokens of one account, or of all accounts (`nil`), newest first.
    func tokens(accountID: String?) async throws -> [TokenRecord]
    func account(named name: String) async throws -> Account?
    func account(id: String) async throws -> Account?
    func accounts() async throws -> [Account]
    func team(named name: String) async throws -> Team?
    func teams() async throws -> [Team]
    /// Names of the teams an account belongs to.
    func teamNames(accountID: String) async throws -> Set<String>
    func grants(modelID: String) async throws -> [ModelGrant]
    func idempotencyRecord(principalID: String, key: String) async throws -> IdempotencyRecord?
    /// A live version by its id (with files and aliases).
    func version(id: String) async throws -> ModelVersion?
    /// A model by its id.
    func model(id: String) async throws -> RegisteredModel?

    /// The right edge of the audit log (its size and perfect-subtree roots).
    func auditFrontier() async throws -> MerkleFrontier
    /// The signed head of the whole log, kept beside the entries (nil while the log is empty).
    func auditHead() async throws -> AuditCheckpoint?
    /// Entries matching `query`, in index order (`afterIndex` pages forward).
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
    /// The entry at `index`, if the log is that long.
    func auditEntry(index: Int64) async throws -> AuditEntry?
    /// Stored hashes of perfect subtrees (level 0: leaf hashes); missing ids are absent.
    func auditNodes(_ ids: Set<MerkleNodeID>) async throws -> [MerkleNodeID: Data]
}

/// Changes available inside `write`.
public protocol RegistryWriter: RegistryReader, PromotionWriter, CatalogWriter {
    /// Inserts a model; throws `model_already_exists` when the name is taken.
    func insertModel(_ model: RegisteredModel) async throws
    /// Replaces a model's fields (name, description, tags, card, …) and revision; throws
    /// `model_already_exists` when a rename collides.
    func updateModel(_ model: RegisteredModel) async throws
    /// Removes a model with its versions, files, aliases and alias history.
    func deleteModel(id: String) async throws
    /// Atomically increments and returns the model's last version number.
    func nextVersionNumber(modelID: String) async throws -> Int
    func insertVersion(_ version: ModelVersion) async throws
    /// Replaces a version's mutable fields (status, description, tags, params, metrics, schemas,
    /// source, manifest digest, timestamps, revision). Files are managed separately.
    func updateVersion(_ version: ModelVersion) async throws
    /// Marks a version deleted; its number stays taken.
    func markVersionDeleted(id: String, at date: Date) async throws
    /// Adds or replaces a file of a pending version; returns true when it replaced one.
    func putFile(versionID: String, _ file: FileEntry, at date: Date) async throws -> Bool
    /// Removes a file of a pending version; returns false when there was none.
    func deleteFile(versionID: String, path: String) async throws -> Bool
    /// Creates or moves an alias.
    func setAlias(_ alias: Alias) async throws
    func deleteAlias(modelID: String, name: String) async throws
    func appendAliasEvent(_ event: AliasEvent) async throws
    /// Inserts a token; returns false when a token with that id exists already.
    func insertToken(_ token: TokenRecord) async throws -> Bool
    func revokeToken(id: String, at date: Date) async throws
    func touchToken(id: String, at date: Date) async throws
    /// Inserts an account; returns false when the name (or id) is taken.
    func insertAccount(_ account: Account) async throws -> Bool
    func updateAccount(_ account: Account) async throws
    /// Inserts a team; returns false when the name is taken.
    func insertTeam(_ team: Team) async throws -> Bool
    func deleteTeam(id: String) async throws
    func addMember(teamID: String, accountID: String) async throws
    func removeMember(teamID: String, accountID: String) async throws -> Bool
    /// Creates or changes a grant.
    func putGrant(_ grant: ModelGrant) async throws
    func deleteGrant(modelID: String, subjectID: String) async throws -> Bool
    func insertIdempotencyRecord(_ record: IdempotencyRecord) async throws
    /// Seals `record` as the next audit entry in this transaction (the log's head is locked until
    /// commit, so appends are strictly ordered across replicas). A write transaction that changes
    /// anything without appending an entry is rolled back by the store.
    @discardableResult
    func appendAudit(_ record: AuditRecord) async throws -> AuditEntry

    // MARK: Outbox (issue 5: taint events; issue 6 delivers them)

    /// Appends `event` to the transactional outbox: it is delivered only if this transaction commits.
    func appendEvent(_ event: DomainEvent) async throws
}
