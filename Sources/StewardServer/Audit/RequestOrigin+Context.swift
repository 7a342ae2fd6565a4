import Hummingbird
import StewardCore

extension StewardRequestContext {
    /// Where this request came from, for the audit trail: request id, peer address (the socket
    /// peer; proxy headers are not trusted) and user agent (truncated).
    func origin(of request: Request, door: String) -> RequestOrigin {
        RequestOrigin(requestID: requestID, clientAddress: remoteAddress?.ipAddress,
                      userAgent: request.headers[.userAgent].map { String($0.prefix(256)) }, door: door)
    }
}
