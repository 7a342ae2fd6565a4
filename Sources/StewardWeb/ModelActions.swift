import Foundation
import StewardCore

/// The forms of a model page, shown only to principals the access policy lets use them (the use
/// cases still decide): a new version and promotion requests for writers, setting and deleting
/// aliases for maintainers. A refused form comes back filled in, with its problems listed.
struct ModelActions: Sendable {
    /// May create versions (and upload, finalize, ask for promotions).
    var canWrite = false
    /// May set, move and delete aliases.
    var canMoveAlias = false
    var version = VersionForm()
    var alias = AliasForm()
    var promotion = PromotionForm()

    struct VersionForm: Sendable {
        /// Shown unfolded (a model without versions, or a refused form).
        var open = false
        var action = ""
        var description = ""
        var metrics = ""
        var params = ""
        var tags = ""
        var source = ""
        var errors: [String] = []
    }

    struct AliasForm: Sendable {
        var action = ""
        var name = ""
        /// Ready versions, newest first (an alias may only point at a ready version).
        var versions: [Choice] = []
        var hasVersions = false
        var errors: [String] = []
    }

    struct PromotionForm: Sendable {
        /// Shown when the user may write, some alias is protected and some version is ready.
        var show = false
        var action = ""
        var aliases: [Choice] = []
        var versions: [Choice] = []
        var comment = ""
        var errors: [String] = []
    }

    /// The forms of a model page for `allowed`, with version choices from `ready` (newest first).
    init(link: String, allowed: Set<Action>, ready: [Int], protected: [String]) {
        canWrite = allowed.contains(.writeVersion)
        canMoveAlias = allowed.contains(.moveAlias)
        version.action = link + "/versions"
        version.open = ready.isEmpty
        alias.action = link + "/aliases"
        alias.versions = ready.enumerated().map { Choice(value: String($1), label: "v\($1)", selected: $0 == 0) }
        alias.hasVersions = !ready.isEmpty
        promotion.action = link + "/promotions"
        promotion.show = canWrite && !protected.isEmpty && !ready.isEmpty
        promotion.aliases = protected.sorted().map { Choice(value: $0, label: "@" + $0, selected: false) }
        promotion.versions = alias.versions
    }

    /// Marks `value` as the selected choice (a refused form keeps what was chosen).
    static func select(_ value: String?, in choices: [Choice]) -> [Choice] {
        guard let value, choices.contains(where: { $0.value == value }) else { return choices }
        return choices.map { Choice(value: $0.value, label: $0.label, selected: $0.value == value) }
    }
}

/// The page that registers a new model, holding what was typed so a refused form comes back filled in.
struct NewModelView: Sendable {
    var name = ""
    var description = ""
    var task = ""
    var framework = ""
    var owner = ""
    var tags = ""
    var visibilities: [Choice] = Visibility.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0 == .internal) }
    /// Templates to create the model from; the first choice is none.
    var templates: [Choice] = []
    var hasTemplates = false
    var errors: [String] = []
}
