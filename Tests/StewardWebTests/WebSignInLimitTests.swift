import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardServer
import StewardTestSupport
import Testing

/// Guessing passwords through the sign-in form draws on the address's `auth_failures` budget, like
/// a bad `Authorization` header: once it is spent, the form is refused before any password is checked.
@Suite("Web UI: failed sign-ins are rate limited")
struct WebSignInLimitTests {
    @Test func wrongPasswordsSpendTheAuthFailureBudget() async throws {
        try await TestApp.run(.sqlite, configure: { config in
            config.limits.authFailures = BucketRate(rate: 0.01, burst: 3) // no refill within the test
        }) { client, app in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                let form = try await client.execute(uri: "/ui/sign-in", method: .get)
                let preCookie = try #require(form.cookie("steward_signin"))
                let csrf = try #require(String(buffer: form.body).firstMatch(#"name="csrf" value="([^"]+)""#))
                var headers = HTTPFields()
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[.cookie] = "steward_signin=\(preCookie)"
                let body = formBody([("csrf", csrf), ("next", "/ui/catalog"), ("username", "admin"), ("password", "guess")])
                statuses.append(try await client.execute(uri: "/ui/sign-in", method: .post, headers: headers, body: ByteBuffer(string: body)).status)
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests, .tooManyRequests], "\(statuses)")
            // The sign-in page itself (a GET, no credentials) is still served.
            #expect(try await client.execute(uri: "/ui/sign-in", method: .get).status == .ok)
        }
    }
}
