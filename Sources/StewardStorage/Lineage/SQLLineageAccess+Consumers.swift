import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    /// Every day of every consumer of one version, by the consumption table's primary key.
    func versionConsumption(versionID: String) async throws -> [ConsumptionDay] {
        try await db.raw("""
            SELECT c.consumer_id, acc.name AS consumer_name, c.day, c.count, c.last_seen
            FROM version_consumption c LEFT JOIN accounts acc ON acc.id = c.consumer_id
            WHERE c.version_id = \(bind: versionID) ORDER BY c.consumer_id, c.day
            """).all().map { row in
                let id = try row.string("consumer_id")
                return ConsumptionDay(consumerID: id, consumerName: try row.optionalString("consumer_name") ?? id, day: try row.string("day"),
                                      count: try row.int64("count"), lastSeen: try row.date("last_seen"))
            }
    }
}
