import ArgumentParser
import Foundation
import StaybookServer
import StaybookSite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on this machine and rebuild and reload the browser after every save.",
        discussion: "Example: staybook serve --port 8080, then open the address it prints. Ctrl-C stops it.")

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on (default: this machine only).")
    var host = "127.0.0.1"

    @Option(
        name: .long, help: "Build into this folder and keep it (default: a temporary folder, removed on exit).",
        completion: .directory)
    var output: String?

    @Flag(name: .long, help: "Print how long each step of every build took.")
    var timings = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a port; use 1–65535, or 0 for any free one")
        }
    }

    func run() async throws {
        let outputURL = output.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        }
        let signals = TerminationSignal()
        let server = PreviewServer(
            project: options.project, host: host, port: UInt16(port), output: outputURL,
            onRebuild: { [timings] rebuild in printRebuild(rebuild, timings: timings) })
        do {
            try await server.start()
        } catch {
            printDiagnostics([error.diagnostic])
            await server.stop()
            throw ExitCode.failure
        }
        say("serving \(server.url.absoluteString) … (watching content/ and themes/; Ctrl-C to stop)")
        let signal = await signals.next()
        say("stopping (\(signal == SIGINT ? "Ctrl-C" : "SIGTERM")) …")
        await server.stop()
    }
}

/// The terminal's account of a build: its problems, compiler style, and one line.
func printRebuild(_ rebuild: PreviewServer.Rebuild, timings: Bool = false) {
    let report = rebuild.report
    printDiagnostics(report.diagnostics)
    if timings {
        for step in report.steps { say("  \(step.name): \(formatSeconds(step.seconds))") }
    }
    let what = rebuild.number == 0 ? "first build" : "\(rebuild.sources.count) file(s) changed"
    let warnings = report.diagnostics.warnings.count
    guard report.succeeded else {
        print(
            "\(what): build failed in \(rebuild.milliseconds) ms: \(report.diagnostics.errors.count) error(s), \(warnings) warning(s); \(rebuild.number == 0 ? "nothing to serve until it builds" : "serving the last good site"), the browser shows the errors",
            to: &standardErrorStream)
        return
    }
    if report.upToDate && !rebuild.reloaded {
        say("\(what): nothing to rebuild, checked in \(rebuild.milliseconds) ms")
        return
    }
    let changed = report.changed.isEmpty ? "" : ", \(report.changed.count) output file(s) changed"
    say(
        "\(what): built \(report.pages) pages in \(rebuild.milliseconds) ms (\(report.rendered) of \(report.files) files rendered again), \(warnings) warning(s)\(changed)\(rebuild.reloaded ? "; reloading" : "")"
    )
}

/// A line on standard output, written at once (`print` holds it back when the output is a pipe, and a
/// script waiting for the address would wait).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
