import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// Downstream lineage can list tens of thousands of runs and versions; Foundation's `JSONEncoder`
/// took most of the response time there, so the two long arrays are written directly (same
/// fields, same sorted key order as `JSONResponse`).
extension DownstreamBody {
    func response() throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let datasetVersion = String(decoding: try encoder.encode(self.datasetVersion), as: UTF8.self)
        func optional(_ text: String?) -> MLflowJSON { text.map(MLflowJSON.string) ?? .null }
        let runs = MLflowJSON.array(self.runs.map { body in
            let run = body.run
            return .object([
                ("code_version", optional(run.codeVersion)),
                ("end_time", optional(run.endTime.map { Timestamp.format(Timestamp.date(milliseconds: $0)) })),
                ("experiment_id", .string(run.experimentID)), ("name", .string(run.name)), ("run_id", .string(run.id)),
                ("start_time", .string(Timestamp.format(Timestamp.date(milliseconds: run.startTime)))),
                ("status", .string(run.status)), ("user_id", .string(run.userID)),
            ])
        })
        let versions = MLflowJSON.array(modelVersions.map { version in
            .object([
                ("aliases", .array(version.aliases.map(MLflowJSON.string))),
                ("consumers", .array(version.consumers.map { consumer in
                    .object([("consumer", .string(consumer.consumer)), ("count", .int(consumer.count)), ("last_seen", .string(consumer.lastSeen))])
                })),
                ("model", .string(version.model)), ("run_id", .string(version.runID)), ("status", .string(version.status)),
                ("version", .int(Int64(version.version))),
            ])
        })
        var buffer = ByteBuffer(string: "{\"dataset_version\":" + datasetVersion + ",\"model_versions\":")
        buffer.writeBytes(versions.bytes)
        buffer.writeString(",\"runs\":")
        buffer.writeBytes(runs.bytes)
        buffer.writeString("}")
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}
