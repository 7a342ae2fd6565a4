import Foundation

extension Registry {
    /// The principal behind a bearer token, or `unauthenticated`. Unknown, revoked and expired tokens
    /// get the same answer so the response reveals nothing about which it was.
    public func authenticate(token: String) async throws -> Principal {
        let unauthenticated = DomainError(.unauthenticated, code: "unauthenticated", "A valid bearer token is required.")
        guard token.count <= 512, !token.isEmpty else { throw unauthenticated }
        let hash = AccessToken.hash(token)
        let now = clock()
        guard let record = try await store.read({ try await $0.token(hash: hash) }), record.isUsable(at: now) else {
            throw unauthenticated
        }
        return record.principal
    }

    /// Creates the bootstrap administrator token on a fresh installation. Returns the secret when this
    /// call created it (to show once), nil when it already existed (possibly created by another replica).
    public func bootstrapAdminToken() async throws -> String? {
        let secret = AccessToken.generate()
        let admin = Principal(id: "admin", name: "admin", kind: .user, roles: [.admin], authenticatedBy: "token:bootstrap-admin")
        let record = TokenRecord(id: "bootstrap-admin", hash: AccessToken.hash(secret), principal: admin, createdAt: clock())
        let created = try await store.write { try await $0.insertToken(record) }
        return created ? secret : nil
    }
}
