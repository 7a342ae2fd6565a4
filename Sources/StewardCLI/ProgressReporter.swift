import Foundation
import Synchronization

/// Shows the progress of a transfer (`label  12.0 MiB / 48.0 MiB  25%`) on one rewritten stderr line,
/// only when stderr is a terminal; otherwise it stays silent so logs and pipes are not cluttered.
final class ProgressReporter: Sendable {
    private struct State {
        var done: Int64 = 0
        var lastDraw: ContinuousClock.Instant?
        var ended = false
    }

    private let label: String
    private let total: Int64?
    private let enabled: Bool
    private let state = Mutex(State())

    /// - Parameters:
    ///   - label: What is transferred, usually the file path.
    ///   - total: The expected number of bytes, when known.
    ///   - enabled: Whether to draw; defaults to whether stderr is a terminal.
    init(label: String, total: Int64?, enabled: Bool = StandardError.isTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Records `count` more bytes, redrawing at most ten times a second.
    func advance(by count: Int) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.done += Int64(count)
            if state.ended { return nil }
            let now = ContinuousClock.now
            if let last = state.lastDraw, now - last < .milliseconds(100) { return nil }
            state.lastDraw = now
            return render(done: state.done)
        }
        if let line { StandardError.writeRaw("\r\u{1B}[K" + line) }
    }

    /// Draws the final state and ends the line.
    func finish() {
        guard enabled else { return }
        let done: Int64? = state.withLock { state in
            defer { state.ended = true }
            return state.ended ? nil : state.done
        }
        if let done { StandardError.writeRaw("\r\u{1B}[K" + render(done: done) + "\n") }
    }

    /// Ends a progress line left unfinished by a failed transfer, so the error starts on its own line.
    func interrupt() {
        guard enabled else { return }
        let drawn = state.withLock { state in
            defer { state.ended = true }
            return !state.ended && state.lastDraw != nil
        }
        if drawn { StandardError.writeRaw("\n") }
    }

    private func render(done: Int64) -> String {
        guard let total, total > 0 else { return "\(label)  \(ByteCount.format(done))" }
        let percent = min(100, Int(Double(done) * 100 / Double(total)))
        return "\(label)  \(ByteCount.format(done)) / \(ByteCount.format(total))  \(percent)%"
    }
}
