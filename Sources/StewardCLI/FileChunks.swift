import Foundation

/// A file read from disk in fixed-size chunks, as an async sequence, so an upload never holds the
/// whole file in memory.
///
/// Exactly `length` bytes are produced: the request announced that many in `Content-Length`, so a
/// file that shrinks while it is read fails the upload instead of sending a short body, and bytes
/// appended meanwhile are not sent.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>

    /// The file to read.
    let path: String
    /// How many bytes to produce.
    let length: Int64
    /// The size of one read.
    let chunkSize: Int
    /// Called with the size of each chunk produced (for progress).
    let onChunk: @Sendable (Int) -> Void

    init(path: String, length: Int64, chunkSize: Int = 1 << 20, onChunk: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.path = path
        self.length = length
        self.chunkSize = chunkSize
        self.onChunk = onChunk
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    /// Reads the next chunk on each call; closes the file at the end.
    final class Iterator: AsyncIteratorProtocol {
        private let sequence: FileChunks
        private var handle: FileHandle?
        private var remaining: Int64
        private var finished = false

        init(sequence: FileChunks) {
            self.sequence = sequence
            self.remaining = sequence.length
        }

        deinit { try? handle?.close() }

        func next() async throws -> ArraySlice<UInt8>? {
            guard !finished else { return nil }
            guard remaining > 0 else { return finish() }
            if handle == nil {
                do {
                    handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: sequence.path))
                } catch {
                    throw CLIFailure.local("cannot read \(sequence.path): \(error.localizedDescription)")
                }
            }
            let count = Int(Swift.min(Int64(sequence.chunkSize), remaining))
            let data: Data?
            do {
                data = try handle?.read(upToCount: count)
            } catch {
                throw CLIFailure.local("cannot read \(sequence.path): \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else {
                throw CLIFailure.local("\(sequence.path) shrank while it was being uploaded")
            }
            remaining -= Int64(data.count)
            sequence.onChunk(data.count)
            return ArraySlice(data)
        }

        private func finish() -> ArraySlice<UInt8>? {
            finished = true
            try? handle?.close()
            handle = nil
            return nil
        }
    }
}
