import Foundation
import Testing

@testable import StewardCLI

@Suite("Client options")
struct ClientOptionsTests {
    @Test("the server URL comes from --server, then STEWARD_URL, then the local default")
    func serverURL() throws {
        var options = try ClientOptions.parse([])
        #expect(try options.resolvedServerURL(environment: [:]).absoluteString == "http://127.0.0.1:8080")
        #expect(
            try options.resolvedServerURL(environment: ["STEWARD_URL": "https://steward.example/"]).absoluteString
                == "https://steward.example")
        options = try ClientOptions.parse(["--server", "http://localhost:9000"])
        #expect(
            try options.resolvedServerURL(environment: ["STEWARD_URL": "https://steward.example"]).absoluteString
                == "http://localhost:9000")
        options = try ClientOptions.parse(["--server", "localhost:9000"])
        #expect(throws: CLIFailure.self) { try options.resolvedServerURL(environment: [:]) }
    }

    @Test("the token comes from --token, then STEWARD_TOKEN, then <data dir>/admin-token, trimmed")
    func token() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steward-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "  file-token\n".write(to: directory.appendingPathComponent("admin-token"), atomically: true, encoding: .utf8)

        var options = try ClientOptions.parse([])
        #expect(options.resolvedToken(environment: ["STEWARD_DATA_DIR": directory.path]) == "file-token")
        #expect(options.resolvedToken(environment: ["STEWARD_DATA_DIR": directory.path, "STEWARD_TOKEN": "env"]) == "env")
        #expect(options.resolvedToken(environment: ["STEWARD_DATA_DIR": directory.appendingPathComponent("none").path]) == nil)
        options = try ClientOptions.parse(["--token", "flag"])
        #expect(options.resolvedToken(environment: ["STEWARD_TOKEN": "env"]) == "flag")
    }
}
