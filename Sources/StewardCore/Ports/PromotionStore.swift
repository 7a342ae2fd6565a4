import Foundation

/// Alias protection policies and promotion requests, as the domain sees them (issue 6). They live
/// in the registry database: every `RegistryReader`/`RegistryWriter` is also one of these, so a
/// promotion's approval, the alias move it triggers and their audit entries commit together.
public protocol PromotionReader: Sendable {
    /// The active protection of an alias; nil when it is not protected.
    func aliasProtection(modelID: String, alias: String) async throws -> AliasProtection?
    /// The active protections of a model, by alias name.
    func aliasProtections(modelID: String) async throws -> [AliasProtection]
    /// The highest policy version ever given to the alias (0 when never protected), so versions are
    /// never reused after protection is removed and added again.
    func lastProtectionVersion(modelID: String, alias: String) async throws -> Int
    /// A request with its reviews.
    func promotionRequest(id: String) async throws -> PromotionRequest?
    /// Requests matching `query`, newest first, with their reviews.
    func promotionRequests(_ query: PromotionQuery) async throws -> [PromotionRequest]
    /// The run behind a version and the registered dataset versions that run read.
    func versionLineageSummary(versionID: String) async throws -> LineageSummary
}

/// Changes available inside a registry `write`.
public protocol PromotionWriter: PromotionReader {
    /// Creates or replaces the active protection of an alias (its `version` is already bumped).
    func putAliasProtection(_ protection: AliasProtection) async throws
    /// Deactivates an alias's protection, keeping its last version number.
    func removeAliasProtection(modelID: String, alias: String, at date: Date, by name: String) async throws
    /// Reads a request and, on PostgreSQL, locks its row until commit, so two approvals arriving
    /// at once are counted one after the other and the quorum is never missed or passed twice.
    func lockPromotionRequest(id: String) async throws -> PromotionRequest?
    func insertPromotionRequest(_ request: PromotionRequest) async throws
    /// Updates a request's state, closing fields, rollback flag and update time.
    func updatePromotionRequest(_ request: PromotionRequest) async throws
    func insertPromotionReview(requestID: String, _ review: PromotionReview) async throws
}

/// Which promotion requests to list.
public struct PromotionQuery: Sendable, Equatable {
    public var modelID: String?
    public var alias: String?
    public var state: PromotionState?
    /// Only requests on models this scope may read.
    public var visibility: VisibilityScope?
    /// Keyset position: requests strictly older than (created millis, id).
    public var after: PromotionCursor?
    public var limit: Int

    public init(modelID: String? = nil, alias: String? = nil, state: PromotionState? = nil, visibility: VisibilityScope? = nil,
                after: PromotionCursor? = nil, limit: Int = 100) {
        self.modelID = modelID
        self.alias = alias
        self.state = state
        self.visibility = visibility
        self.after = after
        self.limit = limit
    }
}

/// A position in the newest-first list of requests.
public struct PromotionCursor: Sendable, Equatable {
    public var createdAt: Int64
    public var id: String

    public init(createdAt: Int64, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// The opaque page token (`<millis>.<id>`, base64url).
    public var token: String {
        Data("\(createdAt).\(id)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Parses a page token; a malformed one is a 400 `invalid_page_token`.
    public init(token: String) throws {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard token.count <= 200, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let dot = text.firstIndex(of: "."), let millis = Int64(text[..<dot]), text.index(after: dot) < text.endIndex else {
            throw DomainError(.invalid, code: "invalid_page_token", "The page token is not one this server issued.")
        }
        self.init(createdAt: millis, id: String(text[text.index(after: dot)...]))
    }
}

/// Where a model version's data came from, for the lineage gate and the evidence.
public struct LineageSummary: Sendable, Equatable {
    /// The run that produced the version, if one is recorded.
    public var runID: String?
    /// The registered dataset versions that run read, by dataset name and number.
    public var datasets: [DatasetVersionRef]

    public init(runID: String? = nil, datasets: [DatasetVersionRef] = []) {
        self.runID = runID
        self.datasets = datasets
    }
}
