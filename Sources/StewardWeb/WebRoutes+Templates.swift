import Foundation
import Hummingbird
import StewardCore

/// Template administration: the list, and create, edit and delete forms over the catalog's template
/// use cases (which refuse non-administrators exactly as the API does). A refused form comes back
/// filled in with every problem listed and the status the API would give; nothing is changed.
extension WebRoutes {
    func registerTemplates(on ui: RouterGroup<Context>) {
        page(ui, "admin/templates") { request, _, user in
            try await templatesPage(user, form: .create(), notice: request.uri.queryParameters.get("done"))
        }
        action(ui, "admin/templates") { _, _, user, form in
            let name = form["name"] ?? ""
            do {
                let template = try await services.catalog.createTemplate(try TemplateFormView.draft(form, name: name), by: user.principal)
                return WebResponse.redirect("/ui/admin/templates?" + URLText.query([("done", "Created template \(template.name).")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                var view = TemplateFormView.submitted(form, action: "/ui/admin/templates", editing: false, name: name)
                view.errors = Self.problems(error)
                return try await templatesPage(user, form: view, status: Self.status(error))
            }
        }
        page(ui, "admin/templates/:template") { _, context, user in
            let template = try await services.catalog.template(named: try Self.pathValue(context, "template"), by: user.principal)
            return try templateEditPage(user, form: .edit(template))
        }
        action(ui, "admin/templates/:template") { _, context, user, form in
            let name = try Self.pathValue(context, "template")
            do {
                let template = try await services.catalog.updateTemplate(named: name, try TemplateFormView.draft(form, name: name),
                                                                         ifMatch: form["etag"], by: user.principal)
                return WebResponse.redirect("/ui/admin/templates?" + URLText.query([("done", "Saved template \(template.name).")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                var view = TemplateFormView.submitted(form, action: "/ui/admin/templates/\(URLText.segment(name))", editing: true, name: name)
                view.errors = Self.problems(error)
                return try templateEditPage(user, form: view, status: Self.status(error))
            }
        }
        action(ui, "admin/templates/:template/delete") { _, context, user, _ in
            let name = try Self.pathValue(context, "template")
            do {
                try await services.catalog.deleteTemplate(named: name, by: user.principal)
            } catch let error as DomainError where error.kind == .conflict {
                return try await templatesPage(user, form: .create(), error: error.message, status: .conflict)
            }
            return WebResponse.redirect("/ui/admin/templates?" + URLText.query([("done", "Deleted template \(name).")]))
        }
    }

    func templatesPage(_ user: WebUser, form: TemplateFormView, notice: String? = nil, error: String? = nil,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let templates = try await services.catalog.templates(by: user.principal)
        let view = TemplatesView(rows: templates.map { template in
            TemplatesView.Row(name: template.name, description: template.description, cardFields: template.requiredCardFields.joined(separator: ", "),
                              metrics: template.requiredMetrics.joined(separator: ", "),
                              schemas: [template.paramsSchema != nil ? "parameters" : nil, template.inputSchema != nil ? "input" : nil]
                                  .compactMap { $0 }.joined(separator: ", "),
                              updated: Format.time(template.updatedAt),
                              editLink: "/ui/admin/templates/\(URLText.segment(template.name))",
                              deleteAction: "/ui/admin/templates/\(URLText.segment(template.name))/delete")
        }, form: form, error: error)
        return try render(Layout(title: "Templates", user: user, section: .admin, notice: notice), view, "templates", status: status)
    }

    func templateEditPage(_ user: WebUser, form: TemplateFormView, status: HTTPResponse.Status = .ok) throws -> Response {
        try render(Layout(title: "Template \(form.name)", user: user, section: .admin), TemplateEditView(name: form.name, form: form),
                   "template-edit", status: status)
    }

    /// Refusals the form itself can explain (bad fields, a name taken, a concurrent change);
    /// anything else (not allowed, not found) is the usual error page.
    static func isFormProblem(_ error: DomainError) -> Bool {
        [.invalid, .conflict, .preconditionFailed, .tooLarge, .unsupportedMedia].contains(error.kind)
    }

    static func problems(_ error: DomainError) -> [String] {
        if error.kind == .preconditionFailed {
            return ["Someone else changed this template while you were editing it. Reload the page to see their change, then edit again."]
        }
        return error.fieldErrors.isEmpty ? [error.message] : error.fieldErrors.map { "\($0.field): \($0.message)" }
    }

    static func status(_ error: DomainError) -> HTTPResponse.Status {
        switch error.kind {
        case .conflict: .conflict
        case .preconditionFailed: .preconditionFailed
        case .tooLarge: .contentTooLarge
        case .unsupportedMedia: .unsupportedMediaType
        default: .badRequest
        }
    }
}

/// The page that edits one template.
struct TemplateEditView: Sendable {
    var name: String
    var form: TemplateFormView
}
