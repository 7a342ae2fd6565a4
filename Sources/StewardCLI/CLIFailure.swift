/// A failure detected by the CLI itself, before or apart from any answer from the server.
enum CLIFailure: Error, Equatable, Sendable {
    /// The command line asks for something impossible (exit status 2).
    case usage(String)
    /// A local file could not be read or written (exit status 1).
    case local(String)
    /// The server answered with something the contract does not allow (exit status 1).
    case unexpectedResponse(String)
}
