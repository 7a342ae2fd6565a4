import Foundation
import OpenAPIRuntime

/// Reading free-form JSON (model cards, input and output schemas) from files named on the command line.
enum JSONFile {
    /// Any JSON value from `path`.
    /// - Throws: ``CLIFailure/usage(_:)`` when the file cannot be read or is not JSON.
    static func value(at path: String, option: String) throws -> OpenAPIValueContainer {
        try decode(OpenAPIValueContainer.self, at: path, option: option)
    }

    /// A JSON object from `path`.
    /// - Throws: ``CLIFailure/usage(_:)`` when the file cannot be read or is not a JSON object.
    static func object(at path: String, option: String) throws -> OpenAPIObjectContainer {
        try decode(OpenAPIObjectContainer.self, at: path, option: option)
    }

    private static func decode<Value: Decodable>(_ type: Value.Type, at path: String, option: String) throws -> Value {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure.usage("\(option): cannot read '\(path)': \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch {
            let expected = Value.self == OpenAPIObjectContainer.self ? "a JSON object" : "JSON"
            throw CLIFailure.usage("\(option): '\(path)' is not \(expected)")
        }
    }
}
