import Foundation
import Hummingbird
import StewardCore

/// A version's page with its files: uploading files to a pending version from an HTML form
/// (`multipart/form-data`, streamed into the blob store part by part), finalizing it, and
/// downloading its files. Each goes through the same use cases as the API (`prepareUpload`,
/// `attachFile`, `finalizeVersion`, `file`), so the same rules refuse the same things.
extension WebRoutes {
    /// Most files one upload form may carry.
    static var maxFilesPerUpload: Int { 1000 }
    /// Longest text field (the CSRF token, the folder) inside an upload form.
    static var maxUploadFieldBytes: Int { 4096 }

    func registerFiles(on ui: RouterGroup<Context>) {
        page(ui, "models/:name/versions/:version") { request, context, user in
            try await versionPage(try Self.pathValue(context, "name"), try Self.versionValue(context, "version"), user: user,
                                  notice: request.uri.queryParameters.get("done"))
        }
        // Not `action`: the body is multipart and must stream, so the CSRF token is read from the
        // form's first fields, before any file part (the form puts them first, as browsers keep
        // the order of the form's controls).
        ui.post("models/:name/versions/:version/files") { request, context in
            guard let user = try await signedInUser(request, context) else { return try sessionEndedPage() }
            let name = try Self.pathValue(context, "name"), number = try Self.versionValue(context, "version")
            var prefix = ""
            do {
                guard let stored = try await upload(request, model: name, number: number, user: user, prefix: &prefix) else {
                    return try formExpiredPage(user)
                }
                let done = stored.count == 1 ? "Uploaded \(stored[0])." : "Uploaded \(stored.count) files."
                return WebResponse.redirect("/ui/models/\(URLText.segment(name))/versions/\(number)?" + URLText.query([("done", done)]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                return try await versionPage(name, number, user: user, errors: Self.problems(error), prefix: prefix, status: Self.status(error))
            } catch {
                return try errorPage(error, user: user)
            }
        }
        action(ui, "models/:name/versions/:version/finalize") { _, context, user, _ in
            let name = try Self.pathValue(context, "name"), number = try Self.versionValue(context, "version")
            do {
                let version = try await registry.finalizeVersion(modelName: name, number: number, by: user.principal)
                return WebResponse.redirect("/ui/models/\(URLText.segment(name))/versions/\(number)?"
                    + URLText.query([("done", "Version \(version.number) is finalized: ready, its files sealed.")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                return try await versionPage(name, number, user: user, errors: Self.problems(error), status: Self.status(error))
            }
        }
        page(ui, "models/:name/versions/:version/files/**") { request, context, user in
            guard let artifacts = services.artifacts else { throw HTTPError(.notFound) }
            let encoded = context.parameters.getCatchAll().joined(separator: "/")
            guard let decoded = encoded.removingPercentEncoding else {
                throw DomainError(.invalid, code: "invalid_path", "Invalid file path: bad percent-encoding.")
            }
            let (version, entry) = try await registry.file(modelName: try Self.pathValue(context, "name"), number: try Self.versionValue(context, "version"),
                                                          path: try ArtifactPath(decoded), by: user.principal)
            var response = try await artifacts.download(entry, of: version, request: request, context: context)
            response.headers[.contentSecurityPolicy] = WebResponse.contentSecurityPolicy
            return response
        }
    }

    /// Reads an upload form as it streams in and stores its files. Returns the stored paths, or nil
    /// when the form lacks this session's CSRF token (nothing read past it, nothing changed).
    ///
    /// Every file is streamed into the blob store first (content-addressed bytes that nothing
    /// refers to yet, which garbage collection reclaims if they stay unreferenced); only when the
    /// whole form was read and every name accepted are they attached to the version, so a refused
    /// form changes no version.
    func upload(_ request: Request, model name: String, number: Int, user: WebUser, prefix typed: inout String) async throws -> [String]? {
        guard let artifacts = services.artifacts else { throw HTTPError(.notFound) }
        guard let boundary = MultipartReader<RequestBody>.boundary(contentType: request.headers[.contentType]) else {
            throw DomainError(.unsupportedMedia, code: "unsupported_media_type", "Files must be sent as multipart/form-data (the upload form does that).")
        }
        let reader = MultipartReader(request.body, boundary: boundary)
        var fields: [String: String] = [:]
        var prefix: ArtifactPath?
        var checked = false
        var stored: [(path: ArtifactPath, sha256: String, size: Int64)] = []
        var parts = 0
        while let part = try await reader.nextPart() {
            parts += 1
            guard parts <= Self.maxFilesPerUpload + 8 else {
                throw DomainError.invalidField("files", "at most \(Self.maxFilesPerUpload) files can be uploaded at once")
            }
            guard let disposition = part.disposition, disposition.kind == "form-data", let field = disposition.parameters["name"] else {
                throw MultipartReader<RequestBody>.malformed("a part names no form field")
            }
            guard let filename = disposition.parameters["filename"] else {
                guard fields.count < 8 else { throw MultipartReader<RequestBody>.malformed("the form has too many fields") }
                fields[field] = try await reader.text(limit: Self.maxUploadFieldBytes)
                if field == "prefix" { typed = fields[field] ?? "" }
                continue
            }
            guard field == "files" else { throw DomainError.invalidField(field, "is not a file field of this form") }
            if !checked {
                // Before the first file byte: the token, the folder, and whether the version takes files at all.
                guard WebSession.same(fields["csrf"], user.csrf) else { return nil }
                prefix = try UploadName.prefix(fields["prefix"])
                _ = try await registry.prepareUpload(modelName: name, number: number, by: user.principal)
                checked = true
            }
            if filename.isEmpty {
                // "No file chosen": browsers send an empty part with an empty name.
                while let chunk = try await reader.nextBodyChunk() {
                    if chunk.readableBytes > 0 { throw DomainError.invalidField("files", "a file without a name was sent") }
                }
                continue
            }
            let path = try UploadName.path(filename: filename, prefix: prefix)
            guard !stored.contains(where: { $0.path == path }) else {
                throw DomainError.invalidField("files", "'\(path.value)' was chosen twice")
            }
            guard stored.count < Self.maxFilesPerUpload else {
                throw DomainError.invalidField("files", "at most \(Self.maxFilesPerUpload) files can be uploaded at once")
            }
            let blob = try await artifacts.ingest(reader.body())
            stored.append((path, blob.sha256, blob.size))
        }
        guard checked || WebSession.same(fields["csrf"], user.csrf) else { return nil }
        guard !stored.isEmpty else { throw DomainError.invalidField("files", "choose at least one file") }
        for file in stored {
            _ = try await registry.attachFile(modelName: name, number: number, path: file.path, sha256: file.sha256, size: file.size,
                                              by: user.principal)
        }
        return stored.map(\.path.value)
    }

    /// A version's page, with the upload and finalize forms when this user may use them.
    func versionPage(_ name: String, _ number: Int, user: WebUser, notice: String? = nil, errors: [String] = [], prefix: String = "",
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let version = try await registry.version(modelName: name, number: number, by: user.principal)
        var view = VersionView(version, downloads: services.artifacts != nil)
        let card = try await services.catalog.versionCard(modelName: name, number: number, by: user.principal)
        view.card = Self.cardFacts(card.card)
        view.cardCompleteness = "\(Int((card.completeness * 100).rounded())) % complete"
        view.templateWarnings = (card.template.map { report in report.warnings.map { "\(report.template): \($0.field) \($0.message)" } }) ?? []
        let allowed = try await registry.permittedActions(modelName: name, by: user.principal)
        view.canFinalize = !version.isSealed && allowed.contains(.writeVersion)
        view.canUpload = view.canFinalize && services.artifacts != nil
        view.maxFileSize = services.artifacts.map { Format.bytes($0.maxFileBytes) } ?? ""
        view.errors = errors
        view.prefix = prefix
        return try render(Layout(title: "\(version.modelName) v\(version.number)", user: user, section: .catalog, notice: notice),
                          view, "version", status: status)
    }
}
