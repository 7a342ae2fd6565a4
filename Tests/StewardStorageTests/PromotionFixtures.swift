import Foundation
import StewardCore
import StewardStorage
import StewardTestSupport

/// A clock the test moves by hand (approval expiry).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Timestamp.now()

    var now: Date { lock.withLock { current } }

    func advance(seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// Principals of the promotion scenarios: a requester (contributor), three approvers, a contributor
/// who is no approver, and a contributor who is also an approver.
enum Cast {
    static let rita = Principal(id: "rita", name: "rita", kind: .user, roles: [.contributor], authenticatedBy: "test")
    static let a1 = Principal(id: "a1", name: "a1", kind: .user, roles: [.approver], authenticatedBy: "test")
    static let a2 = Principal(id: "a2", name: "a2", kind: .user, roles: [.approver], authenticatedBy: "test")
    static let a3 = Principal(id: "a3", name: "a3", kind: .user, roles: [.approver], authenticatedBy: "test")
    static let bob = Principal(id: "bob", name: "bob", kind: .user, roles: [.contributor], authenticatedBy: "test")
    static let ana = Principal(id: "ana", name: "ana", kind: .user, roles: [.contributor, .approver], authenticatedBy: "test")
}

/// Runs `body` with a registry on the test clock and a model `churn` (card `intended_use` filled)
/// with ready versions 1 and 2 (accuracy 0.95) and 3 (accuracy 0.5); `prod` points at version 1.
func withPromotionScenario(_ database: TestDatabase, _ body: (Registry, TestClock) async throws -> Void) async throws {
    try await database.withBackend { backend, _ in
        let clock = TestClock()
        let registry = Registry(store: SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer), clock: { clock.now })
        _ = try await registry.createModel(ModelDraft(name: "churn", card: ["intended_use": "churn scoring"]), by: admin)
        for (index, accuracy) in [0.95, 0.95, 0.5].enumerated() {
            try await registry.readyVersion("churn", draft: VersionDraft(metrics: ["accuracy": accuracy]), sha: digest("\(index + 1)"))
        }
        _ = try await registry.setAlias(modelName: "churn", alias: "prod", version: 1, by: admin)
        try await body(registry, clock)
    }
}

extension Registry {
    /// Protects `churn@prod`.
    @discardableResult
    func protectProd(_ policy: ProtectionPolicy) async throws -> AliasProtection {
        try await protectAlias(modelName: "churn", alias: "prod", policy: policy, by: admin)
    }

    /// The version `churn@prod` points at.
    func prodVersion() async throws -> Int {
        try await resolveAlias(modelName: "churn", alias: "prod", by: admin).number
    }
}
