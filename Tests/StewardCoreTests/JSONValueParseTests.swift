import Foundation
import StewardCore
import Testing

/// The byte reader must agree with `JSONDecoder` wherever it answers, and
/// must decline (so the decoder answers) wherever it is unsure.
@Suite("JSON byte reader")
struct JSONValueParseTests {
    static let documents = [
        #"{}"#, #"{"a":"b"}"#, #" { "a" : "b" , "c":"" } "#, #"{"quote":"\"","slash":"\/","back":"\\","ctl":"\b\f\n\r\t"}"#,
        #"{"e":"é","cjk":"日本","emoji":"\ud83d\ude00","raw":"😀","nul":"\u0000","sep":"\u2028"}"#,
        #"{"n":0,"m":-0.5,"e":1e-7,"E":2.5E+10,"big":123456789012345678,"x":3.141592653589793}"#,
        #"{"card":{"summary":"s","list":[1,true,false,null,"x",[],{}]},"deep":[[[["d"]]]]}"#, #"[1,2,3]"#, #""text""#, #"42"#, #"true"#, #"null"#,
    ]
    static let invalid = [
        "", " ", "{", #"{"a":}"#, #"{"a" "b"}"#, #"{"a":"b",}"#, #"[1,]"#, "01", "1.", ".5", "-", "1e", "+1", #""\x""#, #""\u12""#,
        #""\ud83d""#, #""\ude00""#, "\"a\u{01}b\"", "tru", "nulls", #"{"a":"b"} x"#, #"{"a":1,"a":2}"#, "1e400", "NaN", #"{'a':1}"#,
    ]

    @Test func valuesMatchTheDecoder() throws {
        for text in Self.documents {
            let reference = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(JSONValue.parse(text) == reference, "\(text)")
        }
        for text in Self.invalid { #expect(JSONValue.parse(text) == nil, "\(text)") }
        for text in Self.documents { // bytes as a request body arrives
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { JSONValue.parse(utf8: $0) } == JSONValue.parse(text), "\(text)")
        }
        #expect(JSONValue(jsonText: #"{"a":1,"a":2}"#) == (try? JSONDecoder().decode(JSONValue.self, from: Data(#"{"a":1,"a":2}"#.utf8))),
                "declined documents get the decoder's answer")
    }

    @Test func flatMapsMatchTheDecoderOrDecline() throws {
        for text in Self.documents + Self.invalid {
            if let strings = JSONValue.parseStrings(text) {
                #expect(strings == (try JSONDecoder().decode([String: String].self, from: Data(text.utf8))), "\(text)")
            }
            if let numbers = JSONValue.parseNumbers(text) {
                #expect(numbers == (try JSONDecoder().decode([String: Double].self, from: Data(text.utf8))), "\(text)")
            }
        }
        #expect(JSONValue.parseStrings(#"{"a":"b","c":"d"}"#) == ["a": "b", "c": "d"])
        #expect(JSONValue.parseStrings(#"{"a":1}"#) == nil)
        #expect(JSONValue.parseNumbers(#"{"auc":0.93,"n":-2}"#) == ["auc": 0.93, "n": -2])
        #expect(JSONValue.parseNumbers(#"{"auc":"0.93"}"#) == nil)
    }
}
