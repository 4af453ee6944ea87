import ArgumentParser
import StaybookSite

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check content, data, links and theme as a build would, writing nothing.")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let report = Pipeline.check(options.project)
        printDiagnostics(report.diagnostics)
        let errors = report.diagnostics.errors.count
        let warnings = report.diagnostics.warnings.count
        guard report.succeeded else {
            print("check failed: \(errors) error(s), \(warnings) warning(s)", to: &standardErrorStream)
            throw ExitCode.failure
        }
        print("checked \(report.pages) pages: no errors, \(warnings) warning(s)")
    }
}
