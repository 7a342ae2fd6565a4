import Foundation
import Testing

@testable import StewardCLI

@Suite("Local files")
struct LocalFilesTests {
    @Test("a directory uploads every regular file, '/'-separated, relative to it, sorted, under an optional prefix")
    func walksDirectories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("steward-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("weights/layer"), withIntermediateDirectories: true)
        try Data("abc".utf8).write(to: root.appendingPathComponent("model.json"))
        try Data("12345".utf8).write(to: root.appendingPathComponent("weights/layer/0.bin"))

        let files = try LocalFiles.collect(localPath: root.path, remotePath: nil)
        #expect(files.map(\.remotePath) == ["model.json", "weights/layer/0.bin"])
        #expect(files.map(\.size) == [3, 5])
        let prefixed = try LocalFiles.collect(localPath: root.path, remotePath: "v1/")
        #expect(prefixed.map(\.remotePath) == ["v1/model.json", "v1/weights/layer/0.bin"])
        let single = try LocalFiles.collect(localPath: root.appendingPathComponent("model.json").path, remotePath: nil)
        #expect(single.map(\.remotePath) == ["model.json"])
        #expect(throws: CLIFailure.self) { try LocalFiles.collect(localPath: root.appendingPathComponent("missing").path, remotePath: nil) }
    }

    @Test("downloaded paths stay inside the output directory")
    func safeDownloadPaths() throws {
        let base = URL(fileURLWithPath: "/tmp/out", isDirectory: true)
        #expect(try FileDownloader.localURL(for: "a/b.bin", under: base).path == "/tmp/out/a/b.bin")
        for unsafe in ["../x", "a/../../x", "/etc/passwd", "a//b", "./a", ""] {
            #expect(throws: CLIFailure.self) { try FileDownloader.localURL(for: unsafe, under: base) }
        }
    }

    @Test("byte counts use binary units")
    func byteCounts() {
        #expect(ByteCount.format(512) == "512 B")
        #expect(ByteCount.format(1536) == "1.5 KiB")
        #expect(ByteCount.format(3 * 1024 * 1024 * 1024) == "3.0 GiB")
    }
}
