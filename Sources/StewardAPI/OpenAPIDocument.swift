import Foundation

/// The OpenAPI document of the native API, the single source of truth for its contract: the client
/// (and its types) are generated from it at build time and the server serves it at `/openapi.json`.
public enum OpenAPIDocument {
    /// The YAML text of `openapi.yaml`, bundled as a resource.
    public static func yaml() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
