import Foundation
import Hummingbird
import NIOCore
import StewardCore
@testable import StewardServer
import Testing

/// The byte writer behind downstream lineage must say exactly what `JSONEncoder` says for the same
/// `DownstreamBody` (the reference encoding of the OpenAPI schema), hostile text included.
@Suite("Downstream lineage writer")
struct WireLineageFastTests {
    @Test func matchesTheEncodableReference() throws {
        let hostile = "quote \" back\\slash\nline \u{01} \u{2028} é 日本 </script>"
        let dataset = DatasetVersion(id: "dv", datasetID: "d", datasetName: hostile, number: 3, uri: "s3://a/b", digest: "md5:1",
                                     tags: ["k": hostile], createdBy: "admin", createdAt: Date(timeIntervalSince1970: 1_795_000_000.123))
        let runs = [
            LineageRun(id: "r1", name: hostile, experimentID: "0", status: "FINISHED", userID: "u", startTime: -1_500, endTime: nil, codeVersion: nil),
            LineageRun(id: "r2", name: "n", experimentID: "7", status: "RUNNING", userID: hostile, startTime: 1_795_000_000_999,
                       endTime: 253_402_300_799_999, codeVersion: "abc"),
        ]
        let versions = [
            DownstreamVersion(versionID: "v1", model: hostile, number: 1, status: "ready", runID: "r1"),
            DownstreamVersion(versionID: "v2", model: "m", number: 12, status: "pending", runID: "r2", aliases: ["a", hostile],
                              consumers: [ConsumerUse(consumerID: "c", consumerName: hostile, count: 9_000_000_000, lastSeen: Date(timeIntervalSince1970: 0)),
                                          ConsumerUse(consumerID: "d", consumerName: "d", count: 1, lastSeen: Date(timeIntervalSince1970: 86_400.5))]),
        ]
        let lineage = DownstreamLineage(datasetVersion: dataset, runs: runs, versions: versions)
        let fast = try JSONSerialization.jsonObject(with: Data(try DownstreamBody.bytes(lineage)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let reference = try JSONSerialization.jsonObject(with: encoder.encode(DownstreamBody(lineage)))
        #expect((fast as? NSDictionary) == (reference as? NSDictionary))
    }

    /// The byte-level RFC 3339 writer agrees with Foundation's formatter across eras and edges (after
    /// 1582: Foundation switches to the Julian calendar before it, RFC 3339 stays Gregorian), and
    /// whole milliseconds survive the trip through `Date`.
    @Test func timestampsMatchFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for ms: Int64 in [0, 1, 999, 1_000, -1, -1_000, -86_400_001, 951_782_400_000, 1_795_000_000_123, 253_402_300_799_999, -11_676_096_000_001] {
            let date = Timestamp.date(milliseconds: ms)
            #expect(Timestamp.format(date) == formatter.string(from: date), "\(ms)")
            #expect(Timestamp.milliseconds(date) == ms)
        }
    }
}
