import ArgumentParser
import AsyncHTTPClient
import Foundation
import OpenAPIRuntime

/// What the CLI prints on stderr for a failure, and the exit status it ends with.
struct FailureReport: Equatable, Sendable {
    /// The lines written to stderr.
    var lines: [String]
    /// 1 when the server answered with an error (or nonsense), 2 for usage and connection errors.
    var exitCode: Int32

    /// Classifies `error`; `server` names the server in connection-error messages.
    init(for error: any Error, server: String) {
        switch error {
        case let problem as ServerProblem:
            self.init(lines: problem.messageLines, exitCode: 1)
        case let failure as CLIFailure:
            switch failure {
            case .usage(let message): self.init(lines: ["error: \(message)"], exitCode: 2)
            case .local(let message): self.init(lines: ["error: \(message)"], exitCode: 1)
            case .unexpectedResponse(let message):
                self.init(lines: ["error: unexpected response from the server: \(message)"], exitCode: 1)
            }
        case let clientError as ClientError:
            if clientError.underlyingError is ServerProblem || clientError.underlyingError is CLIFailure {
                self.init(for: clientError.underlyingError, server: server)
            } else if clientError.request == nil {
                self.init(lines: ["error: could not build the request: \(clientError.underlyingError)"], exitCode: 2)
            } else if clientError.response == nil {
                self.init(
                    lines: ["error: cannot reach the Steward server at \(server): \(clientError.underlyingError)"],
                    exitCode: 2)
            } else {
                self.init(
                    lines: ["error: unexpected response from the server: \(clientError.causeDescription)"],
                    exitCode: 1)
            }
        case let httpError as HTTPClientError:
            self.init(lines: ["error: connection to \(server) failed: \(httpError)"], exitCode: 2)
        case is CancellationError:
            self.init(lines: ["error: cancelled"], exitCode: 1)
        default:
            self.init(lines: ["error: \(error)"], exitCode: 1)
        }
    }

    init(lines: [String], exitCode: Int32) {
        self.lines = lines
        self.exitCode = exitCode
    }
}

/// Runs `body`; on failure prints the ``FailureReport`` to stderr and throws the matching
/// `ExitCode`, which ArgumentParser turns into the process exit status.
func reportingFailures(server: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let report = FailureReport(for: error, server: server)
        for line in report.lines { StandardError.write(line) }
        throw ExitCode(report.exitCode)
    }
}
