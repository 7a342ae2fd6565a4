import Foundation

/// An artifact upload in parts (MLflow's proxied multipart upload): the client asks for one, sends
/// its parts in parallel (each becomes a blob), then completes it, and the parts, in order, become
/// the artifact at `path`. Only the principal who started an upload may add to, complete or abort it.
public struct MultipartUpload: Sendable, Equatable {
    public var id: String
    /// The artifact path the completed file gets.
    public var path: String
    public var numParts: Int
    public var createdBy: String
    public var createdAt: Date

    public init(id: String, path: String, numParts: Int, createdBy: String, createdAt: Date) {
        self.id = id
        self.path = path
        self.numParts = numParts
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Most parts an upload may have (S3's limit, which MLflow's client is written against).
    public static let maxParts = 10_000
    /// How long an upload stays open: its parts are then garbage, and the upload can no longer be completed.
    public static let lifetime: TimeInterval = 24 * 3600
}

/// One received part of a multipart upload; its ETag is the blob's digest.
public struct UploadPart: Sendable, Equatable {
    public var number: Int
    public var sha256: String
    public var size: Int64

    public init(number: Int, sha256: String, size: Int64) {
        self.number = number
        self.sha256 = sha256
        self.size = size
    }
}
