import ArgumentParser
import Foundation
import StaybookModel
import StaybookSite

struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder holding content/ (and themes/, if any).", completion: .directory)
    var root: String = "."

    @Option(name: .customLong("as-of"), help: "Plan one-on-ones as of this day, YYYY-MM-DD (default: the last day of the latest snapshot's month).")
    var asOf: String?

    func validate() throws {
        if let asOf, Day(asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not a real date; write it as YYYY-MM-DD, e.g. --as-of 2026-10-31")
        }
    }

    var project: Project {
        Project(
            root: URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            asOf: asOf.flatMap(Day.init))
    }
}

/// Compiler-style diagnostics on standard error, at most `limit` of them.
func printDiagnostics(_ diagnostics: [Diagnostic], limit: Int = 100) {
    var standardError = StandardError()
    for diagnostic in diagnostics.prefix(limit) {
        print(diagnostic.description, to: &standardError)
    }
    if diagnostics.count > limit {
        print("… and \(diagnostics.count - limit) more", to: &standardError)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

func formatSeconds(_ seconds: Double) -> String {
    String(format: "%.2f s", seconds)
}
