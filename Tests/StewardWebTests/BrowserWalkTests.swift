import Foundation
import StewardTestSupport
import Testing

/// A real headless Chromium against a real `steward serve`: signs in through the form, searches,
/// opens a model, compares two versions and approves a promotion, then registers a model, creates
/// a version, uploads a file through the file input, finalizes it and sets an alias
/// (tests/browser/ui_walk.py drives it over the DevTools protocol). Screenshots of every step are kept in
/// `.build/test-artifacts/ui/`. `make test` installs Chromium when it is missing and sets
/// STEWARD_TEST_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping.
@Suite("Web UI: a real browser walks the main tasks")
struct BrowserWalkTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["STEWARD_TEST_REQUIRE_BROWSER"] == "1" }

    @Test(.enabled(if: chromium != nil || required, "Chromium is not installed (make test installs it)"), .timeLimit(.minutes(10)))
    func signInSearchOpenCompareApproveAndRegister() async throws {
        let chromium = try #require(Self.chromium, "Chromium is required here (apt-get install chromium)")
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let server = try await ServerProcess(dataDirectory: directory + "/data", database: nil)
        defer { server.terminateNow() }
        let artifacts = Self.repository.appendingPathComponent(".build/test-artifacts/ui").path
        try? FileManager.default.removeItem(atPath: artifacts)

        let output = try Pipe2()
        let walk = try ChildProcess("/usr/bin/env", ["timeout", "--kill-after=20", "400", "python3", Self.repository.appendingPathComponent("tests/browser/ui_walk.py").path,
                                                     "--url", server.baseURL, "--token", server.adminToken, "--out", artifacts, "--chromium", chromium],
                                    stdout: .descriptor(output.write), stderr: .descriptor(output.write))
        close(output.write)
        let text = String(decoding: ChildProcess.readAll(output.read), as: UTF8.self)
        close(output.read)
        walk.waitUntilExit()
        #expect(walk.terminationStatus == 0, "browser walk failed:\n\(text)\nserver log:\n\(server.log.suffix(2000))")
        let summary = text.split(separator: "\n").last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(summary?["ok"] as? Bool == true, "\(text)")
        #expect(summary?["steps"] as? [String] == ["sign-in", "search", "open-model", "compare", "approve", "audit-and-narrow",
                                                   "register-upload-finalize-alias"])
        for name in ["01-sign-in", "02-catalog-search", "03-model", "04-compare", "05-promotion", "06-approved",
                     "09-new-model", "10-upload", "11-finalized", "12-alias"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: "\(artifacts)/\(name).png")[.size] as? Int) ?? 0
            #expect(size > 5_000, "screenshot \(name).png is missing or empty")
        }
    }
}
