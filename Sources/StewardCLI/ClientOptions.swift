import ArgumentParser
import Foundation

/// The options every client command takes: which server to talk to, how to authenticate and how to
/// print results.
///
/// Defaults follow the CLI conventions: `--server` falls back to `STEWARD_URL`, then
/// `http://127.0.0.1:8080`; `--token` falls back to `STEWARD_TOKEN`, then to the admin token the server
/// wrote into its data directory (`STEWARD_DATA_DIR`, default `./steward-data`).
public struct ClientOptions: ParsableArguments {
    /// The server used when neither `--server` nor `STEWARD_URL` is given.
    public static let defaultServerURL = "http://127.0.0.1:8080"
    /// The data directory searched for `admin-token` when `STEWARD_DATA_DIR` is not set.
    public static let defaultDataDirectory = "./steward-data"
    /// The name of the file, inside the data directory, that holds the admin token.
    public static let adminTokenFileName = "admin-token"

    /// The base URL of the Steward server.
    @Option(
        help: ArgumentHelp(
            "The Steward server URL. (default: $STEWARD_URL, else \(Self.defaultServerURL))",
            valueName: "url"))
    public var server: String?

    /// The API token sent as `Authorization: Bearer`.
    @Option(
        help: ArgumentHelp(
            "The API token. (default: $STEWARD_TOKEN, else the admin-token file in $STEWARD_DATA_DIR or ./steward-data)",
            valueName: "token"))
    public var token: String?

    /// How results are printed.
    @Option(help: ArgumentHelp("Output format: table or json.", valueName: "format"))
    public var format: OutputFormat = .table

    /// Creates options with every value at its default.
    public init() {}
}

extension ClientOptions {
    /// The server URL to use: `--server`, else `STEWARD_URL`, else the local default.
    /// - Throws: ``CLIFailure/usage(_:)`` when the URL is not an absolute `http`/`https` URL.
    func resolvedServerURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let raw = nonEmpty(server) ?? nonEmpty(environment["STEWARD_URL"]) ?? Self.defaultServerURL
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw CLIFailure.usage("invalid server URL '\(raw)': expected http://host:port or https://host")
        }
        return url
    }

    /// The token to send: `--token`, else `STEWARD_TOKEN`, else the trimmed contents of
    /// `<data dir>/admin-token`; nil when none is available (the server will then answer 401).
    func resolvedToken(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let token = nonEmpty(token) ?? nonEmpty(environment["STEWARD_TOKEN"]) { return token }
        let dataDirectory = nonEmpty(environment["STEWARD_DATA_DIR"]) ?? Self.defaultDataDirectory
        let file = URL(fileURLWithPath: dataDirectory).appendingPathComponent(Self.adminTokenFileName)
        guard let contents = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return nonEmpty(contents.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
