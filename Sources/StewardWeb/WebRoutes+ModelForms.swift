import Foundation
import Hummingbird
import StewardCore

/// The registry's changes from the browser, each through the use case the API calls: registering a
/// model (`createModel`), a version (`createVersion`), setting, moving and deleting aliases
/// (`setAlias`, `deleteAlias`) and asking for a promotion to a protected alias (`requestPromotion`).
/// A refused form (bad input, a conflict) comes back filled in with the problems and the status the
/// API would give, and nothing is changed; not being allowed is the usual error page.
extension WebRoutes {
    func registerModelForms(on ui: RouterGroup<Context>) {
        page(ui, "catalog/new") { _, _, user in
            try AccessPolicy.authorize(user.principal, .createModel)
            return try await newModelPage(user, form: NewModelView())
        }
        action(ui, "catalog/new") { _, _, user, form in
            var view = NewModelView(name: form["name"] ?? "", description: form.fields["description"]?.last ?? "", task: form["task"] ?? "",
                                    framework: form["framework"] ?? "", owner: form["owner"] ?? "", tags: form.fields["tags"]?.last ?? "")
            view.visibilities = ModelActions.select(form["visibility"], in: view.visibilities)
            do {
                let model = try await registry.createModel(try Self.modelDraft(form), by: user.principal)
                return WebResponse.redirect("/ui/models/\(URLText.segment(model.name))?" + URLText.query([("done", "Registered \(model.name).")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                view.errors = Self.problems(error)
                return try await newModelPage(user, form: view, selectedTemplate: form["template"], status: Self.status(error))
            }
        }
        page(ui, "models/:name") { request, context, user in
            try await modelPage(try Self.pathValue(context, "name"), user: user, pageToken: request.uri.queryParameters.get("page_token"),
                                notice: request.uri.queryParameters.get("done"))
        }
        action(ui, "models/:name/versions") { _, context, user, form in
            let name = try Self.pathValue(context, "name")
            do {
                var validator = Validator()
                let draft = VersionDraft(description: form.fields["description"]?.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                                         tags: KeyValueText.pairs(form.fields["tags"]?.last, field: "tags", into: &validator),
                                         params: KeyValueText.pairs(form.fields["params"]?.last, field: "params", into: &validator),
                                         metrics: KeyValueText.metrics(form.fields["metrics"]?.last, field: "metrics", into: &validator),
                                         source: form["source"])
                try validator.finish()
                let version = try await registry.createVersion(modelName: name, draft, by: user.principal)
                return WebResponse.redirect("/ui/models/\(URLText.segment(version.modelName))/versions/\(version.number)?"
                    + URLText.query([("done", "Created version \(version.number). Upload its files, then finalize it.")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                return try await modelPage(name, user: user, status: Self.status(error)) { actions in
                    actions.version = .init(open: true, action: actions.version.action, description: form.fields["description"]?.last ?? "",
                                            metrics: form.fields["metrics"]?.last ?? "", params: form.fields["params"]?.last ?? "",
                                            tags: form.fields["tags"]?.last ?? "", source: form["source"] ?? "", errors: Self.problems(error))
                }
            }
        }
        action(ui, "models/:name/aliases") { _, context, user, form in
            let name = try Self.pathValue(context, "name")
            do {
                guard let alias = form["alias"] else { throw DomainError.invalidField("alias", "is required") }
                guard let number = form["version"].flatMap(Int.init) else { throw DomainError.invalidField("version", "choose a version") }
                let set = try await registry.setAlias(modelName: name, alias: alias, version: number, by: user.principal)
                return WebResponse.redirect("/ui/models/\(URLText.segment(name))?" + URLText.query([("done", "@\(set.name) now points at v\(set.version).")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                return try await modelPage(name, user: user, status: Self.status(error)) { actions in
                    actions.alias.name = form["alias"] ?? ""
                    actions.alias.versions = ModelActions.select(form["version"], in: actions.alias.versions)
                    actions.alias.errors = Self.problems(error) + (error.code == "alias_protected"
                        ? ["This alias is protected: ask for a promotion below instead."] : [])
                }
            }
        }
        action(ui, "models/:name/aliases/:alias/delete") { _, context, user, _ in
            let name = try Self.pathValue(context, "name"), alias = try Self.pathValue(context, "alias")
            do {
                try await registry.deleteAlias(modelName: name, alias: alias, by: user.principal)
                return WebResponse.redirect("/ui/models/\(URLText.segment(name))?" + URLText.query([("done", "Deleted @\(alias).")]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                return try await modelPage(name, user: user, status: Self.status(error)) { actions in
                    actions.alias.errors = Self.problems(error)
                }
            }
        }
        action(ui, "models/:name/promotions") { _, context, user, form in
            let name = try Self.pathValue(context, "name")
            do {
                guard let alias = form["alias"] else { throw DomainError.invalidField("alias", "choose a protected alias") }
                guard let number = form["version"].flatMap(Int.init) else { throw DomainError.invalidField("version", "choose a version") }
                let detail = try await registry.requestPromotion(modelName: name, alias: alias, version: number, comment: form["comment"] ?? "",
                                                                 by: user.principal)
                let state = detail.request.state == .completed ? "requested and completed (no approval needed)" : "requested"
                return WebResponse.redirect("/ui/promotions/\(URLText.segment(detail.request.id))?" + URLText.query([("done", state)]))
            } catch let error as DomainError where Self.isFormProblem(error) {
                return try await modelPage(name, user: user, status: Self.status(error)) { actions in
                    actions.promotion.aliases = ModelActions.select(form["alias"], in: actions.promotion.aliases)
                    actions.promotion.versions = ModelActions.select(form["version"], in: actions.promotion.versions)
                    actions.promotion.comment = form.fields["comment"]?.last ?? ""
                    actions.promotion.errors = Self.problems(error)
                }
            }
        }
    }

    /// The model page, with `adjust` applied to its forms (a refused form filled in again).
    func modelPage(_ name: String, user: WebUser, pageToken: String? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok,
                   adjust: (inout ModelActions) -> Void = { _ in }) async throws -> Response {
        var view = try await modelView(name, pageToken: pageToken, user: user)
        adjust(&view.actions)
        return try render(Layout(title: view.name, user: user, section: .catalog, notice: notice), view, "model", status: status)
    }

    func newModelPage(_ user: WebUser, form: NewModelView, selectedTemplate: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var view = form
        let templates = (try? await services.catalog.templates(by: user.principal)) ?? []
        view.templates = [Choice(value: "", label: "None", selected: selectedTemplate == nil)]
            + templates.map { Choice(value: $0.name, label: $0.name, selected: $0.name == selectedTemplate) }
        view.hasTemplates = !templates.isEmpty
        return try render(Layout(title: "New model", user: user, section: .catalog), view, "new-model", status: status)
    }

    /// The draft a submitted new-model form describes; unreadable tags are reported with the
    /// draft's own problems in one `validation_failed` error.
    static func modelDraft(_ form: FormData) throws -> ModelDraft {
        var validator = Validator()
        let tags = KeyValueText.pairs(form.fields["tags"]?.last, field: "tags", into: &validator)
        let visibility = Visibility(rawValue: form["visibility"] ?? Visibility.internal.rawValue)
        if visibility == nil { validator.add("visibility", "must be internal or restricted") }
        try validator.finish()
        var draft = ModelDraft(name: form["name"] ?? "", description: form.fields["description"]?.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                               tags: tags, owner: form["owner"], task: form["task"], framework: form["framework"], visibility: visibility ?? .internal)
        draft.template = form["template"]
        return draft
    }
}
