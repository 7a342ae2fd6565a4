import Foundation
import StewardCore
import StewardStorage
import StewardTestSupport

let admin = Principal(id: "admin", name: "admin", kind: .user, roles: [.admin], authenticatedBy: "test")
let contributor = Principal(id: "c", name: "carol", kind: .user, roles: [.contributor], authenticatedBy: "test")

/// Runs `body` with a `Registry` on a fresh, migrated database.
func withRegistry(_ database: TestDatabase, _ body: (Registry) async throws -> Void) async throws {
    try await database.withBackend { backend, _ in
        try await body(Registry(store: SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer)))
    }
}

/// A fake but well-formed blob digest for `text`.
func digest(_ text: String) -> String {
    String(repeating: "0", count: 64 - min(64, text.count)) + text.prefix(64)
        .map { $0.isHexDigit ? String($0).lowercased() : "a" }.joined()
}

extension Registry {
    /// Creates a ready version with one file.
    @discardableResult
    func readyVersion(_ model: String, draft: VersionDraft = VersionDraft(), file: String = "model.bin",
                      sha: String = digest("1")) async throws -> ModelVersion {
        let version = try await createVersion(modelName: model, draft, by: admin)
        _ = try await attachFile(modelName: model, number: version.number, path: try ArtifactPath(file), sha256: sha,
                                 size: 10, by: admin)
        return try await finalizeVersion(modelName: model, number: version.number, by: admin)
    }

    /// A list query as a door would build it.
    func query(_ entity: SearchEntity, filter: String? = nil, orderBy: [String] = [], max: Int? = nil,
               token: String? = nil, scope: String = "test") throws -> ListQuery {
        try ListQuery.make(entity: entity, scope: scope, filter: filter, orderBy: orderBy,
                           defaultOrder: SortOrder([SortKey(entity == .models ? .name : .version)]),
                           maxResults: max, pageToken: token)
    }
}

/// The `code` of the `DomainError` that `body` throws; "no error" when it succeeds, the error's
/// description when it throws something else.
func errorCode(_ body: () async throws -> Void) async -> String {
    do {
        try await body()
        return "no error"
    } catch let error as DomainError {
        return error.code
    } catch {
        return "\(error)"
    }
}
