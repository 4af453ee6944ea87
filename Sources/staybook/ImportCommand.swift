import ArgumentParser
import Foundation
import StaybookImport
import StaybookModel

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn HR exports (CSV or .xlsx) into the monthly snapshots in content/data/snapshots/.",
        subcommands: [RosterCommand.self, IndicatorsCommand.self])
}

/// What both imports take besides their file.
struct ImportOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder holding content/.", completion: .directory)
    var root: String = "."

    @Option(name: .long, help: "The sheet of an .xlsx workbook to read (default: the first).")
    var sheet: String?

    @Flag(name: .long, help: "Print what would change and write nothing.")
    var check = false

    @Flag(name: .long, help: "Overwrite snapshots that were changed since the last import.")
    var force = false

    var rootURL: URL { URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }
}

func parsePeriod(_ text: String?, option: String) throws -> Period? {
    guard let text else { return nil }
    guard let period = Period(text) else { throw ValidationError("\(option) \(text) is not a month; write it as YYYY-MM, e.g. \(option) 2026-10") }
    return period
}

func printImportReport(_ report: ImportReport, check: Bool, what: String) throws {
    printDiagnostics(report.diagnostics)
    let counts = Dictionary(grouping: report.changes, by: \.kind).mapValues(\.count)
    if check || !report.succeeded {
        for change in report.changes where change.kind != .unchanged {
            print("  \(change.name): \(change.kind.rawValue)\(change.editedByHand ? " (changed since the last import)" : "")")
            for line in change.details.prefix(8) { print("      \(line)") }
        }
    }
    guard report.succeeded else {
        print("import failed: \(report.diagnostics.errors.count) error(s); content/data/snapshots is unchanged", to: &standardErrorStream)
        throw ExitCode.failure
    }
    let months = report.changes.map(\.name).sorted()
    let span = months.isEmpty ? "" : " (\(months.first!.dropLast(5)) … \(months.last!.dropLast(5)))"
    let summary = "\(months.count) month(s)\(span): \(counts[.new] ?? 0) new, \(counts[.changed] ?? 0) changed, \(counts[.unchanged] ?? 0) unchanged"
    print(check ? "would import \(what): \(summary); nothing written (--check)" : "imported \(what): \(summary) → content/data/snapshots")
}

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "A roster (one row per stay of one employee in one team) → one snapshot per month.")

    @Argument(help: "The roster: .csv (UTF-8, UTF-8 with BOM or GB18030; comma or tab) or .xlsx.", completion: .file())
    var file: String

    @Option(name: .long, help: "The first month to write, YYYY-MM (default: the month of the first stay).")
    var from: String?

    @Option(name: .long, help: "The last month to write, YYYY-MM (default: the month of the latest date in the file).")
    var to: String?

    @OptionGroup var options: ImportOptions

    func validate() throws {
        _ = try parsePeriod(from, option: "--from")
        _ = try parsePeriod(to, option: "--to")
    }

    func run() throws {
        let url = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let report = RosterImport.run(
            file: url, display: file, contentDirectory: options.rootURL.appending(path: "content"),
            options: .init(from: try parsePeriod(from, option: "--from"), to: try parsePeriod(to, option: "--to"), sheet: options.sheet, check: options.check, force: options.force))
        try printImportReport(report, check: options.check, what: "the roster")
    }
}

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators", abstract: "Weekly indicators (quality, sales, efficiency, breaks, monthly pay) → the snapshots' agents.")

    @Argument(help: "The indicators export: .csv or .xlsx.", completion: .file())
    var file: String

    @Option(name: .long, help: "Only the weeks that end in this month, YYYY-MM.")
    var month: String?

    @OptionGroup var options: ImportOptions

    func validate() throws { _ = try parsePeriod(month, option: "--month") }

    func run() throws {
        let url = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let report = IndicatorsImport.run(
            file: url, display: file, contentDirectory: options.rootURL.appending(path: "content"), month: try parsePeriod(month, option: "--month"),
            options: .init(sheet: options.sheet, check: options.check, force: options.force))
        try printImportReport(report, check: options.check, what: "the indicators")
    }
}
