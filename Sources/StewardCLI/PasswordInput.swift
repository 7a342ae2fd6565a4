import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a password for `--password-stdin`.
///
/// Passwords are never taken as arguments, where they would land in shell history and `ps`. From a
/// pipe (`printf '%s' "$PW" | steward accounts create …`) the whole input is the password, less one
/// trailing line break; on a terminal the user is prompted on stderr with echo turned off.
enum PasswordInput {
    /// The most bytes read from standard input; anything longer is not a password.
    static let maxBytes = 4096

    /// Reads the password from standard input.
    /// - Throws: ``CLIFailure/usage(_:)`` when the input is empty, too long, not UTF-8 or several lines.
    static func readFromStandardInput() throws -> String {
        if isatty(0) == 1 { return try password(from: Data(promptWithoutEcho().utf8)) }
        var data = Data()
        while data.count <= maxBytes {
            let chunk = FileHandle.standardInput.readData(ofLength: maxBytes + 1 - data.count)
            if chunk.isEmpty { break }
            data += chunk
        }
        return try password(from: data)
    }

    /// The password in `data`: the text less one trailing `\n` or `\r\n`.
    /// - Throws: ``CLIFailure/usage(_:)`` when it is empty, longer than ``maxBytes``, not UTF-8,
    ///   or spans several lines.
    static func password(from data: Data) throws -> String {
        guard data.count <= maxBytes else {
            throw CLIFailure.usage("the password on standard input is longer than \(maxBytes) bytes")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw CLIFailure.usage("the password on standard input is not UTF-8 text")
        }
        if text.hasSuffix("\r\n") {
            text.removeLast()  // "\r\n" is one Character
        } else if text.hasSuffix("\n") {
            text.removeLast()
        }
        guard !text.isEmpty else { throw CLIFailure.usage("--password-stdin: no password on standard input") }
        guard !text.contains(where: \.isNewline) else {
            throw CLIFailure.usage("--password-stdin: the password must be a single line")
        }
        return text
    }

    /// Prompts on stderr and reads one line from the terminal without echoing it.
    private static func promptWithoutEcho() -> String {
        StandardError.writeRaw("Password: ")
        var saved = termios()
        let canSilence = tcgetattr(0, &saved) == 0
        if canSilence {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(0, TCSAFLUSH, &silent)
        }
        defer {
            if canSilence { _ = tcsetattr(0, TCSAFLUSH, &saved) }
            StandardError.write("")
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
