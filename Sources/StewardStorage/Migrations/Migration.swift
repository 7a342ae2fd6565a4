/// One numbered schema change. Migrations are append-only: a released migration is never edited,
/// a later one changes what it did.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// The statements, per dialect (most are identical; auto-increment columns and types differ).
    public var statements: @Sendable (SQLDialectKind) -> [String]

    public init(version: Int, name: String, statements: @escaping @Sendable (SQLDialectKind) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
