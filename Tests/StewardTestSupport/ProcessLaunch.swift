import Foundation

/// Starts child processes one at a time. A CI run crashed inside Foundation's `Process.run()`
/// (a bad read in its memcpy while suites launched processes in parallel); swift-corelibs-foundation
/// prepares the child's environment and file actions in shared state, so launches are serialized.
/// Only the launch is: the children still run concurrently.
public enum ProcessLaunch {
    private static let lock = NSLock()

    /// `process.run()` under the launch lock.
    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
