import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    static let lifecycleColumns = """
        version_id, reason, replacement, sunset_at, deprecated_at, deprecated_by, hold_reason, held_by, held_at, retired_at, retired_by
        """
    /// The same columns from a join with `version_lifecycle l` (`version_id` is NULL for a version
    /// without lifecycle facts; `versions` has no column of that name).
    static let joinedLifecycleColumns = lifecycleColumns.split(separator: ",")
        .map { "l." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    /// The lifecycle facts of a batch of versions (absent ids are plain active versions).
    func versionLifecycles(versionIDs: [String]) async throws -> [String: VersionLifecycleState] {
        var result: [String: VersionLifecycleState] = [:]
        for chunk in SQLRetentionAccess.chunks(versionIDs) {
            for row in try await db.raw("""
                SELECT \(unsafeRaw: Self.lifecycleColumns) FROM version_lifecycle WHERE version_id IN (\(binds: Array(chunk)))
                """).all() {
                result[try row.string("version_id")] = try Self.decodeLifecycle(row)
            }
        }
        return result
    }

    static func decodeLifecycle(_ row: any SQLRow) throws -> VersionLifecycleState {
        var state = VersionLifecycleState()
        if let sunset = try row.optionalDate("sunset_at") {
            state.deprecation = VersionDeprecation(reason: try row.optionalString("reason") ?? "", replacement: Int(try row.optionalInt64("replacement") ?? 0),
                                                   sunsetAt: sunset, deprecatedAt: try row.optionalDate("deprecated_at") ?? sunset,
                                                   deprecatedBy: try row.optionalString("deprecated_by") ?? "")
        }
        if let heldAt = try row.optionalDate("held_at") {
            state.legalHold = LegalHold(reason: try row.optionalString("hold_reason") ?? "", heldBy: try row.optionalString("held_by") ?? "", heldAt: heldAt)
        }
        state.retiredAt = try row.optionalDate("retired_at")
        state.retiredBy = try row.optionalString("retired_by")
        return state
    }
}
