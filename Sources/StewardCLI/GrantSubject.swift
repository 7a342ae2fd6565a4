import ArgumentParser

/// The subject of a model grant: `account:<name>` or `team:<name>`.
struct GrantSubject: Hashable, Sendable, CustomStringConvertible {
    /// Whom a grant is for.
    enum Kind: String, CaseIterable, Sendable {
        case account
        case team
    }

    /// An account or a team.
    var kind: Kind
    /// The account's or team's name.
    var name: String

    /// The wire form, `kind:name`.
    var description: String { "\(kind.rawValue):\(name)" }

    /// Parses `account:<name>` or `team:<name>` (a non-empty name, no control characters, no `/`).
    /// - Throws: `ValidationError` explaining the expected form.
    init(parsing text: String) throws {
        let expected = "expected account:<name> or team:<name>"
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else {
            throw ValidationError("'\(text)' is not a grant subject: \(expected)")
        }
        let name = String(text[text.index(after: colon)...])
        guard !name.isEmpty else { throw ValidationError("'\(text)' names no \(kind.rawValue): \(expected)") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "/" }) else {
            throw ValidationError("'\(text)': a \(kind.rawValue) name has no '/' or control characters")
        }
        self.kind = kind
        self.name = name
    }
}
