import Foundation
import NIOCore
import StewardCore
@testable import StewardWeb
import Testing

/// The streaming multipart reader behind the upload form: parts come out whole and byte for byte
/// however the body is cut into network chunks; a body cut off, a header block that never ends and
/// malformed parameters are refused.
@Suite("Web UI: reading multipart/form-data as it streams")
struct MultipartReaderTests {
    /// A request body arriving in the given chunk sizes (cycled).
    struct Chunks: AsyncSequence {
        typealias Element = ByteBuffer
        let chunks: [ByteBuffer]

        init(_ bytes: [UInt8], sizes: [Int]) {
            var chunks: [ByteBuffer] = []
            var offset = 0, index = 0
            while offset < bytes.count {
                let size = Swift.min(sizes[index % sizes.count], bytes.count - offset)
                chunks.append(ByteBuffer(bytes: bytes[offset..<(offset + size)]))
                offset += size
                index += 1
            }
            self.chunks = chunks
        }

        struct AsyncIterator: AsyncIteratorProtocol {
            var chunks: [ByteBuffer]
            var index = 0
            mutating func next() async -> ByteBuffer? {
                guard index < chunks.count else { return nil }
                defer { index += 1 }
                return chunks[index]
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: chunks) }
    }

    /// Every part as (field, file name, bytes), reading file parts through the streaming body.
    static func parts(_ bytes: [UInt8], sizes: [Int]) async throws -> [(String, String?, [UInt8])] {
        let reader = MultipartReader(Chunks(bytes, sizes: sizes), boundary: multipartBoundary)
        var parts: [(String, String?, [UInt8])] = []
        while let part = try await reader.nextPart() {
            let disposition = try #require(part.disposition)
            var content: [UInt8] = []
            if disposition.parameters["filename"] != nil {
                for try await chunk in reader.body() { content += Array(chunk.readableBytesView) }
            } else {
                content = Array(try await reader.text(limit: 4096).utf8)
            }
            parts.append((disposition.parameters["name"] ?? "", disposition.parameters["filename"], content))
        }
        return parts
    }

    @Test(arguments: [[1], [2, 3, 5, 7], [64], [1000, 1], [65_536]])
    func partsComeOutWholeWhateverTheChunks(_ sizes: [Int]) async throws {
        let first = awkwardBytes(count: 20_000, seed: 3), second = Array("\r\n\r\n--\r--\n".utf8) + awkwardBytes(count: 777, seed: 9)
        let body = multipartBody(fields: [("csrf", "token-1"), ("prefix", "model")], files: [("a.bin", first), ("b;c \"d\".bin", second), ("empty", [])])
        let parts = try await Self.parts(body, sizes: sizes)
        #expect(parts.map(\.0) == ["csrf", "prefix", "files", "files", "files"])
        #expect(parts.map(\.1) == [nil, nil, "a.bin", "b;c %22d%22.bin", "empty"])
        #expect(parts[0].2 == Array("token-1".utf8) && parts[1].2 == Array("model".utf8))
        #expect(parts[2].2 == first, "the first file byte for byte")
        #expect(parts[3].2 == second, "the second file byte for byte")
        #expect(parts[4].2.isEmpty)
    }

    @Test func aBodyCutOffIsRefused() async throws {
        let body = multipartBody(fields: [("csrf", "t")], files: [("a.bin", awkwardBytes(count: 5000, seed: 1))])
        for cut in [3, 4, 6, 30, 2000, body.count - 10] {
            let error = await #expect(throws: DomainError.self, "cut \(cut)") { _ = try await Self.parts(Array(body.dropLast(cut)), sizes: [512]) }
            #expect(error?.code == "invalid_upload")
        }
        // Without the final CRLF it is still complete.
        #expect(try await Self.parts(Array(body.dropLast(1)), sizes: [512]).count == 2)
        #expect(try await Self.parts(Array(body.dropLast(2)), sizes: [512]).count == 2)
    }

    @Test func headerBlocksAndPreamblesAreBounded() async throws {
        let endless = Array("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Pad: ".utf8) + [UInt8](repeating: 65, count: 100_000)
        let error = await #expect(throws: DomainError.self) { _ = try await Self.parts(endless, sizes: [4096]) }
        #expect(error?.code == "invalid_upload")
        let preamble = [UInt8](repeating: 66, count: 100_000)
        await #expect(throws: DomainError.self) { _ = try await Self.parts(preamble, sizes: [4096]) }
        let garbage = Array("--\(multipartBoundary)\r\nno colon here\r\n\r\n".utf8)
        await #expect(throws: DomainError.self) { _ = try await Self.parts(garbage, sizes: [7]) }
        let tooLong = multipartBody(fields: [("csrf", String(repeating: "t", count: 5000))], files: [])
        let long = await #expect(throws: DomainError.self) { _ = try await Self.parts(tooLong, sizes: [100]) }
        #expect(long?.code == "payload_too_large")
    }

    @Test func headerParameters() {
        let disposition = ParameterizedHeader(#"form-data; name="files"; filename="a;b \x.bin""#)
        #expect(disposition?.kind == "form-data" && disposition?.parameters == ["name": "files", "filename": #"a;b \x.bin"#])
        #expect(ParameterizedHeader(#"form-data; name="a"; NAME="b""#) == nil, "a parameter given twice")
        #expect(ParameterizedHeader(#"form-data; name="unterminated"#) == nil)
        #expect(ParameterizedHeader("form-data; name") == nil)
        #expect(MultipartReader<Chunks>.boundary(contentType: #"multipart/form-data; boundary="abc def""#) == "abc def")
        #expect(MultipartReader<Chunks>.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=----x") == "----x")
        #expect(MultipartReader<Chunks>.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartReader<Chunks>.boundary(contentType: "multipart/mixed; boundary=x") == nil)
        #expect(MultipartReader<Chunks>.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 71)) == nil)
        #expect(MultipartReader<Chunks>.boundary(contentType: "application/x-www-form-urlencoded") == nil)
    }

    @Test func uploadNames() throws {
        #expect(try UploadName.path(filename: "../../etc/passwd", prefix: nil).value == "passwd")
        #expect(try UploadName.path(filename: #"C:\Users\me\model.pkl"#, prefix: try UploadName.prefix(" model/v1/ ")).value == "model/v1/model.pkl")
        #expect(try UploadName.prefix("  ") == nil)
        for hostile in ["", "..", ".", "dir/", #"dir\"#, "a\u{0}b", "a\nb", String(repeating: "n", count: 256)] {
            #expect(throws: DomainError.self, "\(hostile.debugDescription)") { _ = try UploadName.path(filename: hostile, prefix: nil) }
        }
        for prefix in ["/etc", "../x", "a//b", "a/./b"] {
            #expect(throws: DomainError.self, "\(prefix)") { _ = try UploadName.prefix(prefix) }
        }
        #expect(UploadName.printable("a\u{1}b") == "a?b")
    }
}
