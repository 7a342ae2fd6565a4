import Foundation

extension Registry {
    /// The actions on a model that `principal` is allowed, decided by `AccessPolicy` exactly as the
    /// use cases decide them (grants, teams, roles and token scopes), so a door can offer only what
    /// will be accepted. It grants nothing: every use case still authorizes on its own. A model the
    /// principal may not see is `model_not_found`, as everywhere.
    public func permittedActions(modelName: String, by principal: Principal) async throws -> Set<Action> {
        try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .readModel)
            let grants = try await tx.grants(modelID: model.id)
            return Set(Action.allCases.filter { (try? AccessPolicy.authorize(principal, $0, on: model, grants: grants)) != nil })
        }
    }
}
