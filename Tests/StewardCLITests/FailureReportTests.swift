import Foundation
import Testing

@testable import StewardCLI

@Suite("Failure reporting")
struct FailureReportTests {
    @Test("a problem document prints title, detail and code, and exits 1")
    func problem() {
        let body = #"{"type":"https://steward.dev/problems/model_not_found","title":"Model not found","status":404,"detail":"No model named 'x'.","code":"model_not_found"}"#
        let problem = ServerProblem(status: 404, reasonPhrase: "Not Found", body: Array(body.utf8), requestID: "r1")
        let report = FailureReport(for: problem, server: "http://127.0.0.1:8080")
        #expect(report.exitCode == 1)
        #expect(report.lines == ["error: Model not found: No model named 'x'. (model_not_found)"])
    }

    @Test("validation errors list each field; server errors add the request id")
    func fieldErrorsAndRequestID() {
        let body = #"{"title":"Invalid request","status":400,"detail":"1 field is invalid.","code":"validation_failed","errors":[{"field":"name","message":"must not contain '/'"}]}"#
        let invalid = ServerProblem(status: 400, reasonPhrase: "Bad Request", body: Array(body.utf8), requestID: "r2")
        #expect(invalid.messageLines == ["error: Invalid request: 1 field is invalid. (validation_failed)", "  name: must not contain '/'"])
        let broken = ServerProblem(status: 502, reasonPhrase: "Bad Gateway", body: Array("upstream down".utf8), requestID: "r3")
        #expect(broken.messageLines == ["error: HTTP 502 Bad Gateway: upstream down", "  request id: r3"])
    }

    @Test("usage errors exit 2, local errors exit 1")
    func localFailures() {
        #expect(FailureReport(for: CLIFailure.usage("bad"), server: "s") == FailureReport(lines: ["error: bad"], exitCode: 2))
        #expect(FailureReport(for: CLIFailure.local("disk"), server: "s").exitCode == 1)
    }
}
