import Foundation
import StewardCore
import StewardStorage
import StewardTestSupport

/// Principals of chosen priority tiers for the limits tests, made through the registry on the test
/// application's database (the admin API is another issue's; this stays one small helper).
enum LimitsFixtures {
    /// Creates an account `name` of `tier` and returns a read/write token for it.
    static func token(_ app: TestApp, name: String, tier: PriorityTier, roles: Set<Role> = [.viewer]) async throws -> String {
        let backend = try await DatabaseLocation.parse(app.databaseURL, dataDirectory: app.dataDirectory).open(logger: TestDatabase.logger)
        do {
            let registry = Registry(store: SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer))
            let admin = try await registry.authenticate(token: app.adminToken)
            _ = try await registry.createAccount(AccountDraft(name: name, kind: .consumer, roles: roles, tier: tier), by: admin)
            let (_, secret) = try await registry.createToken(name: "limits-test", scopes: [.read, .write], expiresAt: nil,
                                                             account: name, by: admin)
            await backend.close()
            return secret
        } catch {
            await backend.close()
            throw error
        }
    }
}
