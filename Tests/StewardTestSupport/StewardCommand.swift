import Foundation

/// Runs the real `steward` binary as a client, for tests of CLI commands and their exit codes.
public enum StewardCommand {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// stdout parsed as a JSON object (empty when it is not one).
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    /// `steward <arguments>` with `STEWARD_URL` and `STEWARD_TOKEN` set when given, `input` on its
    /// standard input.
    public static func run(_ arguments: [String], server: String? = nil, token: String? = nil, input: String = "") throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        if let server { environment["STEWARD_URL"] = server }
        if let token { environment["STEWARD_TOKEN"] = token }
        let run = try ChildProcess.run(ServerProcess.binary, arguments, environment: environment, input: input)
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}
