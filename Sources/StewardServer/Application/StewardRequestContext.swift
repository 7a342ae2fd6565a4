import Hummingbird
import Logging
import StewardCore

/// Per-request state shared by middleware and handlers: the request id and, once authenticated, the
/// principal. Issue 4's richer identities (teams, grants, token scopes) hang off `principal`.
public struct StewardRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Correlates logs, responses and (later) audit entries.
    public var requestID: String = ""
    /// Who is calling; set by `AuthenticationMiddleware`.
    public var principal: Principal?
    /// Limit for bodies that are decoded in full (JSON); artifact uploads stream and are not bound by it.
    public var maxUploadSize: Int = 2 << 20

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The authenticated principal; routes behind `AuthenticationMiddleware` always have one.
    public func requirePrincipal() throws -> Principal {
        guard let principal else {
            throw DomainError(.unauthenticated, code: "unauthenticated", "A valid bearer token is required.")
        }
        return principal
    }
}
