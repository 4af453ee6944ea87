import Foundation
import PackagePlugin

/// Compiles the repository's `themes/default/` and `starter/` into the target as Swift source
/// (`EmbeddedFiles.theme`, `EmbeddedFiles.starter`), so the installed binary needs no files beside it.
/// Every embedded file is an input of the command, so editing one regenerates the source. The list
/// of files is made when SwiftPM plans the build, which it does again only when Package.swift or a
/// target's folder changes: after adding or removing a file, `touch Package.swift` (the tests
/// comparing the embedded files with the folders fail until then).
@main
struct EmbedFiles: BuildToolPlugin {
    /// Generated array name → folder relative to the package root.
    static let folders: [(name: String, path: String)] = [("theme", "themes/default"), ("starter", "starter")]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles+Generated.swift")
        var arguments = [output.path]
        var inputs: [URL] = []
        for folder in Self.folders {
            let url = root.appending(path: folder.path, directoryHint: .isDirectory)
            arguments += [folder.name, url.path]
            inputs += Self.files(under: url)
        }
        return [
            .buildCommand(
                displayName: "Embedding themes/default and starter",
                executable: try context.tool(named: "staybook-embed").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    /// Every regular file below `folder`, hidden ones skipped as the tool skips them.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var result: [URL] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            let url = folder.appending(path: relative)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(url)
            }
        }
        return result.sorted { $0.path < $1.path }
    }
}
