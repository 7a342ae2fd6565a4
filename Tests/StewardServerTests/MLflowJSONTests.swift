import Foundation
@testable import StewardServer
import Testing

/// The hand-written JSON writer used by the MLflow door and large native replies.
@Suite("JSON writer")
struct MLflowJSONTests {
    @Test func escapesExactlyWhatJSONNeedsAndParsesBack() throws {
        let samples = ["plain", "é ü 日本", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{01}\u{1F}",
                       "arrow → and separators \u{2028}\u{2029}", ""]
        for sample in samples {
            let text = MLflowJSON.object([("k", .string(sample)), ("n", .null), ("i", .int(-3)), ("b", .bool(true))]).text
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(parsed["k"] as? String == sample, "\(text)")
            #expect(parsed["n"] is NSNull && parsed["i"] as? Int == -3 && parsed["b"] as? Bool == true)
            #expect(!text.contains("\u{2028}") && !text.contains("\n"), "raw separators must be escaped: \(text)")
        }
        #expect(MLflowJSON.string("a\"b").text == #""a\"b""#)
    }
}
