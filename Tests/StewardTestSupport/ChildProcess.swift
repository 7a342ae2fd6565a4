import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for tests that run the real `steward` binary, a
/// browser or a helper server.
///
/// Not Foundation's `Process`: on Linux its `run()` looks for the highest open descriptor by reading
/// `/proc/self/fd`, and that read crashed the test process several times (a memcpy past the end of
/// a mapping inside `findMaximumOpenFromProcSelfFD`, in a process with hundreds of open sockets).
/// Here the child closes every inherited descriptor itself (`closefrom` as a spawn action), signals
/// a test process ignores (SIGTERM, SIGPIPE) are reset to their defaults, and the child gets its own
/// process group, as `Process` gave it.
public final class ChildProcess: @unchecked Sendable {
    /// Where a standard stream of the child goes.
    public enum Stream {
        /// `/dev/null`.
        case null
        /// An open descriptor of this process (the child gets a copy).
        case descriptor(Int32)
    }

    /// The child's process id.
    public let pid: pid_t
    private let lock = NSLock()
    private var waitStatus: Int32?

    /// Starts `executable` (a path) with `arguments`; `environment` defaults to this process's.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null) throws {
        let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard devNull >= 0 else { throw TestSetupError("cannot open /dev/null: errno \(errno)") }
        defer { close(devNull) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            let source: Int32
            switch stream {
            case .null: source = devNull
            case .descriptor(let fd): source = fd
            }
            try Self.check(posix_spawn_file_actions_adddup2(&actions, source, target), "adddup2")
        }
        if let closeFrom = Self.addCloseFrom {
            try Self.check(closeFrom(&actions, 3), "addclosefrom_np")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        try Self.check(posix_spawnattr_setsigmask(&attributes, &noSignals), "setsigmask")
        try Self.check(posix_spawnattr_setsigdefault(&attributes, &defaults), "setsigdefault")
        try Self.check(posix_spawnattr_setpgroup(&attributes, 0), "setpgroup")
        try Self.check(posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)),
                       "setflags")

        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        try Self.check(posix_spawn(&pid, executable, &actions, &attributes, argv, envp), "posix_spawn \(executable)")
        self.pid = pid
    }

    /// Whether the child has not exited yet (reaps it when it has).
    public var isRunning: Bool {
        lock.withLock {
            guard waitStatus == nil else { return false }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { waitStatus = status }
            return reaped == 0
        }
    }

    /// Blocks until the child exits.
    public func waitUntilExit() {
        while isRunning { usleep(5_000) }
    }

    /// The exit code, or the number of the signal that ended the child (as `Process` reports it).
    /// Only meaningful once `isRunning` is false.
    public var terminationStatus: Int32 {
        let status = lock.withLock { waitStatus } ?? -1
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }

    /// Sends `signal` to the child if it is still running.
    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Runs a command to its end, feeding `input` to its standard input; returns its status and
    /// both outputs (read concurrently, so a chatty stderr never blocks the child).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let stdin = try Pipe2(), stdout = try Pipe2(), stderr = try Pipe2()
        let child = try ChildProcess(executable, arguments, environment: environment, stdin: .descriptor(stdin.read),
                                     stdout: .descriptor(stdout.write), stderr: .descriptor(stderr.write))
        close(stdin.read); close(stdout.write); close(stderr.write)
        let errors = Thread.detachedCollector(stderr.read)
        let writer = Thread.detachedWriter(stdin.write, Array(input.utf8))
        let out = readAll(stdout.read)
        close(stdout.read)
        let err = errors.wait()
        close(stderr.read)
        writer.wait()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Everything readable from `fd` until end of file.
    public static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 { result += buffer[0..<count] } else if count == 0 || errno != EINTR { return result }
        }
    }

    private static func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw TestSetupError("\(what) failed: error \(result)") }
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Swift's Glibc module does
    /// not declare it). Without it children inherit the descriptors that lack close-on-exec.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
}

/// A pipe whose both ends are close-on-exec, so that only the child it is given to inherits it
/// (`pipe` and then `fcntl`: Swift's Glibc module does not declare `pipe2`; children started here
/// close inherited descriptors anyway).
public struct Pipe2 {
    public let read: Int32
    public let write: Int32

    public init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestSetupError("pipe failed: errno \(errno)") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        read = fds[0]
        write = fds[1]
    }
}

private final class Completion<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?
    func finish(_ result: Value) { value = result; done.signal() }
    func wait() -> Value { done.wait(); return value! }
}

/// A child that exits without reading its input must fail the write, not kill the test process.
private let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN); return () }()

private extension Thread {
    /// Reads `fd` to its end on a thread of its own.
    static func detachedCollector(_ fd: Int32) -> Completion<[UInt8]> {
        let completion = Completion<[UInt8]>()
        Thread.detachNewThread { completion.finish(ChildProcess.readAll(fd)) }
        return completion
    }

    /// Writes `bytes` to `fd` and closes it, on a thread of its own (a child that never reads its
    /// input must not block the caller).
    static func detachedWriter(_ fd: Int32, _ bytes: [UInt8]) -> Completion<Void> {
        let completion = Completion<Void>()
        _ = ignoreBrokenPipes
        Thread.detachNewThread {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { break }
            }
            close(fd)
            completion.finish(())
        }
        return completion
    }
}
