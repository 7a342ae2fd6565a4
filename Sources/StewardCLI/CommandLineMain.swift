import ArgumentParser
import Foundation

/// Runs the `steward` root command with the CLI conventions' exit statuses.
///
/// ArgumentParser ends a usage error (an unknown option, a missing argument, a failed `validate()`)
/// with status 64; the conventions want 2, like a connection error. Everything else is unchanged:
/// help goes to stdout with status 0, and the `ExitCode`s the client commands throw (1 or 2, their
/// message already on stderr) pass through.
public enum CommandLineMain {
    /// Parses the process arguments (or `arguments`) for `root`, runs the chosen command, and exits.
    ///
    /// Use it from the executable's `@main` type: `static func main() async { await CommandLineMain.run(Steward.self) }`.
    public static func run<Root: AsyncParsableCommand>(_ root: Root.Type, arguments: [String]? = nil) async -> Never {
        do {
            var command = try await root.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            let code = root.exitCode(for: error)
            let message = root.fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { StandardError.write(message) }
            }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
