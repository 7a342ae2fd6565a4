import Foundation
import HTTPTypes
import Hummingbird
import StewardCore

/// The response fields that tell a client a version is deprecated: `Deprecation` (RFC 9745, a
/// structured-field date `@<epoch seconds>`), `Sunset` (RFC 8594, an HTTP-date) and `Link` to the
/// successor and to the deprecated version itself.
enum DeprecationHeaders {
    static let deprecation = HTTPField.Name("Deprecation")!
    static let sunset = HTTPField.Name("Sunset")!
    static let link = HTTPField.Name("Link")!

    /// Adds the fields when `version` is deprecated (nothing otherwise).
    static func add(_ version: ModelVersion, to headers: inout HTTPFields) {
        guard let deprecation = version.lifecycleState.deprecation else { return }
        headers[Self.deprecation] = "@\(Int64(deprecation.deprecatedAt.timeIntervalSince1970.rounded(.down)))"
        headers[Self.sunset] = httpDate(deprecation.sunsetAt)
        let base = "/api/v1/models/\(pathSegment(version.modelName))/versions"
        headers.append(HTTPField(name: Self.link, value: "<\(base)/\(deprecation.replacement)>; rel=\"successor-version\""))
        headers.append(HTTPField(name: Self.link, value: "<\(base)/\(version.number)>; rel=\"deprecation\"; type=\"application/json\""))
    }

    /// Adds the fields to a finished response.
    static func adding(_ version: ModelVersion, to response: Response) -> Response {
        var response = response
        add(version, to: &response.headers)
        return response
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
