import Foundation
import StewardCore

/// What the shared page frame (`layout.mustache`) shows: title, navigation, the signed-in user
/// and the CSRF token of the sign-out form.
struct Layout: Sendable {
    var title: String
    var user: String?
    var csrf: String = ""
    var admin = false
    var auditor = false
    /// Which navigation entry is the current page (`aria-current`).
    var section: Section = .none
    /// A one-line message shown at the top of the main area (after a form post).
    var notice: String?
    /// Where the page sends the browser on by itself (`<meta http-equiv="refresh">`; no script needed).
    var refresh: String?

    enum Section: Sendable { case none, catalog, promotions, datasets, audit, admin }

    // Stored, not computed: templates read values through reflection, which sees stored properties only.
    var navCatalog = false
    var navPromotions = false
    var navDatasets = false
    var navAudit = false
    var navAdmin = false

    init(title: String, user: WebUser?, section: Section = .none, notice: String? = nil, refresh: String? = nil) {
        self.title = title
        self.refresh = refresh
        self.user = user?.principal.name
        csrf = user?.csrf ?? ""
        admin = user?.isAdmin ?? false
        auditor = user?.canAudit ?? false
        self.section = section
        self.notice = notice
        navCatalog = section == .catalog
        navPromotions = section == .promotions
        navDatasets = section == .datasets
        navAudit = section == .audit
        navAdmin = section == .admin
    }
}

/// A page: the frame plus the page's own view model (`page` in templates).
struct PageView<Content: Sendable>: Sendable {
    var layout: Layout
    var page: Content
}

/// Formatting shared by view models.
enum Format {
    static func time(_ date: Date?) -> String { date.map { Timestamp.format($0) } ?? "" }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }

    /// A byte count for people (`1.5 MB`), exact below a kilobyte.
    static func bytes(_ count: Int64) -> String {
        guard count >= 1000 else { return "\(count) bytes" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(count) / 1000, unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }

    /// A JSON value as compact text (card fields that are not plain strings).
    static func json(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return CanonicalJSON.encode(value)
    }
}
