import Foundation

/// Positional reads from a file descriptor: each reader thread pulls its own byte range in bounded
/// chunks, so a 250 MB file never sits in memory as a whole.
final class FileBytes: @unchecked Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init(path: String) throws(TabularError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw TabularError(file: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw TabularError(file: path, message: "not a regular file")
        }
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns the number read (0 at the end).
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws(TabularError) -> Int {
        var done = 0
        while done < count {
            let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw TabularError(file: path, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// The offset just past the first line break at or after `offset` (the file size if none).
    func nextLineStart(after offset: Int) throws(TabularError) -> Int {
        var position = offset
        let window = 64 * 1024
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: window)
        defer { buffer.deallocate() }
        while position < size {
            let n = try read(into: buffer, count: window, at: position)
            if n == 0 { break }
            for k in 0..<n where buffer[k] == UInt8(ascii: "\n") { return position + k + 1 }
            position += n
        }
        return size
    }
}
