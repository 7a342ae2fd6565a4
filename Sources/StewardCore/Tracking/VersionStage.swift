import Foundation

/// MLflow's legacy deployment stage of a model version. Steward keeps it beside the version (not in
/// it): stages are an MLflow-door concept, and moving a version into Staging or Production is a
/// promotion governed by the same policy as moving an alias.
public enum VersionStage: String, Sendable, Equatable, CaseIterable {
    case none = "None"
    case staging = "Staging"
    case production = "Production"
    case archived = "Archived"

    /// Case-insensitive parse of a stage name; throws `validation_failed` for anything else.
    public static func parse(_ text: String) throws -> VersionStage {
        guard let stage = allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw DomainError.invalidField("stage", "'\(text.prefix(40))' is not a stage (expected one of \(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return stage
    }
}

/// The tracking-side facts of a registered version: its MLflow stage, the run it came from, and the
/// artifact location its files were copied from (what `get-download-uri` returns).
public struct VersionTracking: Sendable, Equatable {
    public var versionID: String
    public var stage: VersionStage
    public var runID: String?
    public var runLink: String?
    /// `mlflow-artifacts:/…` URI of the artifact directory the version was made from.
    public var artifactURI: String?
    public var loggedModelID: String?

    public init(versionID: String, stage: VersionStage = .none, runID: String? = nil, runLink: String? = nil,
                artifactURI: String? = nil, loggedModelID: String? = nil) {
        self.versionID = versionID
        self.stage = stage
        self.runID = runID
        self.runLink = runLink
        self.artifactURI = artifactURI
        self.loggedModelID = loggedModelID
    }
}
