import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// A browser session in tests: the session cookie and the CSRF token its pages carry.
struct WebBrowser: Sendable {
    var cookie: String
    var csrf: String
}

/// Hostile text planted in names, descriptions and card fields: markup, quotes and Mustache tags.
enum Hostile {
    /// Model names may hold anything but `/` and control characters.
    static let model = #"<script>alert("m") 'q' {{layout.csrf}}"#
    static let description = #"<img src=x onerror=alert(1)> "desc" {{#layout}}boom{{/layout}} <script>d()</script>"#
    static let card = #"<script>card()</script> "MIT" {{{page}}}"#
    static let comment = #"<script>c()</script> please "ship" it {{layout.user}}"#

    /// Checks a page shows hostile text only escaped.
    static func expectEscaped(_ html: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script"), "\(label): raw <script> in the page", sourceLocation: sourceLocation)
        #expect(!html.contains("<img src=x"), "\(label): raw <img> in the page", sourceLocation: sourceLocation)
        // Shown literally, every "boom" sits inside its tags; evaluated, a bare "boom" would appear.
        #expect(html.components(separatedBy: "boom").count == html.components(separatedBy: "{{#layout}}boom{{/layout}}").count,
                "\(label): a Mustache section in user text was evaluated", sourceLocation: sourceLocation)
    }
}

extension String {
    /// The first capture of `pattern` in the text.
    func firstMatch(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: self, range: NSRange(startIndex..., in: self)), match.numberOfRanges > 1,
              let range = Range(match.range(at: 1), in: self) else { return nil }
        return String(self[range])
    }
}

/// Form encoding as browsers send it.
func formBody(_ pairs: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
}

/// Percent-encodes a path segment.
func segment(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

extension TestResponse {
    /// The value a `Set-Cookie` header gives cookie `name`.
    func cookie(_ name: String) -> String? {
        for value in headers[values: .setCookie] where value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}

extension TestClientProtocol {
    /// Signs in through the form with a token (or user name and password) and returns the session.
    func webSignIn(token: String? = nil, username: String? = nil, password: String? = nil) async throws -> WebBrowser {
        let form = try await execute(uri: "/ui/sign-in", method: .get)
        #expect(form.status == .ok)
        let preCookie = try #require(form.cookie("steward_signin"))
        let csrf = try #require(String(buffer: form.body).firstMatch(#"name="csrf" value="([^"]+)""#))
        var fields = [("csrf", csrf), ("next", "/ui/catalog")]
        if let token { fields.append(("token", token)) }
        if let username, let password { fields += [("username", username), ("password", password)] }
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = "steward_signin=\(preCookie)"
        let signedIn = try await execute(uri: "/ui/sign-in", method: .post, headers: headers, body: ByteBuffer(string: formBody(fields)))
        #expect(signedIn.status == .seeOther, "sign-in → \(signedIn.status) \(String(buffer: signedIn.body).prefix(300))")
        let session = try #require(signedIn.cookie("steward_session"))
        let page = try await webGet("/ui/catalog", WebBrowser(cookie: session, csrf: ""))
        let token = try #require(String(buffer: page.body).firstMatch(#"name="csrf" value="([^"]+)""#))
        return WebBrowser(cookie: session, csrf: token)
    }

    func webGet(_ uri: String, _ browser: WebBrowser?) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.accept] = "text/html"
        if let browser { headers[.cookie] = "steward_session=\(browser.cookie)" }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Posts a form as the browser would; `csrf` nil sends the session's token.
    func webPost(_ uri: String, _ browser: WebBrowser?, _ fields: [(String, String)] = [], csrf: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let browser { headers[.cookie] = "steward_session=\(browser.cookie)" }
        let token = csrf ?? browser?.csrf ?? ""
        let body = formBody((token.isEmpty ? [] : [("csrf", token)]) + fields)
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts the upload form as a browser does (`multipart/form-data`): the CSRF token and the
    /// folder first, then one part per file. `csrf` nil sends the session's token, "" none;
    /// `csrfLast` puts the token after the files; `cut` drops that many bytes from the end (a body
    /// cut off in transit).
    func webUpload(_ uri: String, _ browser: WebBrowser?, files: [(name: String, bytes: [UInt8])], prefix: String? = nil,
                   csrf: String? = nil, csrfLast: Bool = false, cut: Int = 0) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(multipartBoundary)"
        if let browser { headers[.cookie] = "steward_session=\(browser.cookie)" }
        let token = csrf ?? browser?.csrf ?? ""
        var fields: [(String, String)] = []
        if !token.isEmpty, !csrfLast { fields.append(("csrf", token)) }
        if let prefix { fields.append(("prefix", prefix)) }
        let body = multipartBody(fields: fields, files: files, trailing: csrfLast && !token.isEmpty ? [("csrf", token)] : [])
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body.dropLast(cut)))
    }

    /// A native API call as the admin.
    @discardableResult
    func api(_ method: HTTPRequest.Method, _ uri: String, _ app: TestApp, json: String? = nil, body: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if body != nil { headers[.contentType] = "application/octet-stream" }
        let response = try await send(method, uri, app: app, json: json, headers: headers, body: body.map { ByteBuffer(string: $0) })
        #expect((200..<300).contains(Int(response.status.code)), "\(method) \(uri) → \(response.status) \(response.text.prefix(300))")
        return response
    }

    /// A model with two sealed versions, a protected `prod` alias and an open promotion request
    /// of version 2; every text field hostile. Returns the request id.
    func seedHostileModel(_ app: TestApp, name: String = Hostile.model) async throws -> String {
        let path = "/api/v1/models/" + segment(name)
        let card = #"{"summary":\#(jsonString(Hostile.card)),"license":"\"MIT\" <b>","limitations":\#(jsonString(Hostile.description))}"#
        try await api(.post, "/api/v1/models", app, json: #"{"name":\#(jsonString(name)),"description":\#(jsonString(Hostile.description)),"task":"<b>classify</b>","tags":{"team":"<i>risk</i>"},"card":\#(card)}"#)
        for number in 1...2 {
            try await api(.post, path + "/versions", app,
                          json: #"{"description":\#(jsonString(Hostile.description)),"metrics":{"auc":0.\#(80 + number)},"params":{"lr":"<script>p\#(number)</script>"}}"#)
            try await api(.put, path + "/versions/\(number)/files/model.bin", app, body: "weights \(number)")
            try await api(.post, path + "/versions/\(number)/finalize", app)
        }
        try await api(.put, path + "/versions/2/card", app, json: #"{"card":{"summary":"v2 \#(jsonString(Hostile.card).dropFirst().dropLast())"}}"#)
        try await api(.put, path + "/aliases/prod", app, json: #"{"version":1}"#)
        try await api(.put, path + "/aliases/prod/protection", app,
                      json: #"{"required_approvals":1,"approver_roles":["admin"],"allow_self_approval":true}"#)
        let request = try await api(.post, path + "/promotions", app, json: #"{"alias":"prod","version":2,"comment":\#(jsonString(Hostile.comment))}"#)
        try await api(.post, "/api/v1/datasets", app, json: #"{"name":"ds-web","description":\#(jsonString(Hostile.description))}"#)
        return try #require(request.json["id"] as? String)
    }
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
}

/// The boundary the tests' upload forms use (the shape Chromium sends).
let multipartBoundary = "----WebKitFormBoundaryStewardTest7MA4"

/// A `multipart/form-data` body as browsers write it: text fields, then files (names quoted, with
/// `"` written as `%22`, as the HTML standard has browsers do), then the closing delimiter.
func multipartBody(fields: [(String, String)], files: [(name: String, bytes: [UInt8])], trailing: [(String, String)] = []) -> [UInt8] {
    var body: [UInt8] = []
    func field(_ name: String, _ value: String) {
        body += Array("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    for (name, value) in fields { field(name, value) }
    for file in files {
        let quoted = file.name.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        body += Array("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(quoted)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file.bytes + Array("\r\n".utf8)
    }
    for (name, value) in trailing { field(name, value) }
    body += Array("--\(multipartBoundary)--\r\n".utf8)
    return body
}

/// Bytes that are hard on a multipart parser: every byte value, CR/LF runs and near-boundaries.
func awkwardBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    let nearBoundary = Array("\r\n--\(multipartBoundary.dropLast())".utf8)
    while bytes.count < count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        if state >> 56 == 0 {
            // All of the delimiter but its last character, then something else: a browser picks a
            // boundary that does not occur in the file, so the whole delimiter never appears.
            bytes += nearBoundary + Array("!".utf8)
        } else {
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
    }
    return Array(bytes.prefix(count))
}
