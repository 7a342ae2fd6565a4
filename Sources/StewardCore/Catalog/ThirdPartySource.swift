import Foundation

/// Where a model comes from: built in-house, or published by a third party (a vendor, a model hub)
/// under a license and terms. Third-party models live in the same catalog with the same quality
/// signals; these facts say whose they are and on what conditions they may be used.
public struct ModelSource: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
        case `internal`, thirdParty = "third_party"
    }

    public var kind: Kind
    /// Who publishes it (`huggingface`, `openai`, a vendor's name).
    public var provider: String?
    /// Where it was obtained (http or https).
    public var url: String?
    /// The provider's revision (commit, tag, model version string).
    public var revision: String?
    /// SPDX id or name of the license; for internal models the card's `license` is used when this is empty.
    public var license: String?
    /// Terms of use, or a link to them.
    public var terms: String?

    public init(kind: Kind = .internal, provider: String? = nil, url: String? = nil, revision: String? = nil,
                license: String? = nil, terms: String? = nil) {
        self.kind = kind
        self.provider = provider
        self.url = url
        self.revision = revision
        self.license = license
        self.terms = terms
    }

    public static let `internal` = ModelSource()

    /// Third-party models must name their provider, where they came from and their license.
    public func validate(field: String = "source") throws {
        var validator = Validator()
        for (name, value, limit) in [("provider", provider, 256), ("url", url, 2048), ("revision", revision, 256),
                                     ("license", license, 256), ("terms", terms, 65_536)] {
            guard let value else { continue }
            validator.check(value.count <= limit, "\(field).\(name)", "must be at most \(limit) characters")
            if name != "terms" { validator.check(!value.containsControlCharacter, "\(field).\(name)", "must not contain control characters") }
        }
        if let url, !url.isEmpty {
            let parsed = URL(string: url)
            validator.check(parsed?.host != nil && ["http", "https"].contains(parsed?.scheme?.lowercased() ?? ""),
                            "\(field).url", "must be an http or https URL")
        }
        if kind == .thirdParty {
            validator.check(!(provider ?? "").isEmpty, "\(field).provider", "is required for a third-party model")
            validator.check(!(url ?? "").isEmpty, "\(field).url", "is required for a third-party model")
            validator.check(!(license ?? "").isEmpty, "\(field).license", "is required for a third-party model")
        } else {
            validator.check(provider == nil && url == nil && revision == nil && terms == nil, field,
                            "an internal model has no provider, url, revision or terms")
        }
        try validator.finish()
    }
}
