import ArgumentParser
import Foundation

/// A `key=value` command-line value, as in `--tag team=risk` or `--param lr=0.01`.
///
/// The key is everything before the first `=` and must not be empty; the value is everything after
/// it and may be empty or contain `=`.
public struct KeyValueArgument: ExpressibleByArgument, Hashable, Sendable {
    /// The part before the first `=`.
    public var key: String
    /// The part after the first `=`.
    public var value: String

    /// Creates a pair from its parts.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value`; nil when there is no `=` or the key is empty.
    public init?(argument: String) {
        guard let separator = argument.firstIndex(of: "="), separator != argument.startIndex else { return nil }
        self.init(key: String(argument[..<separator]), value: String(argument[argument.index(after: separator)...]))
    }
}

/// A `key=number` command-line value, as in `--metric auc=0.93`.
public struct MetricArgument: ExpressibleByArgument, Hashable, Sendable {
    /// The metric name.
    public var key: String
    /// The metric value; always finite.
    public var value: Double

    /// Creates a metric from its parts.
    public init(key: String, value: Double) {
        self.key = key
        self.value = value
    }

    /// Parses `key=number`; nil when there is no `=`, the key is empty, or the value is not a finite
    /// number.
    public init?(argument: String) {
        guard let pair = KeyValueArgument(argument: argument),
            let number = Double(pair.value.trimmingCharacters(in: .whitespaces)), number.isFinite
        else { return nil }
        self.init(key: pair.key, value: number)
    }
}

extension Sequence where Element == KeyValueArgument {
    /// The pairs as a dictionary; when a key repeats, the last value wins.
    public func dictionary() -> [String: String] {
        var result: [String: String] = [:]
        for pair in self { result[pair.key] = pair.value }
        return result
    }
}

extension Sequence where Element == MetricArgument {
    /// The metrics as a dictionary; when a key repeats, the last value wins.
    public func dictionary() -> [String: Double] {
        var result: [String: Double] = [:]
        for metric in self { result[metric.key] = metric.value }
        return result
    }
}

/// Builds the JSON merge patch for a string map from `--tag k=v` (set) and `--remove-tag k` (delete).
/// - Throws: ``CLIFailure/usage(_:)`` when a key is both set and removed.
func mergePatch(set: [KeyValueArgument], remove: [String]) throws -> [String: String?] {
    var patch: [String: String?] = [:]
    for (key, value) in set.dictionary() { patch[key] = .some(value) }
    for key in remove {
        if patch[key] != nil { throw CLIFailure.usage("tag '\(key)' is both set and removed") }
        patch[key] = .some(nil)
    }
    return patch
}
