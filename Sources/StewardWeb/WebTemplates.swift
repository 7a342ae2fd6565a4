import Foundation
import Mustache

/// The Mustache templates and the stylesheet, read once at start-up from the target's resources.
/// Templates only use `{{ }}` (HTML-escaped) for data; `{{{ }}}` appears nowhere, so nothing a
/// user typed can become markup.
public struct WebTemplates: Sendable {
    let library: MustacheLibrary
    /// The one stylesheet (served at `/ui/static/steward.css`; no inline styles, so the CSP needs no `unsafe-inline`).
    let stylesheet: String

    /// Loads every `*.mustache` file of the resource directory (or of `directory`, for tests).
    public init(directory: String? = nil) throws {
        guard let root = directory ?? Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw WebTemplateError(message: "the web templates are missing from the build")
        }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        for file in files where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
        stylesheet = try String(contentsOfFile: root + "/steward.css", encoding: .utf8)
    }

    /// Renders `view` with template `name`.
    func render(_ view: Any, _ name: String) throws -> String {
        guard let html = library.render(view, withTemplate: name) else {
            throw WebTemplateError(message: "no template named \(name)")
        }
        return html
    }
}

/// A template could not be loaded or found: a build problem, never the user's.
struct WebTemplateError: Error, CustomStringConvertible {
    var message: String
    var description: String { "web templates: \(message)" }
}
