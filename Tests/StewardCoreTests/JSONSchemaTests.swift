import Foundation
import StewardCore
import Testing

@Suite("JSON Schema subset")
struct JSONSchemaTests {
    let schema: JSONSchema = try! JSONSchema([
        "type": "object", "required": ["lr", "layers"], "additionalProperties": false,
        "properties": [
            "lr": ["type": "number", "minimum": 0, "maximum": 1],
            "layers": ["type": "integer", "minimum": 1],
            "optimizer": ["enum": ["adam", "sgd"]],
            "tags": ["type": "array", "items": ["type": "string"]],
            "nested": ["type": ["object", "null"], "properties": ["on": ["type": "boolean"]]],
        ],
    ])

    @Test func acceptsValidDocuments() {
        #expect(schema.violations(of: ["lr": .number(0.5), "layers": 3, "optimizer": "adam", "tags": ["a"], "nested": ["on": true]]).isEmpty)
        #expect(schema.violations(of: ["lr": 1, "layers": 1, "nested": .null]).isEmpty)
    }

    @Test func reportsEveryViolationWithItsPath() {
        let found = schema.violations(of: ["lr": 2, "layers": .number(1.5), "optimizer": "rmsprop", "tags": ["a", 3], "extra": true, "nested": ["on": "yes"]])
        #expect(found.map(\.description) == [
            "$.extra: is not allowed",
            "$.layers: must be of type integer",
            "$.lr: must be at most 1",
            "$.nested.on: must be of type boolean",
            #"$.optimizer: must be one of "adam", "sgd""#,
            "$.tags[1]: must be of type string",
        ])
        #expect(schema.violations(of: ["lr": .number(0.1)]).map(\.description) == ["$.layers: is required"])
        #expect(schema.violations(of: "text").map(\.description) == ["$: must be of type object"])
    }

    @Test func coercesStringsForParameters() {
        #expect(schema.violations(of: ["lr": "0.3", "layers": "4", "optimizer": "sgd"], coercingStrings: true).isEmpty)
        #expect(schema.violations(of: ["lr": "fast", "layers": "4.5"], coercingStrings: true).map(\.description)
                == ["$.layers: must be of type integer", "$.lr: must be of type number"])
        #expect(schema.violations(of: ["lr": "3", "layers": "0"], coercingStrings: true).map(\.description)
                == ["$.layers: must be at least 1", "$.lr: must be at most 1"])
        #expect(!schema.violations(of: ["lr": "0.3", "layers": "4"]).isEmpty) // no coercion by default
    }

    @Test func refusesKeywordsOutsideTheSubset() {
        #expect(throws: DomainError.self) { try JSONSchema(["type": "string", "pattern": "^a"]) }
        #expect(throws: DomainError.self) { try JSONSchema(["type": "strin"]) }
        #expect(throws: DomainError.self) { try JSONSchema(["properties": ["a": ["oneOf": []]]]) }
        #expect(throws: DomainError.self) { try JSONSchema(["minimum": "1"]) }
        #expect(throws: DomainError.self) { try JSONSchema(["required": [1]]) }
        #expect(throws: DomainError.self) { try JSONSchema("object") }
        let error = #expect(throws: DomainError.self) { try JSONSchema(["items": ["$ref": "#/x"]], field: "params_schema") }
        #expect(error?.fieldErrors.map(\.field) == ["params_schema.items.$ref"])
        #expect(throws: Never.self) { try JSONSchema(["title": "t", "description": "d", "$schema": "x", "default": 1, "type": "integer"]) }
    }
}
