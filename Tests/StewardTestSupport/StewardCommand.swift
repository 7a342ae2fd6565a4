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

    public static func run(_ arguments: [String], server: String? = nil, token: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let server { environment["STEWARD_URL"] = server }
        if let token { environment["STEWARD_TOKEN"] = token }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try ProcessLaunch.run(process)
        // Read both pipes concurrently so a large stderr never blocks the child.
        let errData = UnsafeSendableBox()
        let reader = Thread { errData.value = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errData.value == nil { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: errData.value ?? Data(), as: UTF8.self))
    }
}

final class UnsafeSendableBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?
    var value: Data? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
