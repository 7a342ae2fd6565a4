/// What a principal wants to do. The one place that decides who may do it is `AccessPolicy`.
public enum Action: String, Sendable, CaseIterable {
    case readModel, createModel, updateModel, deleteModel, forceDeleteModel
    case writeVersion, moveAlias
}

/// Authorization rules, shared by every door. Issue 4 extends this with per-model grants, teams and
/// restricted models; the call sites already pass the model so those rules can slot in here.
public enum AccessPolicy {
    /// Throws `forbidden` when `principal` may not perform `action` (on `model`, when given).
    public static func authorize(_ principal: Principal, _ action: Action, model: RegisteredModel? = nil) throws {
        if principal.isAdmin { return }
        let allowed: Bool = switch action {
        case .readModel: !principal.roles.isEmpty
        case .createModel, .updateModel, .writeVersion:
            !principal.roles.isDisjoint(with: [.contributor, .maintainer])
        case .deleteModel, .moveAlias: principal.roles.contains(.maintainer)
        case .forceDeleteModel: false
        }
        if !allowed {
            throw DomainError(.forbidden, code: "forbidden", "You are not allowed to \(action.rawValue).")
        }
    }
}
