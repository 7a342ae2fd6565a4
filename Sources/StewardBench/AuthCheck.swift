import ArgumentParser
import Foundation
import StewardCore
import StewardStorage

/// Times what authentication and authorization add to a request, in isolation: resolving a bearer
/// token to a principal (`Registry.authenticate(token:)`, the database lookup every request makes so
/// revocation is immediate on every replica) and the policy decision on a model (`AccessPolicy`).
struct AuthCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth-check")
    @OptionGroup var store: StoreOptions
    @Option var count: Int = 20000

    func run() async throws {
        let (backend, sqlStore) = try await store.open()
        let registry = Registry(store: sqlStore)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        _ = try await registry.createAccount(AccountDraft(name: "bench-\(suffix)", roles: [.contributor]), by: StoreOptions.actor)
        _ = try await registry.createTeam(name: "team-\(suffix)", by: StoreOptions.actor)
        _ = try await registry.addMember(team: "team-\(suffix)", account: "bench-\(suffix)", by: StoreOptions.actor)
        let (_, secret) = try await registry.createToken(name: "bench", scopes: [.read, .write], expiresAt: nil,
                                                         account: "bench-\(suffix)", by: StoreOptions.actor)
        let model = try await registry.createModel(ModelDraft(name: "auth-bench-\(suffix)"), by: StoreOptions.actor)
        var authn: [Double] = [], authz: [Double] = []
        for _ in 0..<count {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let principal = try await registry.authenticate(token: secret)
            let t1 = DispatchTime.now().uptimeNanoseconds
            try AccessPolicy.authorize(principal, .writeVersion, on: model, grants: [])
            let t2 = DispatchTime.now().uptimeNanoseconds
            authn.append(Double(t1 - t0) / 1000)
            authz.append(Double(t2 - t1) / 1000)
        }
        await backend.close()
        func pct(_ values: [Double], _ p: Double) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count) * p))] }
        print(String(format: #"{"count":%d,"authenticate_median_us":%.2f,"authenticate_p95_us":%.2f,"authorize_median_us":%.3f,"total_median_us":%.2f}"#,
                     count, pct(authn, 0.5), pct(authn, 0.95), pct(authz, 0.5), pct(zip(authn, authz).map { $0 + $1 }, 0.5)))
    }
}
