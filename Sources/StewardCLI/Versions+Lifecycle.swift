import ArgumentParser
import Foundation
import StewardAPI

extension VersionsCommand {
    /// `steward versions deprecate MODEL VERSION --replacement N --sunset 2026-09-01T00:00:00Z --reason …`.
    struct Deprecate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deprecate",
            abstract: "Deprecate a version: clients get Deprecation/Sunset/Link headers, then 410 after the sunset.")

        @OptionGroup var target: VersionReference

        @Option(help: "The version that replaces it (same model, ready).")
        var replacement: Int

        @Option(help: "When it stops being served: an RFC 3339 time, or a delay from now such as 30d, 12h, 90m.")
        var sunset: String

        @Option(help: "Why (shown to consumers and recorded in the audit trail).")
        var reason: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let date = try SunsetArgument.parse(sunset)
            try await options.withClient { client in
                let version = try await client.deprecateVersion(
                    path: .init(name: target.model, version: target.version),
                    body: .json(.init(reason: reason, replacement: replacement, sunset: date))).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }

    /// `steward versions undeprecate MODEL VERSION`.
    struct Undeprecate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "undeprecate", abstract: "Withdraw a deprecation before its sunset.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.undeprecateVersion(path: .init(name: target.model, version: target.version)).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }

    /// `steward versions hold MODEL VERSION --reason …`.
    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold", abstract: "Put a version on legal hold: retention never retires it and it cannot be deleted.")

        @OptionGroup var target: VersionReference

        @Option(help: "Why (recorded in the audit trail).")
        var reason: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.setLegalHold(path: .init(name: target.model, version: target.version),
                                                            body: .json(.init(reason: reason))).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }

    /// `steward versions release MODEL VERSION`.
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Release a version's legal hold.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.releaseLegalHold(path: .init(name: target.model, version: target.version)).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }
}

/// `--sunset`: an RFC 3339 time or a delay from now (`30d`, `12h`, `90m`, `45s`).
enum SunsetArgument {
    static func parse(_ text: String, now: Date = Date()) throws -> Date {
        if let date = try? Timestamp.parse(text) { return date }
        let units: [Character: Double] = ["d": 86_400, "h": 3600, "m": 60, "s": 1]
        if let unit = text.last, let scale = units[unit], let count = Double(text.dropLast()), count > 0 {
            return now.addingTimeInterval(count * scale)
        }
        throw ValidationError("--sunset must be an RFC 3339 time (2026-09-01T00:00:00Z) or a delay such as 30d, 12h, 90m")
    }
}
