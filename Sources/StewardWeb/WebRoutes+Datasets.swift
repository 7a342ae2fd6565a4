import Foundation
import Hummingbird
import StewardCore

/// Datasets and where their versions went (the `Lineage` use cases).
extension WebRoutes {
    func registerDatasets(on ui: RouterGroup<Context>) {
        page(ui, "datasets") { request, _, user in
            let page = try await services.lineage.datasets(maxResults: 100, pageToken: request.uri.queryParameters.get("page_token"), by: user.principal)
            let view = DatasetListView(rows: page.items.map(DatasetListView.Row.init),
                                       nextLink: page.nextPageToken.map { "/ui/datasets?" + URLText.query([("page_token", $0)]) })
            return try render(Layout(title: "Datasets", user: user, section: .datasets), view, "datasets")
        }
        page(ui, "datasets/:name") { _, context, user in
            let lineage = services.lineage
            let dataset = try await lineage.dataset(named: try Self.pathValue(context, "name"), by: user.principal)
            let versions = try await lineage.datasetVersions(datasetName: dataset.name, maxResults: 100, pageToken: nil, by: user.principal)
            var view = DatasetView(
                name: dataset.name, description: dataset.description,
                facts: [Fact(label: "Owner", value: dataset.owner ?? "—"), Fact(label: "Source system", value: dataset.sourceSystem ?? "—"),
                        Fact(label: "License", value: dataset.license ?? "—"), Fact(label: "Created", value: "\(Format.time(dataset.createdAt)) by \(dataset.createdBy)")],
                versions: versions.items.map {
                    DatasetView.Version(number: "v\($0.number)", uri: $0.uri, digest: $0.digest, rows: $0.rowCount.map(String.init) ?? "—",
                                        created: Format.time($0.createdAt), taint: $0.taint.map { "flagged: \($0.reason.rawValue)" })
                },
                downstream: [], downstreamOf: nil)
            if let newest = versions.items.map(\.number).max(),
               let down = try? await lineage.downstream(datasetName: dataset.name, number: newest, by: user.principal) {
                view.downstreamOf = "v\(newest)"
                view.downstream = down.versions.map {
                    DatasetView.Downstream(model: $0.model, link: "/ui/models/" + URLText.segment($0.model), version: "v\($0.number)",
                                           aliases: $0.aliases.map { "@" + $0 }.joined(separator: " "),
                                           consumers: String($0.consumers.count))
                }
            }
            return try render(Layout(title: dataset.name, user: user, section: .datasets), view, "dataset")
        }
    }
}
