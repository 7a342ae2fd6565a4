import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// Reading ingest bodies: JSON or NDJSON, within the request's body limit (the same limit JSON
/// bodies have, `--max-json-body-bytes`), so a batch never holds more than that in memory.
enum MonitoringBody {
    /// Whether the body is NDJSON (`application/x-ndjson`, `application/jsonl`), JSON otherwise;
    /// any other declared type is a 415.
    static func isNDJSON(_ request: Request) throws -> Bool {
        guard let type = request.headers[.contentType]?.lowercased() else { return false }
        if type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/jsonl") || type.hasPrefix("application/ndjson") { return true }
        if type.hasPrefix("application/json") { return false }
        throw DomainError(.unsupportedMedia, code: "unsupported_media_type",
                          "Send a JSON batch (application/json) or NDJSON (application/x-ndjson).")
    }

    /// The body's bytes, refused with 413 once it passes the limit (reading stops there).
    static func bytes(_ request: Request, context: StewardRequestContext) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            guard bytes.count + chunk.readableBytes <= context.maxUploadSize else {
                throw DomainError(.tooLarge, code: "payload_too_large",
                                  "The batch is larger than \(context.maxUploadSize) bytes; send smaller batches.")
            }
            chunk.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        }
        guard !bytes.isEmpty else { throw DomainError(.invalid, code: "invalid_batch", "The request body is empty; a batch of rows is required.") }
        return bytes
    }
}

/// The answer to an ingest call.
struct IngestResultBody: Encodable {
    let model: String
    let version: Int
    let alias: String?
    let accepted: Int
    let rejected: [String: Int]
    let rejectedTotal: Int
    let labelsJoined: Int
    let windows: [String]

    init(_ result: IngestResult) {
        model = result.model
        version = result.version
        alias = result.alias
        accepted = result.accepted
        rejected = result.rejected
        rejectedTotal = result.rejected.values.reduce(0, +)
        labelsJoined = result.labelsJoined
        windows = result.windows.map { Timestamp.format(Timestamp.date(milliseconds: $0)) }
    }

    enum CodingKeys: String, CodingKey {
        case model, version, alias, accepted, rejected, rejectedTotal = "rejected_total", labelsJoined = "labels_joined", windows
    }
}

/// The answer to a labels call.
struct LabelResultBody: Encodable {
    let model: String
    let version: Int
    let received: Int
    let joined: Int
    let pending: Int

    init(_ result: LabelResult) {
        (model, version, received, joined, pending) = (result.model, result.version, result.received, result.joined, result.pending)
    }
}
