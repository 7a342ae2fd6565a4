import Foundation
import StewardAPI
import Testing

@testable import StewardCLI

@Suite("Output")
struct OutputTests {
    @Test("timestamps parse with or without milliseconds and print with milliseconds in UTC")
    func timestamps() throws {
        let withMilliseconds = try Timestamp.parse("2026-11-28T15:03:20.123Z")
        let withoutMilliseconds = try Timestamp.parse("2026-11-28T15:03:20Z")
        #expect(abs(withMilliseconds.timeIntervalSince(withoutMilliseconds) - 0.123) < 0.0005)
        #expect(Timestamp.format(withMilliseconds) == "2026-11-28T15:03:20.123Z")
        #expect(Timestamp.format(withoutMilliseconds) == "2026-11-28T15:03:20.000Z")
        #expect(throws: (any Error).self) { try Timestamp.parse("yesterday") }
    }

    @Test("--format json uses the API's snake_case names, sorted keys and RFC 3339 timestamps")
    func jsonUsesWireNames() throws {
        let date = try Timestamp.parse("2026-11-28T15:03:20.123Z")
        let alias = Components.Schemas.Alias(
            alias: "production", model: "fraud", version: 3, updatedAt: date, updatedBy: "alice")
        #expect(
            try JSONOutput.string(alias) == """
                {
                  "alias" : "production",
                  "model" : "fraud",
                  "updated_at" : "2026-11-28T15:03:20.123Z",
                  "updated_by" : "alice",
                  "version" : 3
                }
                """)
    }
}

@Suite("Output of absent fields")
struct NullOutputTests {
    @Test("--format json writes absent optional fields as null, at every level, and keeps timestamps")
    func absentFieldsAreNull() throws {
        let date = try Timestamp.parse("2026-11-28T15:03:20.123Z")
        let model = Components.Schemas.Model(
            name: "fraud", description: "", tags: .init(), owner: nil, task: "classification", framework: nil,
            card: .init(), latestVersion: nil, aliases: .init(), createdAt: date, updatedAt: date, createdBy: "alice")
        let text = try JSONOutput.string(Components.Schemas.ModelList(models: [model], nextPageToken: nil))
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["next_page_token"] is NSNull)
        let first = try #require((object["models"] as? [[String: Any]])?.first)
        #expect(first["owner"] is NSNull)
        #expect(first["framework"] is NSNull)
        #expect(first["latest_version"] is NSNull)
        #expect(first["task"] as? String == "classification")
        #expect(first["created_at"] as? String == "2026-11-28T15:03:20.123Z")
    }
}
