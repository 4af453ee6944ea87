import Foundation
import StaybookBuiltIn
import StaybookModel

/// `staybook init`: a handbook that builds at once — `content/site.yml` with every setting
/// explained, one section per kind with one short example each, two months of snapshots and a
/// `.gitignore` — from the repository's `starter/`, compiled into Staybook. Each example lives in
/// its kind's `defaultSection`, where `staybook new` puts the next one.
public enum Starter {
    /// What a folder may hold and still count as empty (a fresh `git init`).
    static let ignoredEntries: Set<String> = [".git", ".DS_Store"]

    /// Writes the starter handbook into `folder`, created when missing.
    /// - Parameters:
    ///   - force: also into a folder that holds files; existing files are kept, never overwritten
    ///   - display: how messages name `folder`
    /// - Returns: the paths written and the paths skipped because they existed, relative to `folder`
    public static func create(
        in folder: URL, force: Bool = false, display: String, files: [String: Data] = StarterHandbook.files
    ) throws(BuildFailure) -> (written: [String], skipped: [String]) {
        if FileExport.isFile(folder) {
            throw BuildFailure([.error("\(display) is a file, not a folder", hint: "pass a new or empty folder: staybook init DIR")])
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !ignoredEntries.contains($0) }
        if !entries.isEmpty, !force {
            throw BuildFailure([
                .error(
                    "\(display) is not empty (\(entries.sorted().prefix(5).joined(separator: ", "))\(entries.count > 5 ? ", …" : ""))",
                    hint: "pass a new or empty folder, or --force to add the starter files beside them (existing files are never overwritten)")
            ])
        }
        return try FileExport.write(files, into: folder, overwrite: false, display: display)
    }
}
