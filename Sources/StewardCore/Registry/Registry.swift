import Foundation

/// The registry use cases: every door (REST API, MLflow API, CLI, UI) calls these, so the rules below
/// hold whichever way a request comes in. Each mutation validates its input first, then reads,
/// checks and writes inside one store transaction.
public struct Registry: Sendable {
    public let store: any RegistryStore
    /// Source of "now"; tests may fix it.
    let clock: @Sendable () -> Date

    public init(store: any RegistryStore, clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.clock = clock
    }

    /// Identifiers for new rows.
    static func newID() -> String { UUID().uuidString.lowercased() }

    /// Loads a model or throws `model_not_found`.
    static func requireModel(_ reader: any RegistryReader, _ name: String) async throws -> RegisteredModel {
        guard let model = try await reader.model(named: name) else { throw DomainError.modelNotFound(name) }
        return model
    }

    /// Loads a model the principal may see and checks it may perform `action` on it. A model the
    /// principal may not see is reported as missing.
    static func requireModel(_ reader: any RegistryReader, _ name: String, _ principal: Principal,
                             _ action: Action) async throws -> RegisteredModel {
        let model = try await requireModel(reader, name)
        try AccessPolicy.authorize(principal, action, on: model, grants: try await reader.grants(modelID: model.id))
        return model
    }

    /// Loads a live version or throws `version_not_found`.
    static func requireVersion(_ reader: any RegistryReader, _ model: RegisteredModel, _ number: Int) async throws -> ModelVersion {
        guard let version = try await reader.version(modelID: model.id, number: number) else {
            throw DomainError.versionNotFound(model.name, number)
        }
        return version
    }

    /// Throws `precondition_failed` when an `If-Match` value does not match the current entity tag.
    static func checkPrecondition(_ ifMatch: String?, _ etag: String) throws {
        guard let ifMatch, ifMatch != "*" else { return }
        let candidates = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("W/") ? String($0.dropFirst(2)) : $0 }
        if !candidates.contains(etag) {
            throw DomainError(.preconditionFailed, code: "precondition_failed",
                              "The resource changed: If-Match \(ifMatch) does not match the current ETag \(etag).")
        }
    }
}
