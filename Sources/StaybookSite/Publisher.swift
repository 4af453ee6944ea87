import CStaybookSystem
import Foundation
import StaybookModel

/// Writes a build into a staging folder beside the output and swaps it in only when every file is
/// written, so readers and a failed build never see a half-written site.
///
/// - The output folder may not be `/`, the project, `content/`, `themes/` or any folder that holds
///   them, and may not lie inside `content/` or `themes/`.
/// - An existing output folder is replaced only if Staybook made it (it holds `.staybook`), so a
///   mistyped `--output ~/文档` deletes nothing.
/// - A lock file beside the output lets only one build publish at a time.
public struct Publisher: Sendable {
    public static let markerName = ".staybook"

    public let output: URL
    /// The project folder: the output may not be it or hold it.
    public let project: URL
    /// `content/` and `themes/`: the output may not be them, hold them or lie inside them.
    public let sources: [URL]

    public init(output: URL, project: URL, sources: [URL]) {
        self.output = output.standardizedFileURL
        self.project = project.standardizedFileURL
        self.sources = sources.map(\.standardizedFileURL)
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var name: String { output.lastPathComponent }
    var stagingURL: URL { parent.appending(path: ".\(name).staging-\(getpid())") }
    var lockURL: URL { parent.appending(path: ".\(name).lock") }

    /// Refuses outputs that would destroy sources or someone else's folder. Call before building.
    public func validate() -> Diagnostic? {
        let path = Self.realPath(output)
        if path == "/" || output.pathComponents.count <= 1 {
            return .error("refusing to publish to `/`", hint: "pass --output with a folder of its own, e.g. site")
        }
        for folder in [project] + sources {
            let protected = Self.realPath(folder)
            if protected == path || protected.hasPrefix(path + "/") {
                return .error(
                    "refusing to publish to \(output.path): it is or contains \(folder.path), which would be deleted",
                    hint: "choose an output folder of its own, e.g. --output site")
            }
        }
        for folder in sources where path.hasPrefix(Self.realPath(folder) + "/") {
            return .error(
                "refusing to publish into \(folder.path): the output would become part of the sources",
                hint: "choose an output folder outside content/ and themes/")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                return .error("\(output.path) exists and is not a folder", hint: "remove it or choose another --output")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
            if !entries.isEmpty, !entries.contains(Self.markerName) {
                return .error(
                    "\(output.path) holds files Staybook did not write; refusing to replace it",
                    hint: "empty or remove it yourself, or choose another --output")
            }
        }
        return nil
    }

    /// The previous output generation, kept beside the output: the next build rewrites it in
    /// place, skipping the files it already holds, and swaps it in.
    var previousURL: URL { parent.appending(path: ".\(name).previous") }

    /// What the output holds, when its inputs are `inputs` and every file is still as it was
    /// written: then a build has nothing to do.
    public func upToDate(inputs: UInt64) -> (pages: Int, files: Int, searchIndex: SearchIndexSize?)? {
        guard let manifest = OutputManifest.read(from: output), manifest.inputs == inputs, manifest.isIntact(in: output) else { return nil }
        return (manifest.pages, manifest.files.count + 1, manifest.searchIndex)
    }

    /// Writes `files` and swaps them in. On failure the previous output is left exactly as it was.
    /// `inputs`, `pages` and `searchIndex` are recorded for the next build.
    public func publish(_ files: [OutputFile], inputs: UInt64? = nil, pages: Int = 0, searchIndex: SearchIndexSize? = nil) throws(BuildFailure) {
        if let problem = validate() { throw BuildFailure([problem]) }
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure([.error("cannot create \(parent.path): \(error.localizedDescription)")])
        }
        let lock = open(lockURL.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            throw BuildFailure([.error("cannot create the lock file \(lockURL.path): \(String(cString: strerror(errno)))")])
        }
        defer { close(lock) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            throw BuildFailure([
                .error(
                    "another staybook build is publishing to \(output.path) right now", file: lockURL.path,
                    hint: "wait for it to finish and build again")
            ])
        }
        defer { flock(lock, LOCK_UN) }
        removeLeftovers()

        let staging = stagingURL
        do {
            // The previous generation becomes the staging folder, so a build killed while writing
            // leaves a staging folder (removed by the next build), never a half-written generation.
            var reused = OutputManifest.read(from: previousURL)
            if reused != nil {
                try fileManager.moveItem(at: previousURL, to: staging)
                // Invalid until rewritten: the folder is about to change.
                try? fileManager.removeItem(at: staging.appending(path: Self.markerName))
            } else {
                try? removeOwnFolder(previousURL)
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
                reused = OutputManifest()
            }
            var manifest = OutputManifest(inputs: inputs, pages: pages, searchIndex: searchIndex)
            manifest.files = try write(files, into: staging, holding: reused?.files ?? [:])
            try Data(manifest.text.utf8).write(to: staging.appending(path: Self.markerName))
            try swap(staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw BuildFailure([.error("publishing to \(output.path) failed: \(error.localizedDescription); the previous site is unchanged")])
        }
    }

    /// Removes `folder` if Staybook made it (it holds the marker).
    private func removeOwnFolder(_ folder: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: folder.appending(path: Self.markerName).path) else { return }
        try fileManager.removeItem(at: folder)
    }

    /// Staging and old folders of builds that were killed (we hold the lock, so none is in use).
    private func removeLeftovers() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            try? FileManager.default.removeItem(at: parent.appending(path: entry))
        }
    }

    /// Writes `files` into `staging`, which holds the files of `held` as they were written: a file
    /// whose bytes are already there is left alone, files no longer produced are removed.
    private func write(_ files: [OutputFile], into staging: URL, holding held: [String: OutputManifest.Entry]) throws
        -> [String: OutputManifest.Entry]
    {
        var folders: Set<String> = []
        for file in files {
            var directory = file.path.directory
            while !directory.isEmpty, folders.insert(directory.joined(separator: "/")).inserted { directory.removeLast() }
        }
        let produced = Set(files.map(\.path.value))
        for (path, _) in held where !produced.contains(path) {
            unlink(staging.appending(path: path).path)
        }
        for folder in folders.sorted() {
            let path = staging.appending(path: folder).path
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw WriteError(path: path, code: errno)
            }
        }
        // Files are independent once their folders exist: hash and write them across cores.
        let results = files.parallelMap { file -> Result<OutputManifest.Entry, any Error> in
            let target = staging.appending(path: file.path.value).path
            do {
                let bytes: [UInt8] =
                    switch file.contents {
                    case .bytes(let bytes): bytes
                    case .copy(let source): try Array(Data(contentsOf: source))
                    }
                let hash = ContentHash.of(bytes)
                if let entry = held[file.path.value], entry.hash == hash, entry.size == bytes.count,
                    FileStatus(target) == FileStatus(entry)
                {
                    return .success(entry)
                }
                return .success(OutputManifest.Entry(hash: hash, size: bytes.count, modified: try Self.write(bytes, to: target)))
            } catch {
                return .failure(error)
            }
        }
        var entries: [String: OutputManifest.Entry] = [:]
        for (file, result) in zip(files, results) { entries[file.path.value] = try result.get() }
        // Folders left empty by removed files.
        for path in held.keys where !produced.contains(path) {
            var directory = SitePath(path).directory
            while !directory.isEmpty, !folders.contains(directory.joined(separator: "/")) {
                rmdir(staging.appending(path: directory.joined(separator: "/")).path)
                directory.removeLast()
            }
        }
        return entries
    }

    /// Writes `bytes` to `path` (replacing what is there) and returns the file's modification time.
    private static func write(_ bytes: [UInt8], to path: String) throws -> Int {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, code: errno)
                }
                offset += written
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw WriteError(path: path, code: errno) }
        return FileStatus(descriptorInfo: info).modified
    }

    /// Swaps `staging` in; the output it replaces becomes the previous generation.
    private func swap(_ staging: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            try fileManager.moveItem(at: staging, to: output)
            return
        }
        if staybook_exchange_paths(staging.path, output.path) == 0 {
            keepAsPrevious(staging)
            return
        }
        // The file system cannot exchange atomically: two renames, with a window of microseconds.
        let old = parent.appending(path: ".\(name).old-\(getpid())")
        try fileManager.moveItem(at: output, to: old)
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            try? fileManager.moveItem(at: old, to: output)
            throw error
        }
        keepAsPrevious(old)
    }

    /// Keeps the replaced output for the next build; any failure just costs that build time.
    private func keepAsPrevious(_ folder: URL) {
        if (try? FileManager.default.moveItem(at: folder, to: previousURL)) == nil {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func realPath(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// A file or folder the publisher could not write.
struct WriteError: LocalizedError {
    var path: String
    var code: Int32

    var errorDescription: String? { "cannot write \(path): \(String(cString: strerror(code)))" }
}
