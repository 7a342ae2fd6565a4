import Foundation
import Testing

/// Reads the committed JSON fixtures (written by Fixtures/make_fixtures.py) from the test bundle.
enum FixtureLoading {
    static func json(_ name: String) throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    static func url(_ file: String) throws -> URL {
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        return try #require(Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "Fixtures"))
    }

    /// A sample written out in the fixture, or regenerated from its "modular" description with the
    /// same IEEE operations the Python script used.
    static func sample(_ spec: [String: Any]) -> [Double] {
        if let values = spec["values"] as? [Double] { return values }
        let m = spec["modular"] as! [String: Any]
        let n = m["n"] as! Int, mult = m["mult"] as! Int, mod = m["mod"] as! Int
        let scale = (m["scale"] as! NSNumber).doubleValue, offset = (m["offset"] as! NSNumber).doubleValue
        return (0..<n).map { Double((($0 * mult) % mod)) / Double(mod) * scale + offset }
    }

    /// |a − b| ≤ relative·|b| + absolute.
    static func close(_ a: Double?, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-300) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= relative * abs(b) + absolute
    }
}
