import Foundation
import StewardCore

/// Where a file from the browser's upload form goes inside the version. The browser's file name is
/// untrusted (a hand-made request can send `../../etc/passwd`, an absolute Windows path or control
/// characters): only its last path component is kept, and what remains must be a plain name. The
/// result is then validated by `ArtifactPath`, the same rule as the API's `PUT …/files/{path}`.
enum UploadName {
    /// Longest file name accepted (most file systems stop at 255 bytes).
    static let maxNameBytes = 255

    /// The optional folder typed into the form (surrounding spaces and trailing slashes dropped),
    /// validated like any artifact path; nil when blank.
    static func prefix(_ raw: String?) throws -> ArtifactPath? {
        var text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        do {
            return try ArtifactPath(text)
        } catch let error as DomainError {
            throw DomainError(.invalid, code: "invalid_path", "The folder '\(text)' cannot be used: \(reason(error)).",
                              fieldErrors: [FieldError(field: "prefix", message: reason(error))])
        }
    }

    /// The path of an uploaded file: `prefix/name`, where `name` is the last component of what the
    /// browser sent. Refuses names that are empty, `.`/`..`, too long or hold control characters.
    static func path(filename raw: String, prefix: ArtifactPath?) throws -> ArtifactPath {
        let name = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        func refuse(_ why: String) -> DomainError {
            DomainError(.invalid, code: "invalid_file_name", "The file name '\(printable(raw))' cannot be used: \(why).",
                        fieldErrors: [FieldError(field: "files", message: why)])
        }
        if name.isEmpty { throw refuse("it has no name after its last slash") }
        if name == "." || name == ".." { throw refuse("'.' and '..' are not file names") }
        if name.containsControlCharacter { throw refuse("it contains control characters") }
        if name.utf8.count > maxNameBytes { throw refuse("it is longer than \(maxNameBytes) bytes") }
        do {
            return try ArtifactPath(prefix.map { $0.value + "/" + name } ?? name)
        } catch let error as DomainError {
            throw refuse(reason(error))
        }
    }

    /// A file name as it may be shown in a message: control characters replaced, length bounded.
    static func printable(_ raw: String) -> String {
        let shown = String(raw.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        return shown.count > 120 ? shown.prefix(120) + "…" : shown
    }

    private static func reason(_ error: DomainError) -> String {
        error.fieldErrors.first?.message ?? error.message
    }
}
