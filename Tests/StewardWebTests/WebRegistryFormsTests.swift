import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardServer
import StewardTestSupport
import Testing

/// The README's walkthrough from the browser: register a model, create a version, upload files
/// (multipart, streamed), finalize, set, move and delete an alias, ask for a promotion, download
/// byte for byte. Bad input comes back as the form with the reason and a 4xx and changes nothing;
/// forms need the session's CSRF token; a viewer sees no forms and is refused by the same rules.
@Suite("Web UI: registering, uploading and aliasing from the browser")
struct WebRegistryFormsTests {
    static func auditSize(_ client: some TestClientProtocol, _ app: TestApp) async throws -> Int {
        try await WebCSRFTests.auditSize(client, app)
    }

    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// What a page says went wrong (its alert, or the error page's message), for failure messages.
    static func problem(_ response: TestResponse) -> String {
        let page = html(response)
        return page.firstMatch(#"(?s)role="alert"[^>]*>(.*?)</div>"#) ?? page.firstMatch(#"(?s)<main[^>]*>(.*?)</main>"#) ?? String(page.prefix(300))
    }

    /// The target of a link on a page, as a browser reads it (the attribute's escapes undone).
    static func link(_ html: String, _ pattern: String) -> String? {
        html.firstMatch(pattern).map { href in
            [("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
                .reduce(href) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }
    }

    @Test func theWalkthroughFromTheBrowser() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let browser = try await client.webSignIn(token: app.adminToken)
            let catalog = Self.html(try await client.webGet("/ui/catalog", browser))
            #expect(catalog.contains(#"href="/ui/catalog/new""#), "an administrator is offered the new-model form")
            let form = try await client.webGet("/ui/catalog/new", browser)
            #expect(form.status == .ok && Self.html(form).contains(#"<form method="post" action="/ui/catalog/new""#))

            // Register a model with a hostile name, description and tags.
            let created = try await client.webPost("/ui/catalog/new", browser, [
                ("name", Hostile.model), ("description", Hostile.description), ("task", "classification"), ("framework", "xgboost"),
                ("visibility", "internal"), ("tags", "team=risk\n\nnote=<script>t()</script>"),
            ])
            #expect(created.status == .seeOther, "\(Self.html(created).prefix(500))")
            let modelPath = "/ui/models/" + segment(Hostile.model)
            let api = "/api/v1/models/" + segment(Hostile.model)
            let model = try await client.send(.get, api, app: app).json
            #expect(model["description"] as? String == Hostile.description && model["task"] as? String == "classification")
            #expect(model["tags"] as? [String: String] == ["team": "risk", "note": "<script>t()</script>"])
            var page = Self.html(try await client.webGet(modelPath, browser))
            Hostile.expectEscaped(page, "new model page")
            #expect(page.contains(#"id="create-version""#), "the new-version form")
            #expect(!page.contains(#"id="set-alias""#), "no alias form before a version is ready")

            // A version with metrics, parameters and a source.
            let version = try await client.webPost(modelPath + "/versions", browser, [
                ("description", "first"), ("metrics", "auc = 0.93\nf1=0.8"), ("params", "learning_rate=0.1\nlayers=<b>3</b>"), ("source", "runs:/7f3a"),
            ])
            #expect(version.status == .seeOther, "\(Self.html(version).prefix(500))")
            #expect(version.headers[.location]?.contains("/versions/1?done=") == true)
            let stored = try await client.send(.get, api + "/versions/1", app: app).json
            #expect(stored["metrics"] as? [String: Double] == ["auc": 0.93, "f1": 0.8])
            #expect(stored["params"] as? [String: String] == ["learning_rate": "0.1", "layers": "<b>3</b>"])
            #expect(stored["source"] as? String == "runs:/7f3a" && stored["status"] as? String == "pending")
            page = Self.html(try await client.webGet(modelPath + "/versions/1", browser))
            #expect(page.contains(#"enctype="multipart/form-data""#) && page.contains(#"<input id="upload-files" type="file" name="files" multiple"#))
            #expect(page.contains(#"id="finalize""#) && page.contains("&lt;b&gt;3&lt;/b&gt;"))

            // Two files in one form: one awkward for a multipart parser, one plain, in a folder.
            let weights = awkwardBytes(count: 300_000, seed: 7)
            let manifest = Array("flavor: demo\r\n--\(multipartBoundary.dropLast())\r\n".utf8)
            let upload = try await client.webUpload(modelPath + "/versions/1/files", browser,
                                                    files: [("weights.bin", weights), ("C:\\Users\\me\\MLmodel", manifest)], prefix: "model/")
            #expect(upload.status == .seeOther, "\(Self.problem(upload))")
            #expect(upload.headers[.location]?.contains("done=Uploaded%202%20files.") == true)
            let files = try await client.send(.get, api + "/versions/1/files", app: app).json["files"] as? [[String: Any]] ?? []
            #expect(Set(files.compactMap { $0["path"] as? String }) == ["model/MLmodel", "model/weights.bin"])
            #expect(files.first { $0["path"] as? String == "model/weights.bin" }?["size"] as? Int == weights.count)

            // Finalize, then download each file through its link, byte for byte.
            let finalized = try await client.webPost(modelPath + "/versions/1/finalize", browser)
            #expect(finalized.status == .seeOther, "\(Self.html(finalized).prefix(500))")
            #expect(try await client.send(.get, api + "/versions/1", app: app).json["status"] as? String == "ready")
            page = Self.html(try await client.webGet(modelPath + "/versions/1", browser))
            #expect(!page.contains(#"id="upload""#) && !page.contains(#"id="finalize""#), "a sealed version offers no upload or finalize")
            for (path, bytes) in [("model/weights.bin", weights), ("model/MLmodel", manifest)] {
                let href = try #require(Self.link(page, #"<a href="([^"]*/files/\#(path))" download>"#), "no download link for \(path)")
                let download = try await client.webGet(href, browser)
                #expect(download.status == .ok)
                let same = Array(download.body.readableBytesView) == bytes
                #expect(same, "\(path) downloads byte for byte (\(download.body.readableBytes) of \(bytes.count) bytes)")
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
                #expect(download.headers[.eTag]?.count == 66)
            }
            let anonymous = try await client.webGet(modelPath + "/versions/1/files/model/MLmodel", nil)
            #expect(anonymous.status == .seeOther, "downloads need a session")

            // Set the alias, create and seal version 2, move the alias, see the history, delete it.
            let set = try await client.webPost(modelPath + "/aliases", browser, [("alias", "production"), ("version", "1")])
            #expect(set.status == .seeOther, "\(Self.html(set).prefix(500))")
            #expect(try await client.send(.get, api + "/aliases/production", app: app).json["version"] as? Int == 1)
            #expect(try await client.webPost(modelPath + "/versions", browser, [("metrics", "auc=0.95")]).status == .seeOther)
            #expect(try await client.webUpload(modelPath + "/versions/2/files", browser, files: [("w.bin", [1, 2, 3])]).status == .seeOther)
            #expect(try await client.webPost(modelPath + "/versions/2/finalize", browser).status == .seeOther)
            let moved = try await client.webPost(modelPath + "/aliases", browser, [("alias", "production"), ("version", "2")])
            #expect(moved.status == .seeOther)
            page = Self.html(try await client.webGet(modelPath, browser))
            #expect(page.contains("@production → v2") && page.contains("moved: v1 → v2") && page.contains("set: – → v1"), "the alias and its history")
            #expect(page.contains(#"<option value="2" selected>v2</option>"#), "the newest ready version is offered first")
            let deleted = try await client.webPost(modelPath + "/aliases/production/delete", browser)
            #expect(deleted.status == .seeOther)
            let aliases = try await client.send(.get, api + "/aliases", app: app).json["aliases"] as? [Any]
            #expect(aliases?.isEmpty == true, "the alias is gone")

            // Searching finds it; the trail records the web door.
            page = Self.html(try await client.webGet("/ui/catalog?q=xgboost", browser))
            #expect(page.contains(#"<h2 id="results-h">1 models</h2>"#) && page.contains("&lt;script&gt;alert(&quot;m&quot;)"), "search finds it")
            let entries = try await client.send(.get, "/api/v1/audit/entries?action=file.", app: app)
            #expect(entries.text.contains("\"door\":\"web\""))
        }
    }

    /// Over a real connection the body arrives in many chunks; a 1 MiB file streams through the
    /// reader into the blob store and comes back byte for byte. (The size is kept small because
    /// multipart-kit's parser looks at every byte, which a debug build makes slow: about 1.5 s of
    /// CPU per MiB, which starved the other live tests running in parallel in CI.)
    @Test func aLargeUploadOverTheWire() async throws {
        try await TestApp.run(.sqlite, framework: .live) { client, app in
            try await client.api(.post, "/api/v1/models", app, json: #"{"name":"wire"}"#)
            try await client.api(.post, "/api/v1/models/wire/versions", app, json: #"{}"#)
            let browser = try await client.webSignIn(token: app.adminToken)
            let big = awkwardBytes(count: 1 << 20, seed: 42)
            let upload = try await client.webUpload("/ui/models/wire/versions/1/files", browser, files: [("big.bin", big), ("small.txt", Array("hi".utf8))])
            #expect(upload.status == .seeOther, "\(Self.problem(upload))")
            let download = try await client.webGet("/ui/models/wire/versions/1/files/big.bin", browser)
            let same = Array(download.body.readableBytesView) == big
            #expect(download.status == .ok && same, "\(download.body.readableBytes) of \(big.count) bytes")
        }
    }

    /// A file over the limit is refused while it streams in (413, the form with the reason); the
    /// rest of the body is not read, and the server keeps answering.
    @Test func anOversizedUploadOverTheWireIsRefusedMidStream() async throws {
        try await TestApp.run(.sqlite, framework: .live, configure: { $0.maxArtifactBytes = 256 * 1024 }) { client, app in
            try await client.api(.post, "/api/v1/models", app, json: #"{"name":"wire"}"#)
            try await client.api(.post, "/api/v1/models/wire/versions", app, json: #"{}"#)
            let browser = try await client.webSignIn(token: app.adminToken)
            let refused = try await client.webUpload("/ui/models/wire/versions/1/files", browser,
                                                     files: [("ok.bin", [1]), ("big.bin", awkwardBytes(count: 640 << 10, seed: 5))])
            #expect(refused.status == .contentTooLarge && Self.html(refused).contains("larger than the limit"), "\(Self.problem(refused))")
            let page = try await client.webGet("/ui/models/wire/versions/1", browser)
            #expect(page.status == .ok && Self.html(page).contains("None."), "no file was attached")
        }
    }

    /// The upload form is charged in bytes like the API's `PUT`, so it is paced by the same rate.
    @Test func uploadsFromTheBrowserAreChargedInBytes() async throws {
        try await TestApp.run(.sqlite, configure: { $0.limits.rates[.uploadBytes] = BucketRate(rate: 4_000, burst: 4_000) }) { client, app in
            try await client.api(.post, "/api/v1/models", app, json: #"{"name":"paced"}"#)
            try await client.api(.post, "/api/v1/models/paced/versions", app, json: #"{}"#)
            let browser = try await client.webSignIn(token: app.adminToken)
            let start = ContinuousClock.now
            let upload = try await client.webUpload("/ui/models/paced/versions/1/files", browser, files: [("a.bin", [UInt8](repeating: 7, count: 10_000))])
            let elapsed = ContinuousClock.now - start
            #expect(upload.status == .seeOther, "\(Self.problem(upload))")
            #expect(elapsed >= .milliseconds(1_300), "10 000 bytes at 4 000/s after a 4 000 burst take 1.5 s: \(elapsed)")
            #expect(upload.headers[.init("RateLimit-Policy")!] == #""upload_bytes";q=4000;w=1;qu="content-bytes""#)
        }
    }

    @Test func promotionRequestsForProtectedAliases() async throws {
        try await TestApp.run(.sqlite) { client, app in
            _ = try await client.seedHostileModel(app, name: "promo-model")
            let browser = try await client.webSignIn(token: app.adminToken)
            let page = Self.html(try await client.webGet("/ui/models/promo-model", browser))
            #expect(page.contains(#"id="request-promotion""#) && page.contains(#"<option value="prod">@prod</option>"#))
            // A direct set of a protected alias is refused with the hint; nothing moves.
            let before = try await Self.auditSize(client, app)
            let direct = try await client.webPost("/ui/models/promo-model/aliases", browser, [("alias", "prod"), ("version", "2")])
            #expect(direct.status == .conflict)
            #expect(Self.html(direct).contains(#"id="alias-errors""#) && Self.html(direct).contains("ask for a promotion"))
            // A request for a version that already has an open one: 409, the form filled in again.
            let duplicate = try await client.webPost("/ui/models/promo-model/promotions", browser,
                                                     [("alias", "prod"), ("version", "2"), ("comment", Hostile.comment)])
            #expect(duplicate.status == .conflict, "\(Self.html(duplicate).prefix(400))")
            #expect(Self.html(duplicate).contains(#"id="promotion-errors""#))
            Hostile.expectEscaped(Self.html(duplicate), "refused promotion form")
            #expect(try await Self.auditSize(client, app) == before, "refused forms appended nothing")
            // Cancel the seeded request through the API, then ask again from the browser.
            let open = try await client.send(.get, "/api/v1/models/promo-model/promotions?state=open", app: app).json["promotions"] as? [[String: Any]] ?? []
            for request in open {
                try await client.api(.post, "/api/v1/promotions/\(request["id"] as? String ?? "")/cancel", app, json: "{}")
            }
            let asked = try await client.webPost("/ui/models/promo-model/promotions", browser, [("alias", "prod"), ("version", "2"), ("comment", "ship it")])
            #expect(asked.status == .seeOther, "\(Self.html(asked).prefix(400))")
            let location = try #require(asked.headers[.location])
            #expect(location.hasPrefix("/ui/promotions/"))
            let detail = Self.html(try await client.webGet(location, browser))
            #expect(detail.contains(#"<dd id="promotion-state">open</dd>"#) && detail.contains("ship it"))
        }
    }

    @Test func badInputComesBackAsTheFormAndChangesNothing() async throws {
        try await TestApp.run(.sqlite, configure: { $0.maxArtifactBytes = 64 * 1024 }) { client, app in
            try await client.api(.post, "/api/v1/models", app, json: #"{"name":"taken"}"#)
            try await client.api(.post, "/api/v1/models/taken/versions", app, json: #"{"metrics":{"auc":0.5}}"#)
            try await client.api(.post, "/api/v1/models/taken/versions", app, json: #"{}"#)
            try await client.api(.put, "/api/v1/models/taken/versions/2/files/a.bin", app, body: "a")
            try await client.api(.post, "/api/v1/models/taken/versions/2/finalize", app)
            let browser = try await client.webSignIn(token: app.adminToken)
            let before = try await Self.auditSize(client, app)

            let models: [([(String, String)], HTTPResponse.Status, String)] = [
                ([("name", ""), ("description", "kept <b>text</b>")], .badRequest, "kept &lt;b&gt;text&lt;/b&gt;"),
                ([("name", "ok-name"), ("tags", "team=risk\nno-equals-sign")], .badRequest, "line 2 is not key=value"),
                ([("name", "ok-name"), ("tags", "a=1\na=2")], .badRequest, "given twice"),
                ([("name", "ok-name"), ("visibility", "public")], .badRequest, "must be internal or restricted"),
                ([("name", "ok-name"), ("owner", "no-such-team")], .badRequest, "owner"),
                ([("name", "taken")], .conflict, "already exists"),
            ]
            for (fields, status, marker) in models {
                let response = try await client.webPost("/ui/catalog/new", browser, fields)
                let html = Self.html(response)
                #expect(response.status == status, "\(fields) → \(response.status) \(html.prefix(300))")
                #expect(html.contains(#"id="model-errors""#) && html.contains(marker), "\(fields): \(html.prefix(1500))")
            }
            let hostile = try await client.webPost("/ui/catalog/new", browser, [("name", "bad\u{7}" + Hostile.model), ("description", Hostile.description)])
            #expect(hostile.status == .badRequest)
            Hostile.expectEscaped(Self.html(hostile), "refused model form")

            let versions: [([(String, String)], String)] = [
                ([("metrics", "auc=high")], "must be a number"), ([("metrics", "auc=nan")], "must be a number"),
                ([("params", "=1")], "no key"), ([("metrics", "auc=1"), ("source", String(repeating: "s", count: 5000))], "source"),
            ]
            for (fields, marker) in versions {
                let response = try await client.webPost("/ui/models/taken/versions", browser, fields)
                let html = Self.html(response)
                #expect(response.status == .badRequest, "\(fields) → \(response.status)")
                #expect(html.contains(#"id="version-form-errors""#) && html.contains(marker) && html.contains(" open>"), "\(fields): \(html.prefix(300))")
            }

            // Uploads: sealed, no file, not multipart, hostile and empty names, twice, too large, cut off.
            let sealed = try await client.webUpload("/ui/models/taken/versions/2/files", browser, files: [("b.bin", [1])])
            #expect(sealed.status == .conflict && Self.html(sealed).contains("is sealed"), "\(Self.html(sealed).prefix(300))")
            let uploads: [([(name: String, bytes: [UInt8])], String?, Int, HTTPResponse.Status, String)] = [
                ([], nil, 0, .badRequest, "choose at least one file"),
                ([("", [])], nil, 0, .badRequest, "choose at least one file"),
                ([("", [1, 2])], nil, 0, .badRequest, "without a name"),
                ([("..", [1])], nil, 0, .badRequest, "are not file names"),
                ([("dir/", [1])], nil, 0, .badRequest, "no name after its last slash"),
                ([("a\u{1}b", [1])], nil, 0, .badRequest, "control characters"),
                ([("x.bin", [1])], "../up", 0, .badRequest, "prefix: &#39;.&#39; and &#39;..&#39;"),
                ([("x.bin", [1])], "/abs", 0, .badRequest, "prefix: absolute paths"),
                ([("same.bin", [1]), ("other/same.bin", [2])], nil, 0, .badRequest, "chosen twice"),
                ([("ok.bin", [1]), ("big.bin", [UInt8](repeating: 7, count: 70 * 1024))], nil, 0, .contentTooLarge, "larger than the limit"),
                ([("ok.bin", [1, 2, 3])], nil, 10, .badRequest, "cut off"),
                ([("ok.bin", [1, 2, 3])], nil, 4, .badRequest, "cut off"),
            ]
            for (files, prefix, cut, status, marker) in uploads {
                let response = try await client.webUpload("/ui/models/taken/versions/1/files", browser, files: files, prefix: prefix, cut: cut)
                let html = Self.html(response)
                #expect(response.status == status, "\(files.map(\.name)) → \(response.status) \(html.prefix(300))")
                #expect(html.contains(#"id="version-errors""#) && html.contains(marker), "\(files.map(\.name)): \(Self.problem(response))")
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = "steward_session=\(browser.cookie)"
            let notMultipart = try await client.execute(uri: "/ui/models/taken/versions/1/files", method: .post, headers: headers,
                                                        body: ByteBuffer(string: formBody([("csrf", browser.csrf)])))
            #expect(notMultipart.status == .unsupportedMediaType)
            let finalizeEmpty = try await client.webPost("/ui/models/taken/versions/1/finalize", browser)
            #expect(finalizeEmpty.status == .conflict && Self.html(finalizeEmpty).contains("has no files"), "\(Self.problem(finalizeEmpty))")

            // Aliases: a pending version, a bad name, no version; deleting one that does not exist.
            for (fields, status) in [([("alias", "prod"), ("version", "1")], HTTPResponse.Status.conflict),
                                     ([("alias", "bad alias!"), ("version", "2")], .badRequest), ([("alias", "prod")], .badRequest),
                                     ([("alias", "prod"), ("version", "99")], .notFound)] {
                let response = try await client.webPost("/ui/models/taken/aliases", browser, fields)
                #expect(response.status == status, "\(fields) → \(response.status) \(Self.html(response).prefix(300))")
            }
            #expect(try await client.webPost("/ui/models/taken/aliases/none/delete", browser).status == .notFound)
            let unprotected = try await client.webPost("/ui/models/taken/promotions", browser, [("alias", "prod"), ("version", "2")])
            #expect(unprotected.status == .conflict && Self.html(unprotected).contains("not protected"), "\(Self.problem(unprotected))")

            #expect(try await Self.auditSize(client, app) == before, "refused forms appended nothing")
            let registered = try await client.send(.get, "/api/v1/models", app: app).json["models"] as? [[String: Any]] ?? []
            #expect(registered.map { $0["name"] as? String } == ["taken"])
            let v1 = try await client.send(.get, "/api/v1/models/taken/versions/1", app: app).json
            #expect((v1["files"] as? [Any])?.isEmpty ?? true, "no upload attached a file")
            #expect(try await client.send(.get, "/api/v1/models/taken", app: app).json["latest_version"] as? Int == 2, "no version was created")
        }
    }

    @Test func uploadNamesAreReducedToTheirLastComponent() async throws {
        try await TestApp.run(.sqlite) { client, app in
            try await client.api(.post, "/api/v1/models", app, json: #"{"name":"names"}"#)
            try await client.api(.post, "/api/v1/models/names/versions", app, json: #"{}"#)
            let browser = try await client.webSignIn(token: app.adminToken)
            let hostile = #"<img src=x onerror=alert(1)> "q".bin"#
            let response = try await client.webUpload("/ui/models/names/versions/1/files", browser, files: [
                ("../../etc/passwd", Array("root:x:0:0".utf8)), (#"..\..\windows\system.ini"#, [1]), (hostile, [2]),
            ])
            #expect(response.status == .seeOther, "\(Self.html(response).prefix(500))")
            let files = try await client.send(.get, "/api/v1/models/names/versions/1/files", app: app).json["files"] as? [[String: Any]] ?? []
            #expect(Set(files.compactMap { $0["path"] as? String }) == ["passwd", "system.ini", #"<img src=x onerror=alert(1)> %22q%22.bin"#])
            #expect(!FileManager.default.fileExists(atPath: app.dataDirectory + "/../etc/passwd"))
            let page = Self.html(try await client.webGet("/ui/models/names/versions/1", browser))
            Hostile.expectEscaped(page, "version page with a hostile file name")
            #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; %22q%22.bin"))
            let passwd = try await client.webGet("/ui/models/names/versions/1/files/passwd", browser)
            #expect(String(buffer: passwd.body) == "root:x:0:0")
            let traversal = try await client.webGet("/ui/models/names/versions/1/files/..%2F..%2Fetc%2Fpasswd", browser)
            #expect(traversal.status == .badRequest)
        }
    }

    @Test func formsNeedTheTokenAndViewersSeeNone() async throws {
        try await TestApp.run(.sqlite) { client, app in
            _ = try await client.seedHostileModel(app, name: "guarded")
            try await client.api(.post, "/api/v1/models/guarded/versions", app, json: #"{}"#)
            try await client.api(.post, "/api/v1/accounts", app, json: #"{"name":"vic","roles":["viewer"],"password":"correct horse battery"}"#)
            let admin = try await client.webSignIn(token: app.adminToken)
            let viewer = try await client.webSignIn(username: "vic", password: "correct horse battery")
            let before = try await Self.auditSize(client, app)
            let posts: [(String, [(String, String)])] = [
                ("/ui/catalog/new", [("name", "sneaky")]), ("/ui/models/guarded/versions", [("metrics", "auc=1")]),
                ("/ui/models/guarded/versions/3/finalize", []), ("/ui/models/guarded/aliases", [("alias", "x"), ("version", "1")]),
                ("/ui/models/guarded/aliases/prod/delete", []), ("/ui/models/guarded/promotions", [("alias", "prod"), ("version", "1")]),
            ]
            for (uri, fields) in posts {
                #expect(try await client.webPost(uri, admin, fields, csrf: "").status == .forbidden, "\(uri) without the token")
                #expect(try await client.webPost(uri, admin, fields, csrf: viewer.csrf).status == .forbidden, "\(uri) with another session's token")
                #expect(try await client.webPost(uri, viewer, fields).status == .forbidden, "\(uri) by a viewer")
            }
            let upload = "/ui/models/guarded/versions/3/files"
            #expect(try await client.webUpload(upload, admin, files: [("a.bin", [1])], csrf: "").status == .forbidden)
            #expect(try await client.webUpload(upload, admin, files: [("a.bin", [1])], csrf: "forged").status == .forbidden)
            #expect(try await client.webUpload(upload, admin, files: [("a.bin", [1])], csrfLast: true).status == .forbidden,
                    "the token must come before the files")
            #expect(try await client.webUpload(upload, viewer, files: [("a.bin", [1])]).status == .forbidden)
            #expect(try await client.webUpload(upload, nil, files: [("a.bin", [1])], csrf: admin.csrf).status == .unauthorized)
            #expect(try await Self.auditSize(client, app) == before, "refused forms appended nothing")
            #expect((try await client.send(.get, "/api/v1/models/guarded/versions/3", app: app).json["files"] as? [Any])?.isEmpty ?? true)

            // A viewer sees no forms, but can read and download.
            let catalog = Self.html(try await client.webGet("/ui/catalog", viewer))
            #expect(!catalog.contains(#"href="/ui/catalog/new""#))
            #expect(try await client.webGet("/ui/catalog/new", viewer).status == .forbidden)
            let model = Self.html(try await client.webGet("/ui/models/guarded", viewer))
            for form in [#"id="create-version""#, #"id="set-alias""#, "Delete @prod", #"id="request-promotion""#] {
                #expect(!model.contains(form), "a viewer is offered \(form)")
            }
            let pending = Self.html(try await client.webGet("/ui/models/guarded/versions/3", viewer))
            #expect(!pending.contains(#"id="upload""#) && !pending.contains(#"id="finalize""#))
            let adminPending = Self.html(try await client.webGet("/ui/models/guarded/versions/3", admin))
            #expect(adminPending.contains(#"id="upload""#) && adminPending.contains(#"id="finalize""#))
            let download = try await client.webGet("/ui/models/guarded/versions/1/files/model.bin", viewer)
            #expect(download.status == .ok && String(buffer: download.body) == "weights 1")
        }
    }
}
