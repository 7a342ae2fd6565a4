import Foundation

/// An error response from the server: an RFC 9457 problem document when the server sent one,
/// otherwise the status line and the start of the body.
struct ServerProblem: Error, Sendable {
    /// The fields of a problem document the CLI reports. Every field is optional so that a proxy's
    /// or an older server's error body still produces a useful message.
    struct Document: Decodable, Sendable {
        struct FieldError: Decodable, Sendable {
            var field: String?
            var message: String?
        }
        var title: String?
        var detail: String?
        var code: String?
        var status: Int?
        var errors: [FieldError]?
    }

    /// The HTTP status code.
    var status: Int
    /// The decoded problem document, when the body was one.
    var document: Document?
    /// The body as text (possibly cut), for error bodies that are not problem documents.
    var bodyText: String
    /// The status line's reason phrase.
    var reasonPhrase: String
    /// The `X-Request-Id` of the failed request.
    var requestID: String?

    init(status: Int, reasonPhrase: String, body: [UInt8], requestID: String?) {
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.requestID = requestID
        self.document = try? JSONDecoder().decode(Document.self, from: Data(body))
        if document?.title == nil && document?.code == nil { document = nil }
        self.bodyText = String(decoding: body, as: UTF8.self)
    }

    /// The lines to print on stderr: `error: <title>: <detail> (<code>)`, then one line per invalid
    /// field, then the request id for server-side failures.
    var messageLines: [String] {
        var lines: [String]
        if let document {
            let title = document.title ?? reasonPhrase
            var line = "error: \(title)"
            if let detail = document.detail, !detail.isEmpty { line += ": \(detail)" }
            if let code = document.code, !code.isEmpty { line += " (\(code))" }
            lines = [line]
            for error in document.errors ?? [] {
                lines.append("  \(error.field ?? "?"): \(error.message ?? "invalid")")
            }
        } else {
            let text = bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
            var line = "error: HTTP \(status) \(reasonPhrase)"
            if !text.isEmpty { line += ": \(String(text.prefix(300)))" }
            lines = [line]
        }
        if status >= 500, let requestID { lines.append("  request id: \(requestID)") }
        return lines
    }
}
