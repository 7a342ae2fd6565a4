import Foundation
import Hummingbird
import StewardCore

/// Promotion requests: the queue, one request, and approving or rejecting it (the same
/// `Registry.approvePromotion` / `rejectPromotion` as the API, so the policy decides).
extension WebRoutes {
    func registerPromotions(on ui: RouterGroup<Context>) {
        page(ui, "promotions") { request, _, user in
            let query = FormData(request.uri.query ?? "")
            let stateText = query["state"] ?? "open"
            let state = stateText == "all" ? nil : PromotionState(rawValue: stateText)
            guard stateText == "all" || state != nil else { throw DomainError.invalidField("state", "must be open, completed, rejected, cancelled or all") }
            let page = try await registry.promotions(modelName: nil, state: state, maxResults: 50, pageToken: query["page_token"], by: user.principal)
            let states = (["open", "completed", "rejected", "cancelled", "all"]).map { Choice(value: $0, label: $0, selected: $0 == stateText) }
            let view = PromotionListView(rows: page.items.map(PromotionRow.init), states: states,
                                         nextLink: page.nextPageToken.map { "/ui/promotions?" + URLText.query([("state", stateText), ("page_token", $0)]) })
            return try render(Layout(title: "Promotions", user: user, section: .promotions), view, "promotions")
        }
        page(ui, "promotions/:id") { request, context, user in
            let detail = try await registry.promotion(id: try Self.pathValue(context, "id"), by: user.principal)
            return try render(Layout(title: "Promotion \(detail.request.modelName)@\(detail.request.alias)", user: user, section: .promotions,
                                     notice: request.uri.queryParameters.get("done").map { "The request was \($0)." }),
                              PromotionDetailView(detail), "promotion")
        }
        action(ui, "promotions/:id/approve") { _, context, user, form in
            let id = try Self.pathValue(context, "id")
            let detail = try await registry.approvePromotion(id: id, comment: form["comment"] ?? "", by: user.principal)
            return WebResponse.redirect("/ui/promotions/\(URLText.segment(id))?" + URLText.query([("done", detail.request.state == .completed ? "approved and completed" : "approved")]))
        }
        action(ui, "promotions/:id/reject") { _, context, user, form in
            let id = try Self.pathValue(context, "id")
            _ = try await registry.rejectPromotion(id: id, comment: form["comment"] ?? "", by: user.principal)
            return WebResponse.redirect("/ui/promotions/\(URLText.segment(id))?done=rejected")
        }
    }
}
