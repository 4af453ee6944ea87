import ArgumentParser
import Foundation
import StaybookSite

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a handbook that builds at once: site.yml, one example per kind, two months of data.",
        discussion: "Example: staybook init 留人手册 && cd 留人手册 && staybook build")

    @Argument(help: "The folder to create the handbook in (default: the current folder).", completion: .directory)
    var folder: String = "."

    @Flag(name: .long, help: "Also into a folder that is not empty; existing files are never overwritten.")
    var force = false

    func run() throws {
        let url = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        do {
            let (written, skipped) = try Starter.create(in: url, force: force, display: folder)
            for path in written { print("created \(folder == "." ? path : "\(folder)/\(path)")") }
            for path in skipped { print("skipped \(folder == "." ? path : "\(folder)/\(path)") (it exists)") }
            print("")
            print("Next steps:")
            if folder != "." { print("  cd \(folder)") }
            print("  staybook build                     # builds content/ into site/; open site/index.html")
            print("  staybook new talk-script \"标题\"     # adds a playbook (kinds: talk-script, dos-and-donts, care-measure, …)")
            print("  staybook theme eject               # only to change the whole theme; one file in themes/default/ overrides one")
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
