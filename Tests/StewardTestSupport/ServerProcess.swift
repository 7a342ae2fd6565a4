import Foundation

/// A real `steward serve` process on a free loopback port, for tests where the wire, signals and
/// crashes matter (SIGKILL mid-upload, graceful shutdown, the CLI).
public final class ServerProcess: @unchecked Sendable {
    public let port: Int
    public let dataDirectory: String
    public let process: ChildProcess
    public let baseURL: String
    public private(set) var adminToken: String = ""
    let output: String

    /// Path of the package's debug build of `steward` (built by `swift build --build-tests`).
    public static var binary: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/steward").path
    }

    /// Starts a server and waits until `/healthz` answers.
    public init(dataDirectory: String, database: String?, extraEnvironment: [String: String] = [:]) async throws {
        self.dataDirectory = dataDirectory
        port = try FreePort.pick()
        baseURL = "http://127.0.0.1:\(port)"
        output = dataDirectory + ".log"
        var arguments = ["serve", "--port", String(port), "--data-dir", dataDirectory, "--log-level", "warning"]
        if let database { arguments += ["--database", database] }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(extraEnvironment) { _, new in new }
        let logFile = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard logFile >= 0 else { throw TestSetupError("cannot create \(output): errno \(errno)") }
        defer { close(logFile) }
        process = try ChildProcess(Self.binary, arguments, environment: environment, stdout: .descriptor(logFile), stderr: .descriptor(logFile))
        try await waitUntilHealthy()
        adminToken = try String(contentsOfFile: dataDirectory + "/admin-token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func waitUntilHealthy() async throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !process.isRunning { throw TestSetupError("steward serve exited early:\n\(log)") }
            if (try? await HTTP.get(baseURL + "/healthz")) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("steward serve did not become healthy in 30 s:\n\(log)")
    }

    /// What the server printed.
    public var log: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

    /// Sends a signal and waits for the process to exit; returns its exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) async -> Int32 {
        if process.isRunning { kill(process.pid, signal) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    /// Stops the server synchronously (for `defer`, where a detached task might never run before
    /// the test process exits and would leave the server behind): SIGTERM, then SIGKILL after 5 s.
    public func terminateNow() {
        guard process.isRunning else { return }
        kill(process.pid, SIGTERM)
        for _ in 0..<250 where process.isRunning { usleep(20_000) }
        if process.isRunning { kill(process.pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(process.pid, SIGKILL) }
    }
}

/// Picks a free TCP port on 127.0.0.1 (bind to port 0, read it, close).
public enum FreePort {
    public static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw TestSetupError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestSetupError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
