import Foundation
import Hummingbird
import MultipartKit
import StewardCore

/// Reads a `multipart/form-data` body part by part while it arrives, so a file part can be handed
/// to the blob store as a stream and no file is ever held in memory.
///
/// It is pull-based: `MultipartParser` (multipart-kit) is fed one chunk of the request body only
/// when the consumer (the blob store reading a part's bytes, or the route reading the next part's
/// headers) asks for more, so a slow disk slows the upload down instead of buffering it. What the
/// parser reports for one chunk is queued (consecutive body bytes coalesced into one buffer), so at
/// most about one network chunk is held at a time. Header blocks and preambles are bounded
/// (`maxQuietBytes`), and a body that ends without the closing delimiter is refused as cut off.
///
/// Not thread-safe and not `Sendable`: one request's handler uses it from one task.
final class MultipartReader<Body: AsyncSequence> where Body.Element == ByteBuffer {
    /// One part's headers, with lower-cased names.
    struct Part {
        var headers: [String: String]
        var disposition: ParameterizedHeader? { headers["content-disposition"].flatMap(ParameterizedHeader.init) }
    }

    private enum Event {
        case header(String, String)
        case body(ByteBuffer)
        case end
    }

    /// What the parser reported, in order; the parser's callbacks append, the reader consumes.
    private final class Queue {
        var events: [Event] = []
        var next = 0
        var isEmpty: Bool { next >= events.count }

        func append(_ event: Event) {
            guard case .body(var more) = event, next < events.count, case .body = events[events.count - 1],
                  case .body(var last) = events.removeLast() else {
                events.append(event)
                return
            }
            // Taken out of the array first, so the buffer is uniquely held and grows in place.
            last.writeBuffer(&more)
            events.append(.body(last))
        }

        func take() -> Event {
            let event = events[next]
            next += 1
            if next == events.count {
                events.removeAll(keepingCapacity: true)
                next = 0
            }
            return event
        }
    }

    /// Most bytes read while the parser reports nothing (a preamble or one part's header block).
    static var maxQuietBytes: Int { 16 << 10 }

    private var input: Body.AsyncIterator
    private let parser: MultipartParser
    private let queue = Queue()
    private var pushedBack: Event?
    private var inputEnded = false
    private var quietBytes = 0
    /// The delimiter that closes the body (`--boundary--`) and the last bytes read, to tell a
    /// complete body from one cut off between parts.
    private let closing: [UInt8]
    private var tail: [UInt8] = []
    /// Whether the body named by `nextPart` has been read to its end.
    private var inPart = false

    init(_ body: Body, boundary: String) {
        input = body.makeAsyncIterator()
        parser = MultipartParser(boundary: boundary)
        closing = Array("--\(boundary)--".utf8)
        let queue = self.queue
        parser.onHeader = { name, value in queue.append(.header(name, value)) }
        parser.onBody = { buffer in queue.append(.body(buffer)) }
        parser.onPartComplete = { queue.append(.end) }
    }

    /// The boundary of a `multipart/form-data` content type, or nil when it is not one.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, let disposition = ParameterizedHeader(contentType),
              disposition.kind == "multipart/form-data", let boundary = disposition.parameters["boundary"],
              (1...70).contains(boundary.utf8.count), !boundary.containsControlCharacter else { return nil }
        return boundary
    }

    /// The headers of the next part, or nil after the last one (what is left of the previous
    /// part's body is skipped).
    func nextPart() async throws -> Part? {
        while try await nextBodyChunk() != nil {}
        var headers: [String: String] = [:]
        while let event = try await nextEvent() {
            switch event {
            case .header(let name, let value):
                guard headers.count < 16 else { throw Self.malformed("a part has too many headers") }
                headers[name.lowercased()] = value
            case .body, .end:
                pushedBack = event
                inPart = true
                return Part(headers: headers)
            }
        }
        guard headers.isEmpty else { throw Self.cutOff }
        guard tail.suffix(closing.count + 4).containsSequence(closing) else { throw Self.cutOff }
        return nil
    }

    /// The current part's bytes as a stream (for the blob store); it ends with the part.
    func body() -> PartBody { PartBody(reader: self) }

    /// The current part's bytes as text, refused beyond `limit` bytes.
    func text(limit: Int) async throws -> String {
        var bytes = ByteBuffer()
        while let chunk = try await nextBodyChunk() {
            guard bytes.readableBytes + chunk.readableBytes <= limit else {
                throw DomainError(.tooLarge, code: "payload_too_large", "A form field is longer than \(limit) bytes.")
            }
            var chunk = chunk
            bytes.writeBuffer(&chunk)
        }
        return String(buffer: bytes)
    }

    /// The next bytes of the current part; nil once the part ended.
    func nextBodyChunk() async throws -> ByteBuffer? {
        guard inPart else { return nil }
        guard let event = try await nextEvent() else { throw Self.cutOff }
        switch event {
        case .body(let bytes): return bytes
        case .end:
            inPart = false
            return nil
        case .header: throw Self.malformed("a part's headers came inside its body")
        }
    }

    private func nextEvent() async throws -> Event? {
        if let event = pushedBack {
            pushedBack = nil
            return event
        }
        while queue.isEmpty {
            guard !inputEnded, let chunk = try await input.next() else {
                inputEnded = true
                return nil
            }
            let keep = closing.count + 4
            tail = Array((tail + chunk.readableBytesView.suffix(keep)).suffix(keep))
            do {
                try parser.execute(chunk)
            } catch {
                throw Self.malformed("the body does not follow multipart/form-data")
            }
            quietBytes = queue.isEmpty ? quietBytes + chunk.readableBytes : 0
            if quietBytes > Self.maxQuietBytes { throw Self.malformed("a part's headers are too long") }
        }
        return queue.take()
    }

    static func malformed(_ reason: String) -> DomainError {
        DomainError(.invalid, code: "invalid_upload", "The upload could not be read: \(reason).")
    }

    static var cutOff: DomainError {
        DomainError(.invalid, code: "invalid_upload", "The upload was cut off before its end; nothing was saved. Please try again.")
    }

    /// One part's bytes as an `AsyncSequence` of buffers, pulled from the request as it is read.
    struct PartBody: AsyncSequence {
        typealias Element = ByteBuffer
        let reader: MultipartReader

        struct AsyncIterator: AsyncIteratorProtocol {
            let reader: MultipartReader
            mutating func next() async throws -> ByteBuffer? { try await reader.nextBodyChunk() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
    }
}

/// A header value with parameters (`Content-Disposition`, `Content-Type`): its kind and parameters,
/// quoted strings (which may hold `;`) unquoted. Parameter names are
/// lower-cased; a parameter given twice is malformed (a trick to smuggle a second file name).
struct ParameterizedHeader: Equatable {
    var kind: String
    var parameters: [String: String]

    init?(_ value: String) {
        var characters = Substring(value)
        func skipSpaces() { characters = characters.drop { $0 == " " || $0 == "\t" } }
        skipSpaces()
        let kindText = characters.prefix { $0 != ";" }
        kind = kindText.trimmingCharacters(in: .whitespaces).lowercased()
        characters = characters.dropFirst(kindText.count)
        parameters = [:]
        guard !kind.isEmpty else { return nil }
        while characters.first == ";" {
            characters = characters.dropFirst()
            skipSpaces()
            if characters.isEmpty { break }
            let name = characters.prefix { $0 != "=" && $0 != ";" }
            characters = characters.dropFirst(name.count)
            guard characters.first == "=" else { return nil }
            characters = characters.dropFirst()
            var parameter = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var closed = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    // No backslash escapes: browsers write `"` as `%22` and keep `\` as it is
                    // (the HTML standard's form-data encoding), so `a\b` is three characters.
                    if character == "\"" {
                        closed = true
                        break
                    } else {
                        parameter.append(character)
                    }
                }
                guard closed else { return nil }
                skipSpaces()
            } else {
                let token = characters.prefix { $0 != ";" }
                parameter = token.trimmingCharacters(in: .whitespaces)
                characters = characters.dropFirst(token.count)
            }
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty, parameters[key] == nil else { return nil }
            parameters[key] = parameter
        }
        guard characters.isEmpty else { return nil }
    }
}

private extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}

private extension ArraySlice where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool { Array(self).containsSequence(needle) }
}
