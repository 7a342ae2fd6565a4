import Foundation

/// Where a version is in its upload life.
public enum VersionStatus: String, Sendable, Equatable, CaseIterable, Codable {
    /// Created; files may be uploaded, replaced and deleted.
    case pending
    /// Sealed: the manifest and its digest are frozen forever.
    case ready
    /// Upload abandoned or failed; kept for the record.
    case failed
}

/// One immutable (once sealed) version of a registered model.
public struct ModelVersion: Sendable, Equatable {
    public var id: String
    public var modelID: String
    /// The model's current name (joined in when read).
    public var modelName: String
    /// Monotonic per model, never reused.
    public var number: Int
    public var status: VersionStatus
    public var description: String
    public var tags: [String: String]
    public var params: [String: String]
    public var metrics: [String: Double]
    public var inputSchema: JSONValue?
    public var outputSchema: JSONValue?
    /// Free-form URI of where the version came from (a run, a pipeline, a URL).
    public var source: String?
    /// SHA-256 (hex) of the canonical manifest; set when sealed.
    public var manifestDigest: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var sealedAt: Date?
    public var revision: Int
    /// Files in path order (filled by readers that load them).
    public var files: [FileEntry]
    /// Names of aliases that point at this version (filled by readers that load them).
    public var aliases: [String]
    /// Flagged dataset versions upstream of this version (filled by readers that load details);
    /// empty when the version is clean. See `TaintRule`.
    public var taints: [VersionTaint] = []
    /// Deprecation, legal hold and retirement (issue 6; filled by readers that load details).
    public var lifecycleState = VersionLifecycleState()

    public init(id: String, modelID: String, modelName: String, number: Int, status: VersionStatus = .pending,
                description: String = "", tags: [String: String] = [:], params: [String: String] = [:],
                metrics: [String: Double] = [:], inputSchema: JSONValue? = nil, outputSchema: JSONValue? = nil,
                source: String? = nil, manifestDigest: String? = nil, createdBy: String, createdAt: Date,
                updatedAt: Date, sealedAt: Date? = nil, revision: Int = 1, files: [FileEntry] = [],
                aliases: [String] = []) {
        self.id = id
        self.modelID = modelID
        self.modelName = modelName
        self.number = number
        self.status = status
        self.description = description
        self.tags = tags
        self.params = params
        self.metrics = metrics
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.source = source
        self.manifestDigest = manifestDigest
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sealedAt = sealedAt
        self.revision = revision
        self.files = files
        self.aliases = aliases
    }

    /// True once finalized: files and manifest can no longer change.
    public var isSealed: Bool { status != .pending }

    /// Strong entity tag: the manifest digest once sealed (content never changes), else the revision.
    public var etag: String { "\"v\(revision)\"" }
}

/// The fields a caller supplies to create a version.
public struct VersionDraft: Sendable, Equatable {
    public var description: String = ""
    public var tags: [String: String] = [:]
    public var params: [String: String] = [:]
    public var metrics: [String: Double] = [:]
    public var inputSchema: JSONValue?
    public var outputSchema: JSONValue?
    public var source: String?

    public init(description: String = "", tags: [String: String] = [:], params: [String: String] = [:],
                metrics: [String: Double] = [:], inputSchema: JSONValue? = nil, outputSchema: JSONValue? = nil,
                source: String? = nil) {
        self.description = description
        self.tags = tags
        self.params = params
        self.metrics = metrics
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.source = source
    }
}

/// A partial update of a version. After sealing only `description` and `tags` may change.
public struct VersionPatch: Sendable, Equatable {
    public var description: String?
    public var tags: [String: String?]?
    public var params: [String: String]?
    public var metrics: [String: Double]?
    public var inputSchema: JSONValue?
    public var outputSchema: JSONValue?
    public var source: String?

    public init(description: String? = nil, tags: [String: String?]? = nil, params: [String: String]? = nil,
                metrics: [String: Double]? = nil, inputSchema: JSONValue? = nil, outputSchema: JSONValue? = nil,
                source: String? = nil) {
        self.description = description
        self.tags = tags
        self.params = params
        self.metrics = metrics
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.source = source
    }

    /// True when the patch touches something frozen by sealing.
    public var touchesSealedFields: Bool {
        params != nil || metrics != nil || inputSchema != nil || outputSchema != nil || source != nil
    }
}
