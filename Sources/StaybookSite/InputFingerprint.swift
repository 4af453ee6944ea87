import Foundation
import StaybookModel

/// One hash over everything a build reads: every file under `content/` and `themes/` (path and
/// bytes) and the Staybook program itself, which holds the built-in theme. Equal fingerprints mean an equal site, because a build
/// depends on nothing else (no clock, no environment).
public enum InputFingerprint {
    /// `nil` when the inputs cannot be fingerprinted cheaply and safely (a symbolic link, an
    /// unreadable file): the build then just runs.
    public static func compute(_ project: Project) -> UInt64? {
        compute(files: project)?.total
    }

    /// The fingerprint and every input file's own hash, by path relative to the project
    /// (`content/site.yml`, `themes/default/…`).
    public static func compute(files project: Project) -> (total: UInt64, files: [String: UInt64])? {
        var files: [(relative: String, url: URL)] = []
        for (label, folder) in [("content", project.contentDirectory), ("themes", project.themesDirectory)] {
            guard collect(folder, relative: label, into: &files) else { return nil }
        }
        files.sort { $0.relative < $1.relative }
        let hashes = files.parallelMap { file -> UInt64? in
            guard let data = SourceText.bytes(atPath: file.url.path) else { return nil }
            var hash = ContentHash()
            hash.combine(file.relative)
            hash.combine(data)
            return hash.value
        }
        var total = ContentHash()
        total.combine(programIdentity)
        // The plan's day is an input too: the same files planned for another day are another site.
        total.combine(project.asOf?.description ?? "latest")
        var byPath: [String: UInt64] = [:]
        for (file, hash) in zip(files, hashes) {
            guard let hash else { return nil }
            total.combine(Int(truncatingIfNeeded: hash))
            byPath[file.relative] = hash
        }
        return (total.value, byPath)
    }

    /// The running program's path, size and modification time: a new Staybook renders anew.
    static let programIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "staybook"
        let status = FileStatus(path)
        return "\(path) \(status?.size ?? -1) \(status?.modified ?? -1)"
    }()

    /// Regular files below `folder`; false on a symbolic link or a folder that cannot be read.
    private static func collect(_ folder: URL, relative: String, into files: inout [(relative: String, url: URL)]) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            // themes/ is optional; a project without content/ fails in the build with a clear message.
            return !FileManager.default.fileExists(atPath: folder.path)
        }
        for name in names {
            let url = folder.appending(path: name)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return false }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files.append((relative + "/" + name, url))
            case S_IFDIR: guard collect(url, relative: relative + "/" + name, into: &files) else { return false }
            default: return false
            }
        }
        return true
    }
}
