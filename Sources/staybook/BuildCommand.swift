import ArgumentParser
import Foundation
import StaybookSite

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder (atomically: a failed build leaves it as it was).")

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "The output folder (default: site/ in the project folder).", completion: .directory)
    var output: String?

    @Flag(name: .long, help: "Print how long each step took.")
    var timings = false

    func run() throws {
        let project = options.project
        let outputURL = output.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
        let builder = Pipeline.builder(project, output: outputURL)
        let report = builder.build()
        // The process ends after this build: freeing what the engine holds (a large site's state is
        // hundreds of thousands of objects) would only delay the exit, by 0.1 s at 10,000 pages. A
        // global keeps it (a leak checker sees it reachable; Swift frees no globals at exit).
        builtUntilExit = builder
        printDiagnostics(report.diagnostics)
        if timings {
            for step in report.steps { print("  \(step.name): \(formatSeconds(step.seconds))") }
            if report.succeeded && !report.upToDate {
                print("  rendered again: \(report.rendered) of \(report.files) files (the others kept from the last build)")
                let templates = report.templateSeconds
                print("  templates: \(formatSeconds(templates.all)) of processor time on all cores, \(formatSeconds(templates.nested)) of it inside other templates (the sidebar)")
            }
        }
        let warnings = report.diagnostics.warnings.count
        guard report.succeeded else {
            print(
                "build failed: \(report.diagnostics.errors.count) error(s), \(warnings) warning(s); \(report.output?.path ?? "the output") is unchanged",
                to: &standardErrorStream)
            throw ExitCode.failure
        }
        let where_ = report.output.map { $0.standardizedFileURL.path } ?? "site"
        let search = report.searchIndex.map { ", " + $0.summary } ?? ""
        if report.upToDate {
            print("up to date: \(report.pages) pages (\(report.files) files), nothing changed since the last build, checked in \(formatSeconds(report.seconds)) → \(where_)\(search)")
            return
        }
        print("built \(report.pages) pages (\(report.files) files), \(warnings) warning(s), in \(formatSeconds(report.seconds)) → \(where_)\(search)")
    }
}

nonisolated(unsafe) var standardErrorStream = StandardError()

/// The builder of `staybook build`, kept until the process exits (`BuildCommand.run`).
nonisolated(unsafe) private var builtUntilExit: SiteBuilder?
