import Foundation
import StewardCore

extension MLflowWire {
    /// A model version; `tracking` supplies the stage, source run and link.
    static func modelVersion(_ v: ModelVersion, _ tracking: VersionTracking?) -> MLflowJSON {
        let status = switch v.status {
        case .ready: "READY"
        case .pending: "PENDING_REGISTRATION"
        case .failed: "FAILED_REGISTRATION"
        }
        return .object([
            ("name", .string(v.modelName)), ("version", .string(String(v.number))),
            ("creation_timestamp", .int(Timestamp.milliseconds(v.createdAt))),
            ("last_updated_timestamp", .int(Timestamp.milliseconds(v.updatedAt))),
            ("user_id", .string(v.createdBy)),
            ("current_stage", .string((tracking?.stage ?? .none).rawValue)), ("description", .string(v.description)),
            ("source", .string(v.source ?? "")), ("run_id", tracking?.runID.map(MLflowJSON.string)),
            ("status", .string(status)), ("tags", .keyValues(v.tagsShowingTaint)),
            ("run_link", tracking?.runLink.map(MLflowJSON.string)),
            ("aliases", .array(v.aliases.sorted().map(MLflowJSON.string))),
        ])
    }

    static func registeredModel(_ m: RegisteredModel, latest: [ModelVersion], tracking: [String: VersionTracking]) -> MLflowJSON {
        .object([
            ("name", .string(m.name)), ("creation_timestamp", .int(Timestamp.milliseconds(m.createdAt))),
            ("last_updated_timestamp", .int(Timestamp.milliseconds(m.updatedAt))), ("description", .string(m.description)),
            ("latest_versions", .array(latest.map { modelVersion($0, tracking[$0.id]) })),
            ("tags", .keyValues(m.tags)),
            ("aliases", .array(m.aliases.sorted { $0.key < $1.key }.map {
                .object([("alias", .string($0.key)), ("version", .string(String($0.value)))])
            })),
        ])
    }
}
