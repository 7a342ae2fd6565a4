import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// Downstream lineage can list tens of thousands of runs and versions, so its two long arrays are
/// written straight from the domain value as bytes (same fields, same sorted key order as
/// `JSONResponse`): building `JSONEncoder` or `MLflowJSON` trees first took most of the response time.
extension DownstreamBody {
    static func response(_ lineage: DownstreamLineage) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try bytes(lineage))))
    }

    /// The reply's JSON text as UTF-8.
    static func bytes(_ lineage: DownstreamLineage) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = JSONByteWriter(capacity: 64 + lineage.versions.count * 120 + lineage.runs.count * 260)
        out.raw("{\"dataset_version\":")
        out.raw(bytes: Array(try encoder.encode(DatasetVersionBody(version: lineage.datasetVersion))))
        out.raw(",\"model_versions\":[")
        for (index, version) in lineage.versions.enumerated() {
            out.raw(index == 0 ? "{" : ",{")
            out.key("aliases")
            out.raw("[")
            for (position, alias) in version.aliases.enumerated() {
                if position > 0 { out.raw(",") }
                out.string(alias)
            }
            out.raw("],\"consumers\":[")
            for (position, consumer) in version.consumers.enumerated() {
                out.raw(position == 0 ? "{" : ",{")
                out.key("consumer")
                out.string(consumer.consumerName)
                out.raw(",\"count\":")
                out.int(consumer.count)
                out.raw(",\"last_seen\":")
                out.timestamp(milliseconds: Timestamp.milliseconds(consumer.lastSeen))
                out.raw("}")
            }
            out.raw("],\"model\":")
            out.string(version.model)
            out.raw(",\"run_id\":")
            out.string(version.runID)
            out.raw(",\"status\":")
            out.string(version.status)
            out.raw(",\"version\":")
            out.int(Int64(version.number))
            out.raw("}")
        }
        out.raw("],\"runs\":[")
        for (index, run) in lineage.runs.enumerated() {
            out.raw(index == 0 ? "{" : ",{")
            out.key("code_version")
            out.string(run.codeVersion)
            out.raw(",\"end_time\":")
            if let end = run.endTime { out.timestamp(milliseconds: end) } else { out.null() }
            out.raw(",\"experiment_id\":")
            out.string(run.experimentID)
            out.raw(",\"name\":")
            out.string(run.name)
            out.raw(",\"run_id\":")
            out.string(run.id)
            out.raw(",\"start_time\":")
            out.timestamp(milliseconds: run.startTime)
            out.raw(",\"status\":")
            out.string(run.status)
            out.raw(",\"user_id\":")
            out.string(run.userID)
            out.raw("}")
        }
        out.raw("]}")
        return out.bytes
    }
}
