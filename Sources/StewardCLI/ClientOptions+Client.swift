import AsyncHTTPClient
import Foundation
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import StewardAPI

/// How long one request may take before the server has answered.
enum RequestTimeout {
    /// Metadata calls: a server that has not answered in a minute is not going to.
    case metadata
    /// Calls that stream a file body up to the server, which answers only once it has it all.
    case transfer
}

/// The CLI's HTTP client: like `HTTPClient.shared`, but it gives up on an unreachable server after a
/// few seconds (the shared client retries connection establishment until the whole request
/// deadline, a minute, before a "connection refused" surfaces). A process-lifetime global, so it
/// never needs shutting down.
let cliHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.timeout.connect = .seconds(5)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}()

extension ClientOptions {
    /// Builds a generated API client for the resolved server, with the bearer token and the
    /// problem-reporting middleware installed, over `cliHTTPClient`.
    func makeClient(timeout: RequestTimeout = .metadata) throws -> Client {
        let serverURL = try resolvedServerURL()
        let transport = AsyncHTTPClientTransport(
            configuration: .init(
                client: cliHTTPClient,
                timeout: timeout == .transfer ? .hours(24) : .seconds(60)))
        return Client(
            serverURL: serverURL,
            configuration: Configuration(dateTranscoder: RFC3339DateTranscoder()),
            transport: transport,
            middlewares: [BearerTokenMiddleware(token: resolvedToken()), EntityTagMiddleware(), ProblemMiddleware()])
    }

    /// Runs `body` with a client, turning any failure into a message on stderr and the CLI's exit
    /// code (1 for an error answered by the server, 2 for usage and connection errors).
    func withClient(
        timeout: RequestTimeout = .metadata,
        _ body: (Client) async throws -> Void
    ) async throws {
        let serverDescription = (try? resolvedServerURL().absoluteString) ?? server ?? ""
        try await reportingFailures(server: serverDescription) {
            let client = try makeClient(timeout: timeout)
            try await body(client)
        }
    }

    /// Prints `value` as JSON, or as the text `table` renders, according to `--format`.
    func emit<Value: Encodable>(_ value: Value, table: () -> String) throws {
        switch format {
        case .json: try JSONOutput.print(value)
        case .table: print(table())
        }
    }

    /// Prints a confirmation for a command that returns no data; `--format json` prints nothing.
    func confirm(_ message: String) {
        if format == .table { print(message) }
    }
}
