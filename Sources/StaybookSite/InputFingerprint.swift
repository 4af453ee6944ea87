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
    /// - Parameter cache: the hashes of an earlier call, taken again for every file whose size,
    ///   modification and change times and inode are the same (a live preview's rebuilds read only
    ///   the files that changed); then updated.
    public static func compute(files project: Project, cache: Cache? = nil) -> (total: UInt64, files: [String: UInt64])? {
        var files: [File] = []
        for (label, folder) in [("content", project.contentDirectory), ("themes", project.themesDirectory)] {
            guard collect(folder.path, relative: label, into: &files) else { return nil }
        }
        files.sort { $0.relative < $1.relative }
        let earlier = cache?.files ?? [:]
        // A file changed within the clock's granularity of when it was read could change again
        // with the same stamp (as git's "racily clean" files): only older files are trusted later.
        let trusted = Int(Date().timeIntervalSince1970) - 2
        let hashes = files.parallelMap { file -> UInt64? in
            if let held = earlier[file.relative], held.stamp == file.stamp { return held.hash }
            guard let data = SourceText.bytes(atPath: file.path) else { return nil }
            return ContentHash.ofInput(file.relative, data)
        }
        var total = ContentHash()
        total.combine(programIdentity)
        // The plan's day is an input too: the same files planned for another day are another site.
        total.combine(project.asOf?.description ?? "latest")
        var byPath: [String: UInt64] = [:]
        var stamped: [String: (stamp: Stamp, hash: UInt64)] = [:]
        for (file, hash) in zip(files, hashes) {
            guard let hash else { return nil }
            total.combine(Int(truncatingIfNeeded: hash))
            byPath[file.relative] = hash
            if file.stamp.modified < trusted { stamped[file.relative] = (file.stamp, hash) }
        }
        cache?.files = stamped
        return (total.value, byPath)
    }

    /// File hashes under the `stat` fields that tell a changed file (`compute(files:cache:)`).
    public final class Cache: @unchecked Sendable {
        var files: [String: (stamp: Stamp, hash: UInt64)] = [:]

        public init() {}
    }

    struct File {
        var relative: String
        var path: String
        var stamp: Stamp
    }

    /// What `stat` tells of a file that changes when its bytes do: size, modification and change
    /// times and inode.
    struct Stamp: Equatable, Sendable {
        var size: Int
        var modified: Int
        var modifiedNanoseconds: Int
        var changed: Int
        var changedNanoseconds: Int
        var inode: Int

        init(size: Int, modified: Int, modifiedNanoseconds: Int, changed: Int, changedNanoseconds: Int, inode: Int) {
            (self.size, self.modified, self.modifiedNanoseconds) = (size, modified, modifiedNanoseconds)
            (self.changed, self.changedNanoseconds, self.inode) = (changed, changedNanoseconds, inode)
        }

        init(_ info: stat) {
            #if os(Linux)
            let (modified, changed) = (info.st_mtim, info.st_ctim)
            #else
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
            #endif
            self.init(
                size: Int(info.st_size), modified: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec), changed: Int(changed.tv_sec),
                changedNanoseconds: Int(changed.tv_nsec), inode: Int(info.st_ino))
        }
    }

    /// The running program's path, size and modification time: a new Staybook renders anew.
    static let programIdentity: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "staybook"
        let status = FileStatus(path)
        return "\(path) \(status?.size ?? -1) \(status?.modified ?? -1)"
    }()

    /// Regular files below `folder`; false on a symbolic link or a folder that cannot be read.
    /// Paths are strings and entries come from `readdir`: a `URL` per file cost more than its `lstat`.
    private static func collect(_ folder: String, relative: String, into files: inout [File]) -> Bool {
        guard let directory = opendir(folder) else {
            // themes/ is optional; a project without content/ fails in the build with a clear message.
            return !FileManager.default.fileExists(atPath: folder)
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = DirectoryEntry.name(entry)
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            var info = stat()
            // Relative to the open folder: the kernel looks up one name, not the whole path.
            guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                files.append(File(relative: relative + "/" + name, path: path, stamp: Stamp(info)))
            case S_IFDIR: guard collect(path, relative: relative + "/" + name, into: &files) else { return false }
            default: return false
            }
        }
        return true
    }
}
