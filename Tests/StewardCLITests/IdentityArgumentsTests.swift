import ArgumentParser
import Foundation
import StewardAPI
import Testing

@testable import StewardCLI

@Suite("Identity command arguments")
struct IdentityArgumentsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let badExpiries: [(Int?, String?)] = [
        (0, nil), (-1, nil), (367, nil), (nil, "tomorrow"), (nil, "2027-01-31"),
        (nil, "2001-01-01T00:00:00Z"), (7, "2027-01-31T00:00:00Z"),
    ]

    @Test("--expires-in counts whole days from now; --expires-at takes RFC 3339, with or without a fraction")
    func expiry() throws {
        #expect(try TokenExpiry.resolve(days: nil, timestamp: nil, now: now) == nil)
        #expect(try TokenExpiry.resolve(days: 30, timestamp: nil, now: now) == now.addingTimeInterval(30 * 86_400))
        #expect(try TokenExpiry.resolve(days: 366, timestamp: nil, now: now) == now.addingTimeInterval(366 * 86_400))
        let at = try TokenExpiry.resolve(days: nil, timestamp: "2027-01-31T00:00:00Z", now: now)
        #expect(at == Date(timeIntervalSince1970: 1_801_353_600))
        let fractional = try TokenExpiry.resolve(days: nil, timestamp: "2027-01-31T01:00:00.250+01:00", now: now)
        #expect(fractional == Date(timeIntervalSince1970: 1_801_353_600.25))
    }

    @Test("expiry options out of range, malformed, in the past or combined are usage errors",
          arguments: Self.badExpiries)
    func badExpiry(days: Int?, timestamp: String?) {
        #expect(throws: CLIFailure.self) { try TokenExpiry.resolve(days: days, timestamp: timestamp, now: now) }
    }

    @Test("a grant subject is account:<name> or team:<name>")
    func subjects() throws {
        let account = try GrantSubject(parsing: "account:alice@example.com")
        #expect(account.kind == .account && account.name == "alice@example.com")
        #expect(account.description == "account:alice@example.com")
        let team = try GrantSubject(parsing: "team:risk")
        #expect(team.kind == .team && team.name == "risk")
        for bad in ["alice", "user:alice", "account:", "team:", ":risk", "Team:risk", "team:a/b", "account:a\nb", ""] {
            #expect(throws: ValidationError.self, "\(bad.debugDescription)") { try GrantSubject(parsing: bad) }
        }
    }

    @Test("the password is stdin less one trailing line break")
    func password() throws {
        #expect(try PasswordInput.password(from: Data("correct horse battery".utf8)) == "correct horse battery")
        #expect(try PasswordInput.password(from: Data("correct horse battery\n".utf8)) == "correct horse battery")
        #expect(try PasswordInput.password(from: Data("correct horse battery\r\n".utf8)) == "correct horse battery")
        #expect(try PasswordInput.password(from: Data("  spaces kept  \n".utf8)) == "  spaces kept  ")
        for bad in [Data(), Data("\n".utf8), Data("two\nlines".utf8), Data("trailing blank line\n\n".utf8),
                    Data([0xff, 0xfe, 0x41]), Data(repeating: 0x61, count: PasswordInput.maxBytes + 1)] {
            #expect(throws: CLIFailure.self) { try PasswordInput.password(from: bad) }
        }
    }

    @Test("commands parse roles, tiers, scopes, permissions and visibility by their wire names")
    func enumerations() throws {
        let create = try AccountsCommand.Create.parse(["ci", "--kind", "service", "--role", "contributor", "--role", "approver", "--tier", "high"])
        #expect(create.kind == .service && create.roles == [.contributor, .approver] && create.tier == .high && !create.passwordStdin)
        #expect(throws: (any Error).self) { try AccountsCommand.Create.parse(["ci", "--role", "superuser"]) }
        #expect(throws: (any Error).self) { try AccountsCommand.Create.parse(["ci", "--password", "hunter2hunter2"]) }

        let token = try TokensCommand.Create.parse(["deploy", "--scope", "read", "--scope", "write", "--expires-in", "30", "--account", "ci"])
        #expect(token.scopes == [.read, .write] && token.expiresIn == 30 && token.account == "ci")
        #expect(throws: (any Error).self) { try TokensCommand.Create.parse(["x", "--expires-in", "1", "--expires-at", "2027-01-31T00:00:00Z"]) }
        #expect(throws: (any Error).self) { try TokensCommand.Create.parse(["x", "--scope", "root"]) }

        let grant = try GrantsCommand.Assign.parse(["fraud", "team:risk", "maintain"])
        #expect(grant.reference.subject == (try GrantSubject(parsing: "team:risk")) && grant.permission == .maintain)
        #expect(throws: (any Error).self) { try GrantsCommand.Assign.parse(["fraud", "risk", "read"]) }
        #expect(throws: (any Error).self) { try GrantsCommand.Assign.parse(["fraud", "team:risk", "admin"]) }

        #expect(try ModelsCommand.Create.parse(["m", "--visibility", "restricted", "--owner", "risk"]).visibility == .restricted)
        #expect(try ModelsCommand.Update.parse(["m", "--visibility", "internal"]).visibility == ._internal)
        #expect(throws: (any Error).self) { try ModelsCommand.Create.parse(["m", "--visibility", "private"]) }
    }

    @Test("accounts update needs something to change, and --disable and --enable exclude each other")
    func accountUpdate() throws {
        #expect(try AccountsCommand.Update.parse(["alice", "--disable"]).state == .disable)
        #expect(try AccountsCommand.Update.parse(["alice", "--enable"]).state == .enable)
        #expect(try AccountsCommand.Update.parse(["alice", "--password-stdin"]).passwordStdin)
        #expect(throws: (any Error).self) { try AccountsCommand.Update.parse(["alice"]) }
        #expect(throws: (any Error).self) { try AccountsCommand.Update.parse(["alice", "--disable", "--enable"]) }
    }

    @Test("a new token's secret is printed last, labelled as shown once; listings never say more than the server did")
    func tokenOutput() throws {
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        let token = Token(id: "tok_1", name: "ci", scopes: [.read], account: "ci", secret: "stw_abc",
                          createdAt: created, createdBy: "admin")
        let text = TokenPrinting.created(token)
        #expect(text.hasSuffix("Secret (shown only this once; store it now, it cannot be retrieved later):\nstw_abc"))
        #expect(text.contains("Expires:  never"))
        var listed = token
        listed.secret = nil
        listed.account = nil
        listed.lastUsedAt = created
        let table = TokenPrinting.table([listed]).split(separator: "\n")
        #expect(table.first?.split(separator: " ", omittingEmptySubsequences: true) == ["ID", "NAME", "SCOPES", "EXPIRES", "LAST", "USED", "REVOKED"])
        #expect(table.last?.contains("never") == true && table.last?.contains("2027-01-15T08:00:00.000Z") == true)
        let json = try JSONOutput.string(token)
        #expect(json.contains(#""secret" : "stw_abc""#))
    }
}
