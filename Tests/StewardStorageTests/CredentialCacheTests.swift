import Foundation
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// Token lookups may be cached (embedded SQLite), but every change to who a token is still takes
/// effect on the very next authentication, exactly as without a cache.
@Suite("Credential cache (both databases)")
struct CredentialCacheTests {
    @Test(arguments: TestDatabase.all)
    func changesToCredentialsTakeEffectOnTheNextRequest(_ database: TestDatabase) async throws {
        try await withRegistry(database) { registry in
            _ = try await registry.createAccount(AccountDraft(name: "dora", roles: [.contributor]), by: admin)
            _ = try await registry.createTeam(name: "risk", by: admin)
            let (record, secret) = try await registry.createToken(name: "ci", scopes: [.read, .write], expiresAt: nil,
                                                                  account: "dora", by: admin)
            // Twice: the second answer may come from the cache, and must agree.
            #expect(try await registry.authenticate(token: secret).roles == [.contributor])
            #expect(try await registry.authenticate(token: secret).teams.isEmpty)

            _ = try await registry.addMember(team: "risk", account: "dora", by: admin)
            #expect(try await registry.authenticate(token: secret).teams == ["risk"])
            _ = try await registry.updateAccount(named: "dora", AccountPatch(roles: [.viewer]), by: admin)
            #expect(try await registry.authenticate(token: secret).roles == [.viewer])
            _ = try await registry.removeMember(team: "risk", account: "dora", by: admin)
            #expect(try await registry.authenticate(token: secret).teams.isEmpty)

            _ = try await registry.updateAccount(named: "dora", AccountPatch(disabled: true), by: admin)
            #expect(await errorCode { _ = try await registry.authenticate(token: secret) } == "unauthenticated")
            _ = try await registry.updateAccount(named: "dora", AccountPatch(disabled: false), by: admin)
            #expect(try await registry.authenticate(token: secret).name == "dora")

            try await registry.revokeToken(id: record.id, by: admin)
            #expect(await errorCode { _ = try await registry.authenticate(token: secret) } == "unauthenticated")
            #expect(await errorCode { _ = try await registry.authenticate(token: secret) } == "unauthenticated")
        }
    }

    @Test func anEntryReadBeforeAWriteIsNeverServedAfterIt() throws {
        let cache = CredentialCache(capacity: 2)
        let now = Date()
        let account = Account(id: "a", name: "a", kind: .user, roles: [.viewer], createdAt: now, createdBy: "t")
        let token = TokenRecord(id: "t", hash: "h", accountID: "a", name: "t", scopes: [.read], createdAt: now, createdBy: "t")
        let generation = cache.generation
        cache.invalidate() // a write commits while the read is in flight
        cache.store((token, account, []), hash: "h", generation: generation)
        #expect(cache.holder(hash: "h") == nil)
        cache.store((token, account, []), hash: "h", generation: cache.generation)
        #expect(cache.holder(hash: "h")?.0.id == "t")
        for hash in ["x", "y"] { cache.store((token, account, []), hash: hash, generation: cache.generation) }
        #expect(cache.holder(hash: "h") == nil) // full: emptied, so memory stays bounded
    }
}
