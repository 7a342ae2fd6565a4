import Foundation
import StewardCore

extension MLflowWire {
    /// A model version; `tracking` supplies the stage, source run and link.
    static func modelVersion(_ v: ModelVersion, _ tracking: VersionTracking?) -> MLflowJSON {
        .written(.init { out in write(v, tracking, to: &out) })
    }

    /// A registered model with its latest version per stage.
    static func registeredModel(_ m: RegisteredModel, latest: [ModelVersion], tracking: [String: VersionTracking]) -> MLflowJSON {
        .written(.init { out in
            out.raw("{\"name\":")
            out.string(m.name)
            out.raw(",\"creation_timestamp\":")
            out.int(Timestamp.milliseconds(m.createdAt))
            out.raw(",\"last_updated_timestamp\":")
            out.int(Timestamp.milliseconds(m.updatedAt))
            out.raw(",\"description\":")
            out.string(m.description)
            out.raw(",\"latest_versions\":[")
            for (index, version) in latest.enumerated() {
                if index > 0 { out.raw(",") }
                write(version, tracking[version.id], to: &out)
            }
            out.raw("],\"tags\":")
            out.keyValues(m.tags)
            out.raw(",\"aliases\":[")
            for (index, alias) in m.aliases.sorted(by: { $0.key < $1.key }).enumerated() {
                out.raw(index == 0 ? "{\"alias\":" : ",{\"alias\":")
                out.string(alias.key)
                out.raw(",\"version\":")
                out.string(String(alias.value))
                out.raw("}")
            }
            out.raw("]}")
        })
    }

    /// Writes MLflow's `ModelVersion` message; fields without a value (`run_id`, `run_link`) are omitted.
    private static func write(_ v: ModelVersion, _ tracking: VersionTracking?, to out: inout JSONByteWriter) {
        out.raw("{\"name\":")
        out.string(v.modelName)
        out.raw(",\"version\":")
        out.string(String(v.number))
        out.raw(",\"creation_timestamp\":")
        out.int(Timestamp.milliseconds(v.createdAt))
        out.raw(",\"last_updated_timestamp\":")
        out.int(Timestamp.milliseconds(v.updatedAt))
        out.raw(",\"user_id\":")
        out.string(v.createdBy)
        out.raw(",\"current_stage\":")
        out.string((tracking?.stage ?? .none).rawValue)
        out.raw(",\"description\":")
        out.string(v.description)
        out.raw(",\"source\":")
        out.string(v.source ?? "")
        if let runID = tracking?.runID {
            out.raw(",\"run_id\":")
            out.string(runID)
        }
        out.raw(",\"status\":")
        switch v.status {
        case .ready: out.raw("\"READY\"")
        case .pending: out.raw("\"PENDING_REGISTRATION\"")
        case .failed: out.raw("\"FAILED_REGISTRATION\"")
        }
        out.raw(",\"tags\":")
        out.keyValues(v.tagsShowingTaint)
        if let link = tracking?.runLink {
            out.raw(",\"run_link\":")
            out.string(link)
        }
        out.raw(",\"aliases\":[")
        for (index, alias) in v.aliases.sorted().enumerated() {
            if index > 0 { out.raw(",") }
            out.string(alias)
        }
        out.raw("]}")
    }
}

extension JSONByteWriter {
    /// `[{"key":…,"value":…}]`, sorted by key, as MLflow sends tags and params.
    mutating func keyValues(_ map: [String: String]) {
        raw("[")
        for (index, pair) in map.sorted(by: { $0.key < $1.key }).enumerated() {
            raw(index == 0 ? "{\"key\":" : ",{\"key\":")
            string(pair.key)
            raw(",\"value\":")
            string(pair.value)
            raw("}")
        }
        raw("]")
    }
}
