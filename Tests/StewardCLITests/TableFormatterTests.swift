import Foundation
import Testing

@testable import StewardCLI

@Suite("Table formatting")
struct TableFormatterTests {
    @Test("columns align to the widest cell and lines carry no trailing spaces")
    func alignsColumns() {
        let table = TableFormatter(
            headers: ["NAME", "LATEST", "DESCRIPTION"],
            rows: [["fraud-detector", "3", "Scores card payments"], ["churn", "-", ""]])
        #expect(
            table.render() == """
                NAME             LATEST   DESCRIPTION
                fraud-detector   3        Scores card payments
                churn            -
                """)
    }

    @Test("short rows are padded and a row longer than the header adds a column")
    func raggedRows() {
        let table = TableFormatter(headers: ["A", "B"], rows: [["1"], ["22", "x", "extra"]], spacing: 1)
        #expect(table.render() == "A  B\n1\n22 x extra")
    }

    @Test("line breaks and tabs in cells cannot break the layout; control characters are dropped")
    func cellsStayOnOneLine() {
        let table = TableFormatter(headers: ["K", "V"], rows: [["a\nb", "c\td\u{7}e"]], spacing: 1)
        #expect(table.render() == "K   V\na b c de")
    }

    @Test("a table without headers renders only its rows, and an empty table renders nothing")
    func headerless() {
        #expect(TableFormatter(rows: [["x", "y"]]).render() == "x   y")
        #expect(TableFormatter().render() == "")
        #expect(TableFormatter(headers: ["ONLY"]).render() == "ONLY")
    }

    @Test("details lists key/value pairs with aligned values")
    func details() {
        #expect(TableFormatter.details([("Name", "fraud"), ("Latest version", "3")]) == "Name:            fraud\nLatest version:  3")
    }

    @Test("truncate cuts to the width with an ellipsis and leaves short text alone")
    func truncate() {
        #expect(TableFormatter.truncate("abcdef", to: 4) == "abc…")
        #expect(TableFormatter.truncate("abc", to: 4) == "abc")
        #expect(TableFormatter.truncate("abcd", to: 4) == "abcd")
    }
}

@Suite("key=value options")
struct KeyValueArgumentTests {
    @Test("splits at the first '=' and keeps the rest of the value", arguments: [
        ("team=risk", "team", "risk"),
        ("query=a=b", "query", "a=b"),
        ("empty=", "empty", ""),
        ("spaced key= value ", "spaced key", " value "),
    ])
    func parses(argument: String, key: String, value: String) {
        #expect(KeyValueArgument(argument: argument) == KeyValueArgument(key: key, value: value))
    }

    @Test("rejects arguments without '=' or with an empty key", arguments: ["team", "=risk", ""])
    func rejects(argument: String) {
        #expect(KeyValueArgument(argument: argument) == nil)
    }

    @Test("metrics need a finite number")
    func metrics() {
        #expect(MetricArgument(argument: "auc=0.93") == MetricArgument(key: "auc", value: 0.93))
        #expect(MetricArgument(argument: "loss=-1e-3") == MetricArgument(key: "loss", value: -0.001))
        #expect(MetricArgument(argument: "auc=high") == nil)
        #expect(MetricArgument(argument: "auc=nan") == nil)
        #expect(MetricArgument(argument: "auc=inf") == nil)
        #expect(MetricArgument(argument: "auc") == nil)
    }

    @Test("a repeated key keeps its last value")
    func lastValueWins() {
        let pairs = ["a=1", "b=2", "a=3"].compactMap(KeyValueArgument.init(argument:))
        #expect(pairs.dictionary() == ["a": "3", "b": "2"])
    }

    @Test("--tag and --remove-tag build a merge patch with null for removed keys")
    func mergePatchOfTags() throws {
        let patch = try mergePatch(set: [KeyValueArgument(key: "team", value: "risk")], remove: ["stale"])
        let expected: [String: String?] = ["team": "risk", "stale": nil]
        #expect(patch == expected)
        let json = try JSONEncoder().encode(patch)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["stale"] is NSNull)
    }

    @Test("a key both set and removed is a usage error")
    func conflictingTagEdits() {
        #expect(throws: CLIFailure.usage("tag 'team' is both set and removed")) {
            try mergePatch(set: [KeyValueArgument(key: "team", value: "risk")], remove: ["team"])
        }
    }
}
