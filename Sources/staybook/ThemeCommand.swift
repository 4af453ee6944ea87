import ArgumentParser
import Foundation
import StaybookSite

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Work with the theme built into Staybook.",
        subcommands: [EjectCommand.self])

    struct EjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eject",
            abstract: "Write the built-in theme out as files, to change all of it.",
            discussion: "Files under themes/default/ override the built-in theme one by one; to change one template, copy just that file there.")

        @Option(name: .long, help: "The project folder (default: the current folder).", completion: .directory)
        var root: String = "."

        @Argument(help: "The folder to write to (default: themes/default in the project folder).", completion: .directory)
        var folder: String?

        @Flag(name: .long, help: "Overwrite files that exist.")
        var force = false

        func run() throws {
            let project = Project(root: URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
            let url = folder.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }
                ?? ThemeEject.defaultFolder(of: project)
            let display = folder ?? displayPath(url, under: project.root)
            do {
                let written = try ThemeEject.eject(to: url, force: force, display: display)
                for path in written { print("wrote \(display)/\(path)") }
                print("wrote the built-in theme (\(written.count) files) to \(display)")
            } catch {
                printDiagnostics(error.diagnostics)
                throw ExitCode.failure
            }
        }
    }
}

/// `url` relative to `root` when it lies inside it, else its full path.
func displayPath(_ url: URL, under root: URL) -> String {
    let path = url.standardizedFileURL.path
    let rootPath = root.standardizedFileURL.path
    return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
}
