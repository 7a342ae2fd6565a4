import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import StewardServer
import StewardStorage

/// An in-process Steward (router, real database, real blob store) for HTTP tests.
public struct TestApp: Sendable {
    /// The bootstrap admin token.
    public let adminToken: String
    public let dataDirectory: String
    public let databaseURL: String
    /// Every route of the router, as `METHOD /path` (Hummingbird's route list).
    public let routes: [String]

    /// Builds an application on a fresh database of `database`, runs `body` with a test client
    /// (`.router` drives the router in-process; `.live` starts a real server on an ephemeral port),
    /// then tears everything down.
    public static func run<R: Sendable>(_ database: TestDatabase, framework: TestingSetup = .router,
                                        configure: (inout ServerConfiguration) -> Void = { _ in },
                                        _ body: @Sendable (any TestClientProtocol, TestApp) async throws -> R) async throws -> R {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let url = try await database.create(in: directory)
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory + "/data"
        configuration.database = url
        configuration.port = 0
        configuration.printBootstrapToken = false
        configuration.logLevel = .warning
        configure(&configuration)
        let parts = try await openParts(configuration, logger: TestDatabase.logger)
        let token = try String(contentsOfFile: configuration.dataDirectory + "/admin-token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let router = buildRouter(parts, configuration: configuration)
        let routes = router.routes.map { "\($0.method) \($0.path)" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: TestDatabase.logger)
        let context = TestApp(adminToken: token, dataDirectory: configuration.dataDirectory, databaseURL: url, routes: routes)
        do {
            let result = try await app.test(framework) { client in try await body(client, context) }
            await parts.backend.close()
            await TestDatabase.drop(url)
            return result
        } catch {
            await parts.backend.close()
            await TestDatabase.drop(url)
            throw error
        }
    }

    /// Headers with the admin bearer token (and JSON content type).
    public var headers: HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(adminToken)"
        fields[.contentType] = "application/json"
        return fields
    }
}

extension TestClientProtocol {
    /// Sends a request with the given token (the admin's by default) and JSON body text.
    public func send(_ method: HTTPRequest.Method, _ uri: String, app: TestApp, json: String? = nil,
                     headers extra: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        var headers = app.headers
        for field in extra { headers[field.name] = field.value }
        let payload = body ?? json.map { ByteBuffer(string: $0) }
        return try await execute(uri: uri, method: method, headers: headers, body: payload)
    }
}

extension TestResponse {
    /// The body as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    public var text: String { String(buffer: body) }
}
