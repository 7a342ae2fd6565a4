/// What a principal wants to do. The one place that decides who may do it is `AccessPolicy`.
public enum Action: String, Sendable, CaseIterable {
    case readModel, createModel, updateModel, deleteModel, forceDeleteModel
    case writeVersion, moveAlias, manageGrants
    /// Accounts, teams and other principals' tokens.
    case manageIdentity
    /// Reading the audit trail, its proofs and exports (auditors and administrators).
    case readAudit
    /// Deprecating versions, legal holds and retention policies (maintainers); on no particular
    /// model (retention over all models, garbage collection, sunset notices) administrators only.
    case manageLifecycle
    /// Alert rules of a model (maintainers) and acknowledging its alerts (writers) (issue 7).
    case manageAlertRules, acknowledgeAlert
    /// Catalog templates (administrators; issue 8).
    case manageTemplates
}

/// Authorization rules shared by every door (native API, MLflow API, CLI, UI).
///
/// A principal's permission on a model is the highest of: its global role (only for `internal`
/// models: viewer, approver and auditor read, contributor writes, maintainer maintains), membership
/// of the model's owning team (maintain) and grants to it or its teams. Administrators may do
/// anything. The credential's scopes then cap it (a read-scoped token only reads). A principal that
/// may not read a model is told it does not exist, so restricted models never leak.
public enum AccessPolicy {
    /// The permission `principal` has on `model`, before token scopes; nil when it may not see it.
    public static func permission(of principal: Principal, on model: RegisteredModel, grants: [ModelGrant]) -> Permission? {
        if principal.isAdmin { return .maintain }
        var best: Permission?
        func raise(_ level: Permission) { best = max(best ?? level, level) }
        if model.visibility == .internal {
            if principal.roles.contains(.maintainer) { raise(.maintain) }
            if principal.roles.contains(.contributor) { raise(.write) }
            if !principal.roles.isDisjoint(with: [.viewer, .approver, .auditor]) { raise(.read) }
        }
        if let owner = model.owner, principal.teams.contains(owner) { raise(.maintain) }
        for grant in grants {
            switch grant.subject {
            case .account(let id, _) where id == principal.id: raise(grant.permission)
            case .team(_, let name) where principal.teams.contains(name): raise(grant.permission)
            default: break
            }
        }
        return best
    }

    /// The permission an action on a model needs.
    static func required(_ action: Action) -> Permission {
        switch action {
        case .readModel, .readAudit: .read
        case .updateModel, .writeVersion, .createModel, .acknowledgeAlert: .write
        case .moveAlias, .deleteModel, .manageGrants, .forceDeleteModel, .manageIdentity, .manageLifecycle, .manageAlertRules,
             .manageTemplates: .maintain
        }
    }

    /// The token scope an action needs.
    static func requiredScope(_ action: Action) -> TokenScope {
        switch action {
        case .readModel, .readAudit: .read
        case .forceDeleteModel, .manageIdentity: .admin
        default: .write
        }
    }

    /// True when the credential's scopes allow `action` (scopes nest: admin ⊃ write ⊃ read).
    static func scopeAllows(_ principal: Principal, _ action: Action) -> Bool {
        guard let scopes = principal.scopes else { return true }
        switch requiredScope(action) {
        case .read: return !scopes.isEmpty
        case .write: return scopes.contains(.write) || scopes.contains(.admin)
        case .admin: return scopes.contains(.admin)
        }
    }

    /// Authorizes an action on an existing model. Throws `model_not_found` when the principal may
    /// not even see the model, `forbidden` when it may see but not do.
    public static func authorize(_ principal: Principal, _ action: Action, on model: RegisteredModel, grants: [ModelGrant]) throws {
        guard let level = permission(of: principal, on: model, grants: grants) else { throw DomainError.modelNotFound(model.name) }
        let adminOnly = action == .forceDeleteModel || action == .manageIdentity
        if (adminOnly && !principal.isAdmin) || level < required(action) || !scopeAllows(principal, action) {
            throw forbidden(action)
        }
    }

    /// Authorizes an action that concerns no particular model (creating a model, managing accounts).
    public static func authorize(_ principal: Principal, _ action: Action) throws {
        let allowed: Bool = switch action {
        case .createModel: principal.isAdmin || !principal.roles.isDisjoint(with: [.contributor, .maintainer])
        case .manageIdentity, .forceDeleteModel: principal.isAdmin
        case .readModel: true // what can be read is decided per model and in queries
        case .readAudit: principal.isAdmin || principal.roles.contains(.auditor)
        default: principal.isAdmin
        }
        if !allowed || !scopeAllows(principal, action) { throw forbidden(action) }
    }

    static func forbidden(_ action: Action) -> DomainError {
        DomainError(.forbidden, code: "forbidden", "You are not allowed to \(action.rawValue).")
    }
}

/// What a principal may see, for filtering inside list and search queries (so paging and counts
/// stay right and restricted models never appear).
public struct VisibilityScope: Sendable, Equatable {
    /// Administrators see everything.
    public var unrestricted: Bool
    /// Whether internal models are visible (any global role gives that).
    public var seesInternal: Bool
    public var accountID: String
    public var teams: Set<String>

    public init(_ principal: Principal) {
        unrestricted = principal.isAdmin
        seesInternal = !principal.roles.isEmpty
        accountID = principal.id
        teams = principal.teams
    }
}

// MARK: Datasets (issue 5)

extension AccessPolicy {
    /// Authorizes an action on registered datasets. Datasets are visible to every principal with a
    /// role; contributors and above register them; anyone who may write may raise a taint flag
    /// (flagging only ever blocks), but clearing one takes a maintainer, an approver or an admin.
    public static func authorizeDataset(_ principal: Principal, _ action: DatasetAction) throws {
        let roles = principal.roles
        let allowed: Bool = switch action {
        case .read: !roles.isEmpty
        case .create, .update: principal.isAdmin || !roles.isDisjoint(with: [.contributor, .maintainer])
        case .flagTaint: principal.isAdmin || !roles.isDisjoint(with: [.contributor, .maintainer, .approver])
        case .clearTaint: principal.isAdmin || !roles.isDisjoint(with: [.maintainer, .approver])
        }
        let scopeAllowed: Bool = switch action {
        case .read: principal.scopes.map { !$0.isEmpty } ?? true
        default: principal.scopes.map { $0.contains(.write) || $0.contains(.admin) } ?? true
        }
        guard allowed, scopeAllowed else {
            throw DomainError(.forbidden, code: "forbidden", "You are not allowed to \(action.rawValue).")
        }
    }
}

/// What a principal wants to do with datasets (see `AccessPolicy.authorizeDataset`).
public enum DatasetAction: String, Sendable, CaseIterable {
    case read = "readDataset", create = "createDataset", update = "updateDataset"
    case flagTaint = "flagTaint", clearTaint = "clearTaint"
}
