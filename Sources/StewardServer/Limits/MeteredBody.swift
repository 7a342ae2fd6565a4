import Hummingbird
import NIOCore

/// A request body that charges every chunk to a byte budget as it arrives and, when the budget is
/// overdrawn, waits until it is repaid before reading on. The wait leaves the socket unread, so
/// TCP flow control slows the sender down: an upload above its byte rate is paced, not failed
/// halfway through.
struct MeteredBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    /// Charges a chunk's size; returns the seconds to wait before the next read.
    let charge: @Sendable (Int) -> Double

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let charge: @Sendable (Int) -> Double

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            let wait = charge(chunk.readableBytes)
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), charge: charge)
    }
}
