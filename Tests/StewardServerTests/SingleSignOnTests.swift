import CryptoExtras
import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
@testable import StewardServer
import StewardCore
import StewardTestSupport
import Testing

/// OIDC/JWT single sign-on with keys the test generates itself.
@Suite("Single sign-on (OIDC JWTs)")
struct SingleSignOnTests {
    /// An identity provider: RS256 and ES256 keys, their JWKS, and a signer.
    struct Provider {
        let signer = JWTKeyCollection()
        let impostor = JWTKeyCollection()
        let jwks: String

        init() async throws {
            let rsa = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
            let ec = ES256PrivateKey()
            let (modulus, exponent) = try rsa.publicKey.getKeyPrimitives()
            let (x, y) = try #require(ec.publicKey.parameters)
            jwks = """
            {"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":"rsa1","n":"\(modulus.base64URLEncoded)","e":"\(exponent.base64URLEncoded)"},
                     {"kty":"EC","alg":"ES256","use":"sig","kid":"ec1","crv":"P-256","x":"\(x)","y":"\(y)"}]}
            """
            await signer.add(rsa: rsa, digestAlgorithm: .sha256, kid: "rsa1")
            await signer.add(ecdsa: ec, kid: "ec1")
            // Same key id, different key: a forged signature.
            await impostor.add(rsa: try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048)),
                               digestAlgorithm: .sha256, kid: "rsa1")
        }

        func token(kid: String = "rsa1", forged: Bool = false, _ overrides: [String: JSONValue] = [:]) async throws -> String {
            let now = Date().timeIntervalSince1970
            var claims: [String: JSONValue] = [
                "iss": .string("https://idp.example.test"), "aud": .array([.string("steward"), .string("other")]),
                "sub": .string("u-123"), "preferred_username": .string("dana"), "exp": .number(now + 300),
                "nbf": .number(now - 10), "groups": .array([.string("risk")]), "roles": .array([.string("maintainer"), .string("bogus")]),
            ]
            for (key, value) in overrides { claims[key] = value }
            return try await (forged ? impostor : signer).sign(OIDCPayload(claims: claims), kid: JWKIdentifier(string: kid))
        }
    }

    static func configure(_ jwks: String) -> (inout ServerConfiguration) -> Void {
        { $0.oidc = OIDCConfiguration(issuer: "https://idp.example.test", audience: "steward", jwks: jwks) }
    }

    @Test func verifiedTokensMapToAccountsAndBadOnesAreRefused() async throws {
        let provider = try await Provider()
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        try provider.jwks.write(toFile: directory + "/jwks.json", atomically: true, encoding: .utf8)
        try await TestApp.run(.sqlite, configure: Self.configure(directory + "/jwks.json")) { client, app in
            func whoami(_ token: String) async throws -> TestResponse {
                try await client.call(.get, "/api/v1/whoami", auth: "Bearer \(token)")
            }
            // RS256 and ES256: the account is provisioned, roles and teams come from the claims.
            var response = try await whoami(try await provider.token())
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json["name"] as? String == "dana")
            #expect(response.json["roles"] as? [String] == ["maintainer"])
            #expect(response.json["teams"] as? [String] == ["risk"])
            #expect((response.json["authenticated_by"] as? String)?.hasPrefix("oidc:") == true)
            response = try await whoami(try await provider.token(kid: "ec1", ["preferred_username": .string("erin")]))
            #expect(response.json["name"] as? String == "erin")
            response = try await client.call(.get, "/api/v1/accounts/dana", auth: "Bearer \(app.adminToken)")
            #expect(response.json["created_by"] as? String == "oidc:https://idp.example.test")
            // The roles take effect: a maintainer may create models.
            response = try await client.call(.post, "/api/v1/models", auth: "Bearer \(try await provider.token())", json: #"{"name":"sso-model"}"#)
            #expect(response.status == .created)

            let now = Date().timeIntervalSince1970
            let refused: [(String, String)] = [
                ("wrong issuer", try await provider.token(["iss": .string("https://evil.example.test")])),
                ("wrong audience", try await provider.token(["aud": .string("someone-else")])),
                ("expired", try await provider.token(["exp": .number(now - 600)])),
                ("not yet valid", try await provider.token(["nbf": .number(now + 600)])),
                ("no expiry", try await provider.token(["exp": .null])),
                ("forged signature", try await provider.token(forged: true)),
                ("unknown key", try await provider.token(kid: "nope")),
                ("alg none", "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + Data(#"{"iss":"https://idp.example.test","aud":"steward","sub":"x","exp":9999999999}"#.utf8).base64URLEncoded + "."),
                ("tampered payload", try await Self.tamper(try await provider.token())),
                ("garbage", "a.b.c"),
            ]
            for (name, token) in refused {
                let answer = try await whoami(token)
                #expect(answer.status == .unauthorized, "\(name): \(answer.status.code)")
            }
            // A disabled account stays locked out even with a valid token.
            _ = try await client.call(.patch, "/api/v1/accounts/dana", auth: "Bearer \(app.adminToken)", json: #"{"disabled":true}"#)
            #expect(try await whoami(try await provider.token()).status == .unauthorized)
            // Steward's own tokens still work alongside SSO.
            #expect(try await whoami(app.adminToken).status == .ok)
        }
    }

    /// Changes the payload of a signed token without re-signing it.
    static func tamper(_ token: String) throws -> String {
        let parts = token.split(separator: ".").map(String.init)
        var claims = try JSONSerialization.jsonObject(with: try #require(Data(base64URLEncoded: parts[1]))) as! [String: Any]
        claims["roles"] = ["admin"]
        let payload = try JSONSerialization.data(withJSONObject: claims).base64URLEncoded
        return [parts[0], payload, parts[2]].joined(separator: ".")
    }

    @Test func keysCanComeFromAURL() async throws {
        let provider = try await Provider()
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        try provider.jwks.write(toFile: directory + "/jwks.json", atomically: true, encoding: .utf8)
        let port = try FreePort.pick()
        // The interpreter itself, not `env python3`: behind a version-manager shim, `python3` runs as a
        // child of the shim, and terminating the shim left the server behind after every run.
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let server = try ChildProcess(python ?? "/usr/bin/env", (python == nil ? ["python3"] : [])
                                      + ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory])
        defer {
            server.send(SIGKILL)
            server.waitUntilExit()
        }
        let url = "http://127.0.0.1:\(port)/jwks.json"
        for _ in 0..<100 where (try? await HTTP.get(url)) != 200 { try await Task.sleep(for: .milliseconds(50)) }
        try await TestApp.run(.sqlite, configure: Self.configure(url)) { client, _ in
            let response = try await client.call(.get, "/api/v1/whoami", auth: "Bearer \(try await provider.token(kid: "ec1"))")
            #expect(response.status == .ok && response.json["name"] as? String == "dana")
        }
    }
}
