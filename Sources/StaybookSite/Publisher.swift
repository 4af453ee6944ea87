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

    /// Writes `files` and swaps them in. On failure the previous output is left exactly as it was.
    public func publish(_ files: [OutputFile]) throws(BuildFailure) {
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
            try write(files, into: staging)
            try Data().write(to: staging.appending(path: Self.markerName))
            try swap(staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw BuildFailure([.error("publishing to \(output.path) failed: \(error.localizedDescription); the previous site is unchanged")])
        }
    }

    /// Staging and old folders of builds that were killed (we hold the lock, so none is in use).
    private func removeLeftovers() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-") {
            try? FileManager.default.removeItem(at: parent.appending(path: entry))
        }
    }

    private func write(_ files: [OutputFile], into staging: URL) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        var folders: Set<String> = []
        for file in files {
            let directory = file.path.directory.joined(separator: "/")
            if !directory.isEmpty { folders.insert(directory) }
        }
        for folder in folders.sorted() {
            try fileManager.createDirectory(at: staging.appending(path: folder), withIntermediateDirectories: true)
        }
        // Files are independent once their folders exist: write them across cores.
        let failures = files.parallelMap { file -> (any Error)? in
            let target = staging.appending(path: file.path.value)
            do {
                switch file.contents {
                case .bytes(let bytes): try Data(bytes).write(to: target)
                case .copy(let source): try FileManager.default.copyItem(at: source, to: target)
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    private func swap(_ staging: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else {
            try fileManager.moveItem(at: staging, to: output)
            return
        }
        if staybook_exchange_paths(staging.path, output.path) == 0 {
            try fileManager.removeItem(at: staging)
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
        try? fileManager.removeItem(at: old)
    }

    static func realPath(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
