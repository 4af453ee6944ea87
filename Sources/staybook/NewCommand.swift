import ArgumentParser
import StaybookModel
import StaybookSite

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a playbook with the front matter and outline of its kind.",
        discussion: "Example: staybook new talk-script \"新员工入职第一周谈话\" --slug new-hire-first-week")

    @OptionGroup var options: ProjectOptions

    @Argument(help: ArgumentHelp("The kind of playbook.", valueName: PageKind.allCases.map(\.rawValue).joined(separator: "|")))
    var kind: String

    @Argument(help: "The title.")
    var title: String

    @Option(name: .long, help: "The file name without .md (default: from the title).")
    var slug: String?

    @Option(name: .long, help: "The module id (default: the slug, or KIND-N).")
    var id: String?

    @Option(name: .long, help: "The folder under content/ (default: the kind's usual section).")
    var section: String?

    func validate() throws {
        guard PageKind(rawValue: kind) != nil else {
            throw ValidationError("unknown kind `\(kind)`; use one of: \(PageKind.allNames)")
        }
    }

    func run() throws {
        do {
            let path = try Scaffold.create(
                in: options.project, kind: PageKind(rawValue: kind)!, title: title, slug: slug, id: id, section: section)
            print("created \(path)")
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
