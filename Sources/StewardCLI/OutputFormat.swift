import ArgumentParser

/// How a client command prints the data it gets back from the server.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Human-readable, column-aligned tables (the default).
    case table
    /// Pretty-printed JSON with sorted, `snake_case` keys, stable for scripts and CI.
    case json
}
