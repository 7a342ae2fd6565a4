import Hummingbird
import Logging
import NIOCore
import StewardCore

/// Per-request state shared by middleware and handlers: the request id and, once authenticated, the
/// principal. Issue 4's richer identities (teams, grants, token scopes) hang off `principal`.
public struct StewardRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Correlates logs, responses and (later) audit entries.
    public var requestID: String = ""
    /// Who is calling; set by `AuthenticationMiddleware`.
    public var principal: Principal?
    /// Limit for bodies that are decoded in full (JSON); artifact uploads stream and are not bound by it.
    public var maxUploadSize: Int = 2 << 20
    /// The peer's address, for limits on callers that are not authenticated.
    public var remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The authenticated principal; routes behind `AuthenticationMiddleware` always have one.
    public func requirePrincipal() throws -> Principal {
        guard let principal else {
            throw DomainError(.unauthenticated, code: "unauthenticated", "A valid bearer token is required.")
        }
        return principal
    }
}
