import Foundation
import StaybookModel

/// Writes a set of embedded files (the built-in theme, the starter handbook) into a folder.
enum FileExport {
    /// Writes `files` (path relative to `folder` → bytes) in path order, creating folders as needed.
    /// - Parameters:
    ///   - overwrite: replace files that exist; when false they are left as they are
    ///   - display: how messages name `folder`
    /// - Returns: the paths written and the paths skipped because they existed, relative to `folder`
    static func write(
        _ files: [String: Data], into folder: URL, overwrite: Bool, display: String
    ) throws(BuildFailure) -> (written: [String], skipped: [String]) {
        var written: [String] = []
        var skipped: [String] = []
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appending(path: path)
            if !overwrite, FileManager.default.fileExists(atPath: url.path) {
                skipped.append(path)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: overwrite ? .atomic : .withoutOverwriting)
            } catch {
                throw BuildFailure([
                    .error("cannot write \(display)/\(path): \(error.localizedDescription)", hint: "check that \(display) is a folder you may write to")
                ])
            }
            written.append(path)
        }
        return (written, skipped)
    }

    /// Whether `url` exists and is not a folder.
    static func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
