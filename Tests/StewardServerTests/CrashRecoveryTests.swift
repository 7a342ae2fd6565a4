import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import StewardCore
import StewardTestSupport
import Testing

/// The server process is killed with SIGKILL in the middle of a large upload and restarted.
@Suite("Crash recovery and shutdown (real server process)", .serialized)
struct CrashRecoveryTests {
    /// A streamed request body that the test feeds chunk by chunk.
    final class Feed: Sendable {
        let stream: AsyncStream<ByteBuffer>
        let continuation: AsyncStream<ByteBuffer>.Continuation
        init() { (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self) }
    }

    static func chunk(_ index: Int, size: Int = 1 << 20) -> ByteBuffer {
        ByteBuffer(bytes: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) })
    }

    @Test(arguments: TestDatabase.all)
    func killedMidUploadLeavesNothingPartial(_ database: TestDatabase) async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let dbURL = try await database.create(in: root)
        let data = root + "/data"
        var server = try await ServerProcess(dataDirectory: data, database: dbURL)
        let token = server.adminToken
        var base = server.baseURL + "/api/v1/models/m"

        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"m"}"#)
        _ = try await HTTP.send(.POST, base + "/versions", token: token, json: "{}")
        let small = Self.chunk(7, size: 4096)
        _ = try await HTTP.send(.PUT, base + "/versions/1/files/a.bin", token: token, body: .bytes(small))
        let sealed = try await HTTP.send(.POST, base + "/versions/1/finalize", token: token)
        #expect(sealed.json["status"] as? String == "ready")
        _ = try await HTTP.send(.POST, base + "/versions", token: token, json: "{}")

        // Stream 64 MiB slowly; after 16 MiB have reached the server's temporary file, SIGKILL it.
        let feed = Feed()
        let total = 64
        let bigURL = base + "/versions/2/files/big.bin"
        let upload = Task {
            try await HTTP.send(.PUT, bigURL, token: token,
                                body: .stream(feed.stream, length: .known(Int64(total << 20))), timeout: .seconds(60))
        }
        for index in 0..<16 { feed.continuation.yield(Self.chunk(index)) }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let parts = (try? FileManager.default.contentsOfDirectory(atPath: data + "/tmp")) ?? []
            let written = parts.compactMap { try? FileManager.default.attributesOfItem(atPath: data + "/tmp/" + $0)[.size] as? Int }.reduce(0, +)
            if written >= 8 << 20 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await server.stop(signal: SIGKILL) == SIGKILL)
        feed.continuation.finish()
        _ = try? await upload.value

        // Restart on the same data directory and database.
        server = try await ServerProcess(dataDirectory: data, database: dbURL)
        base = server.baseURL + "/api/v1/models/m"
        let v1 = try await HTTP.send(.GET, base + "/versions/1", token: token)
        #expect(v1.json["status"] as? String == "ready")
        #expect(v1.json["manifest_digest"] as? String == sealed.json["manifest_digest"] as? String)
        let file = try await HTTP.send(.GET, base + "/versions/1/files/a.bin", token: token)
        #expect(file.body == small)
        let v2 = try await HTTP.send(.GET, base + "/versions/2", token: token)
        #expect(v2.json["status"] as? String == "pending")
        #expect((v2.json["files"] as? [Any])?.isEmpty == true)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: data + "/tmp")) ?? []).isEmpty, "interrupted upload cleaned")
        // Every visible blob is complete: its content hashes to its name.
        let enumerator = FileManager.default.enumerator(atPath: data + "/blobs/sha256")!
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.count == 64 else { continue }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: data + "/blobs/sha256/" + relative))
            #expect(SHA256.hash(data: bytes).hexString == name)
        }

        // The upload can be completed and the version sealed.
        var whole = ByteBuffer()
        for index in 0..<total { whole.writeImmutableBuffer(Self.chunk(index)) }
        let done = try await HTTP.send(.PUT, base + "/versions/2/files/big.bin", token: token, body: .bytes(whole))
        #expect(done.status == 201 && done.json["size"] as? Int == total << 20)
        let ready = try await HTTP.send(.POST, base + "/versions/2/finalize", token: token)
        #expect(ready.json["status"] as? String == "ready")
        await server.stop()
        await TestDatabase.drop(dbURL)
    }

    @Test func sigtermFinishesInFlightRequests() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        let token = server.adminToken
        let base = server.baseURL + "/api/v1/models/m"
        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"m"}"#)
        _ = try await HTTP.send(.POST, base + "/versions", token: token, json: "{}")
        let feed = Feed()
        let upload = Task {
            try await HTTP.send(.PUT, base + "/versions/1/files/slow.bin", token: token,
                                body: .stream(feed.stream, length: .known(8 << 20)), timeout: .seconds(60))
        }
        for index in 0..<4 { feed.continuation.yield(Self.chunk(index)) }
        try await Task.sleep(for: .milliseconds(300))
        kill(server.process.pid, SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        for index in 4..<8 { feed.continuation.yield(Self.chunk(index)) }
        feed.continuation.finish()
        let reply = try await upload.value
        #expect(reply.status == 201, "the in-flight upload completes: \(reply.text)")
        #expect(await server.stop() == 0, "clean exit after SIGTERM:\n\(server.log)")
    }
}
