import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing diagnostics and progress to stderr, which stays out of the data printed on stdout.
enum StandardError {
    /// Writes `line` and a newline to stderr.
    static func write(_ line: String) {
        writeRaw(line + "\n")
    }

    /// Writes `text` to stderr as is.
    static func writeRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal, the condition for showing progress.
    static var isTerminal: Bool { isatty(2) == 1 }
}
