import Foundation
import Hummingbird
import StewardCore

/// The model page's view and the comparison of two versions (the routes of the model page and a
/// version's page, with their forms, are in `WebRoutes+ModelForms` and `WebRoutes+Files`).
extension WebRoutes {
    func registerModels(on ui: RouterGroup<Context>) {
        page(ui, "models/:name/compare") { request, context, user in
            let name = try Self.pathValue(context, "name")
            let query = FormData(request.uri.query ?? "")
            guard let from = query["from"].flatMap(Int.init), let to = query["to"].flatMap(Int.init) else {
                throw DomainError.invalidField("from", "choose two versions to compare")
            }
            let comparison = try await services.lineage.compare(modelName: name, from: from, to: to, by: user.principal)
            return try render(Layout(title: "\(name): v\(from) and v\(to)", user: user, section: .catalog), CompareView(comparison), "compare")
        }
    }

    static func pathValue(_ context: Context, _ name: String) throws -> String {
        guard let raw = context.parameters.get(name), let value = raw.removingPercentEncoding, !value.isEmpty else {
            throw DomainError.invalidField(name, "is missing or badly encoded")
        }
        return value
    }

    static func versionValue(_ context: Context, _ name: String) throws -> Int {
        guard let number = Int(try pathValue(context, name)), number >= 1 else { throw DomainError.invalidField(name, "must be a positive integer") }
        return number
    }

    func modelView(_ name: String, pageToken: String?, user: WebUser) async throws -> ModelView {
        let principal = user.principal
        let model = try await registry.model(named: name, by: principal)
        let query = try ListQuery.make(entity: .versions, scope: "web-versions:\(model.name)", filter: nil, orderBy: ["version DESC"],
                                       defaultOrder: SortOrder([SortKey(.version, descending: true)]), maxResults: 100, pageToken: pageToken)
        let versions = try await registry.listVersions(modelName: model.name, query, by: principal)
        let link = "/ui/models/" + URLText.segment(model.name)
        let numbers = versions.items.map(\.number)
        let latest = numbers.first
        var aliasRows: [AliasRow] = []
        for alias in try await registry.aliases(modelName: model.name, by: principal) {
            let history = (try? await registry.aliasHistory(modelName: model.name, alias: alias.name, limit: 10, by: principal)) ?? []
            aliasRows.append(AliasRow(name: alias.name, version: "v\(alias.version)", updatedAt: Format.time(alias.updatedAt), updatedBy: alias.updatedBy,
                                      deleteAction: "\(link)/aliases/\(URLText.segment(alias.name))/delete",
                                      history: history.map { event in
                                          AliasRow.HistoryRow(at: Format.time(event.at), by: event.by,
                                                              change: "\(event.action.rawValue): \(event.fromVersion.map { "v\($0)" } ?? "–") → \(event.toVersion.map { "v\($0)" } ?? "–")",
                                                              promotion: event.promotionID.map { "/ui/promotions/" + URLText.segment($0) })
                                      }))
        }
        var view = ModelView(
            name: model.name, link: link, description: model.description,
            facts: [Fact(label: "Owner", value: model.owner ?? "—"), Fact(label: "Task", value: model.task ?? "—"),
                    Fact(label: "Framework", value: model.framework ?? "—"), Fact(label: "Visibility", value: model.visibility.rawValue),
                    Fact(label: "Versions", value: String(model.lastVersionNumber)), Fact(label: "Updated", value: Format.time(model.updatedAt))],
            tags: model.tags.sorted { $0.key < $1.key }.map { Fact(label: $0.key, value: $0.value) },
            card: Self.cardFacts(model.card),
            versions: versions.items.map(VersionRow.init),
            olderVersionsLink: versions.nextPageToken.map { "\(link)?" + URLText.query([("page_token", $0)]) },
            versionNumbers: numbers.enumerated().map { Choice(value: String($1), label: "v\($1)", selected: $0 == 1) },
            compareTo: numbers.enumerated().map { Choice(value: String($1), label: "v\($1)", selected: $0 == 0) },
            aliases: aliasRows, lineageVersion: nil, runs: [], inputs: [], consumers: [], charts: [], alerts: [], promotions: [],
            timeline: [], timelineLink: "/ui/audit?" + URLText.query([("model", model.name)]), showTimeline: user.canAudit)
        view.hasCompare = numbers.count >= 2
        let allowed = try await registry.permittedActions(modelName: model.name, by: principal)
        let protected = allowed.contains(.writeVersion) ? ((try? await registry.aliasProtections(modelName: model.name, by: principal)) ?? []) : []
        view.actions = ModelActions(link: link, allowed: allowed, ready: versions.items.filter { $0.status == .ready }.map(\.number),
                                    protected: protected.map(\.alias))
        if let latest {
            view.lineageVersion = "v\(latest)"
            if let upstream = try? await services.lineage.upstream(modelName: model.name, number: latest, by: principal) {
                view.runs = upstream.runs.map { RunRow(id: $0.id, name: $0.name, codeVersion: $0.codeVersion) }
                view.inputs = upstream.inputs.map { input in
                    let dataset = input.datasetVersion
                    return InputRow(dataset: dataset.datasetName, version: "v\(dataset.number)", link: "/ui/datasets/" + URLText.segment(dataset.datasetName),
                                    uri: dataset.uri, tainted: dataset.taint != nil)
                }
            }
            if let consumers = try? await services.lineage.consumers(modelName: model.name, number: latest, by: principal) {
                view.consumers = consumers.consumers.map {
                    ConsumerRow(name: $0.consumerName, window: String($0.windowCount), total: String($0.totalCount), lastSeen: Format.time($0.lastSeen))
                }
            }
            view.charts = await charts(model.name, version: latest, principal: principal)
        }
        if let alerts = services.alerts, let open = try? await alerts.alerts(modelName: model.name, state: .open, limit: 50, by: principal) {
            view.alerts = open.alerts.map(AlertRow.init)
        }
        if let open = try? await registry.promotions(modelName: model.name, state: .open, maxResults: 20, by: principal) {
            view.promotions = open.items.map(PromotionRow.init)
        }
        if user.canAudit {
            view.timeline = (try? await recentAudit(AuditQuery(model: model.name), limit: 30, principal: principal)) ?? []
        }
        return view
    }

    /// Up to four monitoring series of a version, newest windows last.
    func charts(_ model: String, version: Int, principal: Principal) async -> [SVGChart] {
        guard let alerts = services.alerts, let names = try? await alerts.metricNames(modelName: model, version: version, by: principal) else { return [] }
        var charts: [SVGChart] = []
        for info in names.prefix(4) {
            guard let points = try? await alerts.series(modelName: model, version: version, metric: info.metric, feature: info.feature,
                                                        from: nil, to: nil, limit: 200, by: principal) else { continue }
            let title = info.metric + (info.feature.map { " · \($0)" } ?? "") + " (v\(version))"
            if let chart = SVGChart(title: title, points: points) { charts.append(chart) }
        }
        return charts
    }

    /// The newest `limit` audit entries matching `query` (the trail is read forwards, so this
    /// starts a bounded distance before the head), newest first.
    func recentAudit(_ query: AuditQuery, limit: Int, principal: Principal) async throws -> [AuditRow] {
        let size = try await registry.auditCheckpoint(by: principal)?.treeSize ?? 0
        var query = query
        query.afterIndex = size > 2000 ? size - 2001 : nil
        query.limit = 2000
        let entries = try await registry.auditEntries(query, by: principal)
        return entries.suffix(limit).reversed().map(AuditRow.init)
    }

    /// The card's fields in a stable order: the standard fields first, then any others.
    static func cardFacts(_ card: JSONValue) -> [Fact] {
        guard case .object(let fields) = card else { return [] }
        let standard = ["summary", "intended_use", "out_of_scope_use", "limitations", "training_data", "evaluation_data", "evaluation_results",
                        "ethical_considerations", "caveats", "license", "contact", "markdown"]
        let ordered = standard.filter { fields[$0] != nil } + fields.keys.filter { !standard.contains($0) }.sorted()
        return ordered.compactMap { key in
            guard let value = fields[key], value != .null else { return nil }
            return Fact(label: key.replacingOccurrences(of: "_", with: " ").capitalizedFirst, value: Format.json(value))
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
