import CStaybookSystem
import Foundation
import StaybookModel
import StaybookSearch

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
    /// `content/` and `themes/` (whether or not it exists): the output may not be them, hold them or
    /// lie inside them.
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

    /// Takes the lock and prepares a staging folder: the previous output generation when there is
    /// one (its files are rewritten only where their bytes change), else an empty folder. Files are
    /// then written as they are rendered (`PublishSession.write`, from any thread) and swapped in
    /// by `finish`; `abandon` leaves the output as it was.
    public func begin() throws(BuildFailure) -> PublishSession {
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
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            throw BuildFailure([
                .error(
                    "another staybook build is publishing to \(output.path) right now", file: lockURL.path,
                    hint: "wait for it to finish and build again")
            ])
        }
        removeLeftovers()
        let staging = stagingURL
        do {
            // The previous generation becomes the staging folder, so a build killed while writing
            // leaves a staging folder (removed by the next build), never a half-written generation.
            var held: [String: OutputManifest.Entry] = [:]
            if let previous = OutputManifest.read(from: previousURL) {
                try fileManager.moveItem(at: previousURL, to: staging)
                // Invalid from now on: the folder is about to change.
                try fileManager.removeItem(at: staging.appending(path: Self.markerName))
                held = previous.files
            } else {
                try? removeOwnFolder(previousURL)
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            }
            return PublishSession(publisher: self, staging: staging, held: held, lock: lock)
        } catch {
            try? fileManager.removeItem(at: staging)
            close(lock)
            throw BuildFailure([.error("preparing to publish to \(output.path) failed: \(error.localizedDescription); the previous site is unchanged")])
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

    /// Swaps `staging` in; the output it replaces becomes the previous generation.
    fileprivate func swap(_ staging: URL) throws {
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
    fileprivate func keepAsPrevious(_ folder: URL) {
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

/// One publish in progress: holds the lock, writes files into the staging folder.
public final class PublishSession: @unchecked Sendable {
    let publisher: Publisher
    let staging: URL
    /// What the staging folder held when it was the previous generation.
    let held: [String: OutputManifest.Entry]
    private let lockDescriptor: Int32
    private let lock = NSLock()
    private var entries: [String: OutputManifest.Entry] = [:]
    private var folders: Set<String> = []
    private var closed = false

    /// The staging and output folders' paths (a `URL` costs far more to extend, per file).
    private let stagingPath: String
    private let outputPath: String
    /// The staging folder, open: the files it already holds are looked up below it, not by their
    /// whole path (a large site's every file is checked at every build).
    private let stagingFolder: Int32

    init(publisher: Publisher, staging: URL, held: [String: OutputManifest.Entry], lock: Int32) {
        self.publisher = publisher
        self.staging = staging
        stagingPath = staging.path
        outputPath = publisher.output.path
        self.held = held
        self.lockDescriptor = lock
        stagingFolder = open(stagingPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        if !closed { abandon() }
        if stagingFolder >= 0 { close(stagingFolder) }
    }

    /// What the staging folder holds at `relative`, as `stat` tells it.
    private func heldStatus(_ relative: String) -> FileStatus? {
        stagingFolder >= 0 ? FileStatus(in: stagingFolder, relative) : FileStatus(stagingPath + "/" + relative)
    }

    /// Writes one file, unless the staging folder already holds exactly these bytes. Thread-safe.
    public func write(_ file: OutputFile) throws {
        let relative = file.path.value
        let target = stagingPath + "/" + relative
        let bytes: [UInt8] =
            switch file.contents {
            case .bytes(let bytes): bytes
            case .copy(let source): try Array(Data(contentsOf: source))
            }
        let hash = ContentHash.of(bytes)
        if let entry = held[relative], entry.hash == hash, entry.size == bytes.count, heldStatus(relative) == FileStatus(entry) {
            lock.withLock { entries[relative] = entry }
            return
        }
        try makeFolders(for: file.path)
        let modified = try Self.write(bytes, to: target)
        lock.withLock { entries[relative] = OutputManifest.Entry(hash: hash, size: bytes.count, modified: modified) }
    }

    /// Publishes a file of the current output again, unchanged (a render job that was not redone):
    /// the staging folder, the generation before the current output, is brought up to date from
    /// the current output where it differs. Thread-safe.
    /// - Throws: `StaleOutput` when the current output no longer holds those bytes (someone
    ///   changed it): the caller renders everything instead.
    public func keep(_ path: SitePath, hash: UInt64, size: Int) throws {
        let relative = path.value
        let target = stagingPath + "/" + relative
        if let entry = held[relative], entry.hash == hash, entry.size == size, heldStatus(relative) == FileStatus(entry) {
            lock.withLock { entries[relative] = entry }
            return
        }
        guard let data = FileManager.default.contents(atPath: outputPath + "/" + relative), data.count == size else { throw StaleOutput(path: relative) }
        let bytes = [UInt8](data)
        guard ContentHash.of(bytes) == hash else { throw StaleOutput(path: relative) }
        try makeFolders(for: path)
        let modified = try Self.write(bytes, to: target)
        lock.withLock { entries[relative] = OutputManifest.Entry(hash: hash, size: size, modified: modified) }
    }

    /// The folders above `path`, each made once per session. A file of the previous generation
    /// standing where a folder is now needed is removed.
    private func makeFolders(for path: SitePath) throws {
        var missing: [String] = []
        var directory = path.directory
        lock.lock()
        while !directory.isEmpty, !folders.contains(directory.joined(separator: "/")) {
            missing.append(directory.joined(separator: "/"))
            directory.removeLast()
        }
        lock.unlock()
        for folder in missing.reversed() {
            let full = stagingPath + "/" + folder
            if mkdir(full, 0o755) != 0 {
                let code = errno
                guard code == EEXIST else { throw WriteError(path: full, code: code) }
                var info = stat()
                if lstat(full, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                    unlink(full)
                    guard mkdir(full, 0o755) == 0 else { throw WriteError(path: full, code: errno) }
                }
            }
            _ = lock.withLock { folders.insert(folder) }
        }
    }

    /// Writes `bytes` to `path` (replacing what is there) and returns the file's modification time.
    private static func write(_ bytes: [UInt8], to path: String) throws -> Int {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == EISDIR {
            // A folder of the previous generation where a file is now wanted.
            try? FileManager.default.removeItem(atPath: path)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
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

    /// Removes what the previous generation held and this build did not write, records the
    /// manifest and swaps the staging folder in.
    /// - Returns: every published file's path and content hash.
    @discardableResult
    public func finish(inputs: UInt64?, pages: Int, searchIndex: SearchIndexSize?) throws(BuildFailure) -> [String: UInt64] {
        defer { release() }
        let written = lock.withLock { entries }
        do {
            for path in held.keys where written[path] == nil {
                unlink(staging.appending(path: path).path)
                // Folders left empty (rmdir fails on any that still hold something).
                var directory = SitePath(path).directory
                while !directory.isEmpty, !folders.contains(directory.joined(separator: "/")) {
                    rmdir(staging.appending(path: directory.joined(separator: "/")).path)
                    directory.removeLast()
                }
            }
            var manifest = OutputManifest(inputs: inputs, pages: pages, searchIndex: searchIndex)
            manifest.files = written
            try Data(manifest.text.utf8).write(to: staging.appending(path: Publisher.markerName))
            try publisher.swap(staging)
            return written.mapValues(\.hash)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw BuildFailure([
                .error("publishing to \(publisher.output.path) failed: \(error.localizedDescription); the previous site is unchanged")
            ])
        }
    }

    /// Gives up: the staging folder goes, the output stays as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        release()
    }

    private func release() {
        guard !closed else { return }
        closed = true
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }
}

/// The output folder no longer holds a file as the last build wrote it.
public struct StaleOutput: LocalizedError {
    public var path: String

    public var errorDescription: String? { "\(path) changed since the last build" }
}
