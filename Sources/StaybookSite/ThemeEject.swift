import Foundation
import StaybookBuiltIn
import StaybookModel

/// `staybook theme eject`: the built-in theme written out as files, for those who change all of it.
public enum ThemeEject {
    /// The folder `eject` writes to by default: `themes/default/`, which overrides the built-in
    /// theme file by file.
    public static func defaultFolder(of project: Project) -> URL {
        project.themesDirectory.appending(path: "default", directoryHint: .isDirectory)
    }

    /// Writes every file of the built-in theme below `folder`.
    /// - Parameters:
    ///   - folder: created when missing
    ///   - force: overwrite files that exist; without it, any existing file is an error naming them
    ///     all, and nothing is written
    ///   - display: how messages name `folder`, e.g. `themes/default`
    /// - Returns: the paths written, relative to `folder`, sorted
    public static func eject(
        to folder: URL, force: Bool = false, display: String, files: [String: Data] = BuiltInTheme.files
    ) throws(BuildFailure) -> [String] {
        if FileExport.isFile(folder) {
            throw BuildFailure([.error("\(display) is a file, not a folder", hint: "pass another folder: staybook theme eject DIR")])
        }
        let existing = files.keys.filter { FileManager.default.fileExists(atPath: folder.appending(path: $0).path) }.sorted()
        if !existing.isEmpty, !force {
            let shown = existing.prefix(10).map { "\(display)/\($0)" }.joined(separator: ", ")
            let more = existing.count > 10 ? " and \(existing.count - 10) more" : ""
            throw BuildFailure([
                .error(
                    "refusing to overwrite \(existing.count) existing file(s): \(shown)\(more)",
                    hint: "pass --force to overwrite them with the built-in theme's, or eject into another folder")
            ])
        }
        return try FileExport.write(files, into: folder, overwrite: true, display: display).written
    }
}
