import Foundation

/// What changed between two versions of a model: data (input dataset versions), code (code
/// version, source, manifest), params and metrics. Params and metrics are the version's own over
/// those of the run that produced it (MLflow-registered versions keep them on the run).
public struct VersionComparison: Sendable, Equatable {
    /// One version's side of the comparison.
    public struct Side: Sendable, Equatable {
        public var version: ModelVersion
        public var runID: String?
        public var codeVersion: String?
        public var inputs: [DatasetVersion]
        public var params: [String: String]
        public var metrics: [String: Double]

        public init(version: ModelVersion, runID: String?, codeVersion: String?, inputs: [DatasetVersion],
                    params: [String: String], metrics: [String: Double]) {
            self.version = version
            self.runID = runID
            self.codeVersion = codeVersion
            self.inputs = inputs
            self.params = params
            self.metrics = metrics
        }
    }

    public enum Change: String, Sendable, Equatable {
        case added, removed, changed, unchanged
    }

    /// A keyed value on each side.
    public struct Entry<Value: Sendable & Equatable>: Sendable, Equatable {
        public var key: String
        public var from: Value?
        public var to: Value?
        public var change: Change
    }

    public var from: Side
    public var to: Side
    /// Per dataset name: the version used on each side.
    public var data: [Entry<DatasetVersion>]
    public var params: [Entry<String>]
    public var metrics: [Entry<Double>]
    /// True when code version, source or manifest differ.
    public var codeChanged: Bool

    public init(from: Side, to: Side) {
        self.from = from
        self.to = to
        data = Self.diff(Dictionary(from.inputs.map { ($0.datasetName, $0) }, uniquingKeysWith: { a, b in a.number >= b.number ? a : b }),
                         Dictionary(to.inputs.map { ($0.datasetName, $0) }, uniquingKeysWith: { a, b in a.number >= b.number ? a : b }))
        params = Self.diff(from.params, to.params)
        metrics = Self.diff(from.metrics, to.metrics)
        codeChanged = from.codeVersion != to.codeVersion || from.version.source != to.version.source
            || from.version.manifestDigest != to.version.manifestDigest
    }

    static func diff<V: Sendable & Equatable>(_ old: [String: V], _ new: [String: V]) -> [Entry<V>] {
        Set(old.keys).union(new.keys).sorted().map { key in
            let change: Change = switch (old[key], new[key]) {
            case (nil, _): .added
            case (_, nil): .removed
            case let (a?, b?): a == b ? .unchanged : .changed
            }
            return Entry(key: key, from: old[key], to: new[key], change: change)
        }
    }
}
