import Foundation

/// A local file to upload and the path it gets inside the version.
struct LocalFile: Equatable, Sendable {
    /// Where the file is on disk.
    var localPath: String
    /// The `/`-separated path inside the version.
    var remotePath: String
    /// The file's size in bytes when it was listed.
    var size: Int64
}

/// Turning a `versions upload` argument into the list of files to send.
enum LocalFiles {
    /// The files to upload for `localPath`.
    ///
    /// A regular file uploads as `remotePath`, or under its own name. A directory uploads every
    /// regular file below it (symbolic links to regular files included, symbolic links to
    /// directories skipped), each at its path relative to the directory, `/`-separated and prefixed
    /// with `remotePath` when one is given; the list is sorted by remote path.
    /// - Throws: ``CLIFailure/usage(_:)`` when the path does not exist or a directory holds no files.
    static func collect(localPath: String, remotePath: String?) throws -> [LocalFile] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: localPath, isDirectory: &isDirectory) else {
            throw CLIFailure.usage("no such file or directory: \(localPath)")
        }
        if !isDirectory.boolValue {
            let name = remotePath ?? URL(fileURLWithPath: localPath).lastPathComponent
            return [LocalFile(localPath: localPath, remotePath: name, size: try size(of: localPath))]
        }
        let prefix = remotePath.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }.flatMap { $0.isEmpty ? nil : $0 }
        var files: [LocalFile] = []
        try walk(directory: localPath, relative: [], into: &files, prefix: prefix)
        guard !files.isEmpty else { throw CLIFailure.usage("no files to upload under \(localPath)") }
        return files.sorted { $0.remotePath < $1.remotePath }
    }

    private static func walk(directory: String, relative: [String], into files: inout [LocalFile], prefix: String?) throws {
        let fileManager = FileManager.default
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: directory)
        } catch {
            throw CLIFailure.local("cannot list \(directory): \(error.localizedDescription)")
        }
        for entry in entries.sorted() {
            let path = (directory as NSString).appendingPathComponent(entry)
            let components = relative + [entry]
            let type = (try? fileManager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?:
                try walk(directory: path, relative: components, into: &files, prefix: prefix)
            case .typeRegular?:
                files.append(file(path, components, prefix))
            case .typeSymbolicLink?:
                var targetIsDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: path, isDirectory: &targetIsDirectory), !targetIsDirectory.boolValue {
                    files.append(file(path, components, prefix))
                }
            default:
                continue
            }
        }
    }

    private static func file(_ path: String, _ components: [String], _ prefix: String?) -> LocalFile {
        let relative = components.joined(separator: "/")
        return LocalFile(
            localPath: path,
            remotePath: prefix.map { "\($0)/\(relative)" } ?? relative,
            size: (try? size(of: path)) ?? 0)
    }

    /// The size of the file at `path`, following symbolic links.
    static func size(of path: String) throws -> Int64 {
        let resolved = (path as NSString).resolvingSymlinksInPath
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: resolved)
            if let number = attributes[.size] as? NSNumber { return number.int64Value }
            if let number = attributes[.size] as? Int { return Int64(number) }
            if let number = attributes[.size] as? UInt64 { return Int64(number) }
            return 0
        } catch {
            throw CLIFailure.local("cannot read \(path): \(error.localizedDescription)")
        }
    }
}
