import Foundation
import Testing
@testable import StewardMonitoring

/// CSV and NDJSON loading: quoting, typing rules, parallel parts, clear errors.
@Suite struct TableLoaderTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "steward-m2-\(UUID().uuidString)-\(name)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func fixturesLoadWithEvidentlyTyping() throws {
        let csv = try TableLoader.loadPair(reference: FixtureLoading.url("drift_ref.csv").path, current: FixtureLoading.url("drift_cur.csv").path)
        let json = try TableLoader.loadPair(reference: FixtureLoading.url("drift_ref.ndjson").path, current: FixtureLoading.url("drift_cur.ndjson").path)
        for pair in [csv, json] {
            #expect(pair.reference.map(\.name) == ["x", "y", "grade", "flag", "pred"])
            #expect(pair.reference.map(\.kind) == [.numeric, .numeric, .categorical, .categorical, .numeric])
            #expect(pair.skipped.map(\.name) == ["note"])
            #expect(pair.reference[0].count == 300 && pair.current[0].count == 400)
        }
        #expect(csv.reference[0] == json.reference[0] && csv.current[2].count == json.current[2].count)
    }

    @Test func quotingNumbersAndMissingCells() throws {
        let text = "a,\"b, quoted\",c\r\n1.5,\"x \"\"y\"\"\",7\n,\"multi\nline\",8\n2e-3,,9\n1e400,z,NaN\n"
        let path = try Self.write(text, "q.csv")
        let pair = try TableLoader.loadPair(reference: path, current: path)
        #expect(pair.reference.map(\.name) == ["a", "b, quoted", "c"])
        guard case .numeric(let a) = pair.reference[0].values, case .categorical(let codes, let names) = pair.reference[1].values,
              case .numeric(let c) = pair.reference[2].values else { Issue.record("types"); return }
        #expect(a[0] == 1.5 && a[1].isNaN && a[2] == 0.002 && a[3] == .infinity)
        #expect(codes.map { $0 == Column.missingCode ? "-" : names[Int($0)] } == ["x \"y\"", "multi\nline", "-", "z"])
        #expect(c[0] == 7 && c[3].isNaN)
    }

    @Test func numberParsingIsCorrectlyRounded() throws {
        let samples = ["0.1", "-2.5e-3", "123456789012345678", "1.7976931348623157e308", "4.9e-324", "0.30000000000000004", "9007199254740993", "1e23", "-0"]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let parsed = bytes.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, 0, $0.count) }
            guard case .number(let value, _) = parsed else { Issue.record("\(sample)"); continue }
            #expect(value.bitPattern == Double(sample)!.bitPattern, "\(sample)")
        }
    }

    @Test func parallelPartsGiveTheSameColumns() throws {
        var text = "v,k\n"
        for i in 0..<400_000 { text += "\(Double(i % 997) / 8),k\(i % 13)\n" }
        let path = try Self.write(text, "big.csv")
        let parallel = try TableLoader.loadPair(reference: path, current: path, parallelism: 3)
        let serial = try TableLoader.loadPair(reference: path, current: path, parallelism: 1)
        #expect(parallel.reference == serial.reference)
        #expect(parallel.reference[0].count == 400_000)
    }

    @Test func raggedRowsAndMissingFilesAreClearErrors() throws {
        let ragged = try FixtureLoading.url("ragged.csv").path
        #expect(throws: TabularError(file: ragged, line: 3, message: "row has 2 fields, the header has 3")) {
            try TableLoader.loadPair(reference: ragged, current: ragged)
        }
        #expect(throws: TabularError.self) { try TableLoader.loadPair(reference: "/nonexistent.csv", current: ragged) }
        let late = try Self.write("n\n" + String(repeating: "1\n", count: 600_000) + "oops\n", "late.csv")
        let pair = try TableLoader.loadPair(reference: late, current: late)
        #expect(pair.reference[0].kind == .categorical)  // a late non-number makes the column text-typed
    }
}
