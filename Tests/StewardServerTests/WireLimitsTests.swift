import Foundation
import StewardTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection on loopback, for clients no HTTP library would be: ones that trickle
/// bytes or send oversized heads.
final class RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSetupError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw TestSetupError("connect() failed")
        }
    }

    deinit { close(fd) }

    /// Sends bytes; false once the peer has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        #else
        let sent = bytes.withUnsafeBytes { Darwin.send(fd, $0.baseAddress, $0.count, 0) }
        #endif
        return sent == bytes.count
    }

    enum ReadResult: Equatable {
        case nothing
        case data(String)
        case closed
    }

    /// Waits up to `milliseconds` for something to read.
    func read(waiting milliseconds: Int32) -> ReadResult {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count <= 0 ? .closed : .data(String(decoding: buffer.prefix(count), as: UTF8.self))
    }

    /// Everything the server sends until it closes the connection or `seconds` pass.
    func readUntilClosed(seconds: Double) -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            switch read(waiting: 100) {
            case .data(let chunk): text += chunk
            case .closed: return text
            case .nothing: continue
            }
        }
        return text
    }
}

/// Connection-level limits of the real `steward serve` binary, configured through `STEWARD_*`
/// variables: the idle timeout (slowloris), the header size limit and the request time limit.
@Suite("Limits: slow and oversized clients (real server process)", .serialized)
struct WireLimitsTests {
    static let environment = [
        "STEWARD_IDLE_TIMEOUT": "2",
        "STEWARD_MAX_HEADER_BYTES": "4kib",
        "STEWARD_REQUEST_TIMEOUT": "1.5",
        "STEWARD_RATE_READS": "1000:5000",
        "STEWARD_CORS_ORIGINS": "https://ui.example.com",
    ]

    @Test func slowClientsAndOversizedHeadsAreCutOff() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil, extraEnvironment: Self.environment)
        defer { server.terminateNow() }

        // Slowloris: a request head trickled one byte every 250 ms is cut off by the 2 s idle
        // timeout, although the client never stops sending.
        let slow = try RawConnection(port: server.port)
        slow.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        let start = Date()
        var outcome = RawConnection.ReadResult.nothing
        for byte in String(repeating: "X-Slow: a\r\n", count: 10) where outcome == .nothing {
            guard slow.send(String(byte)) else {
                outcome = .closed
                break
            }
            outcome = slow.read(waiting: 250)
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(outcome == .closed, "the server closed the trickling connection: \(outcome)")
        #expect(elapsed >= 1.5 && elapsed < 6, "closed by the 2 s idle timeout, after \(elapsed) s")

        // A head over the 4 KiB limit is answered 400 and the connection closed; one under it is served.
        let big = try RawConnection(port: server.port)
        big.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: \(String(repeating: "b", count: 8_000))\r\n\r\n")
        let refused = big.readUntilClosed(seconds: 5)
        #expect(refused.hasPrefix("HTTP/1.1 400"), "\(refused.prefix(200))")
        let fine = try RawConnection(port: server.port)
        fine.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Fine: \(String(repeating: "f", count: 2_000))\r\nConnection: close\r\n\r\n")
        let served = fine.readUntilClosed(seconds: 5)
        #expect(served.hasPrefix("HTTP/1.1 200"), "\(served.prefix(200))")
        #expect(served.lowercased().contains("x-content-type-options: nosniff"))

        // A JSON body trickled one byte every 200 ms keeps the connection active (so the idle timeout
        // never fires) but runs into the 1.5 s request time limit.
        let trickle = try RawConnection(port: server.port)
        trickle.send("POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(server.adminToken)\r\n"
                     + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n")
        let trickleStart = Date()
        var answer = ""
        for byte in #"{"name":"never-finished","description":"\#(String(repeating: "z", count: 80))"#
            where answer.isEmpty {
            guard trickle.send(String(byte)) else { break }
            if case .data(let text) = trickle.read(waiting: 200) { answer = text }
        }
        let waited = Date().timeIntervalSince(trickleStart)
        answer += trickle.readUntilClosed(seconds: 3) // the body may follow the head in another segment
        #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer.prefix(300))")
        #expect(answer.contains("request_timeout"))
        #expect(waited >= 1.2 && waited < 8, "answered at the 1.5 s limit, after \(waited) s")
        let models = try await HTTP.send(.GET, server.baseURL + "/api/v1/models", token: server.adminToken)
        #expect(!models.text.contains("never-finished"), "the timed-out request changed nothing")

        // The variables reached the server: they are on /metrics and CORS answers the listed origin.
        let metrics = try await HTTP.send(.GET, server.baseURL + "/metrics", token: nil).text
        #expect(metrics.contains("steward_limit_idle_timeout_seconds 2"))
        #expect(metrics.contains("steward_limit_max_header_bytes 4096"))
        #expect(metrics.contains(#"steward_limit_burst{class="reads"} 5000"#))
        let preflight = try await HTTP.send(.OPTIONS, server.baseURL + "/api/v1/models", token: nil,
                                            headers: [("Origin", "https://ui.example.com"), ("Access-Control-Request-Method", "GET")])
        #expect(preflight.status == 204 && preflight.headers.first(name: "Access-Control-Allow-Origin") == "https://ui.example.com")
        await server.stop()
    }
}
