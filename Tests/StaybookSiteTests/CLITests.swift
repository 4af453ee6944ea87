import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Runs the real `staybook` executable, built beside the test bundle.
struct CLI {
    static var executable: URL {
        Bundle.main.bundleURL.appending(path: "staybook")
    }

    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: CLI.executable.path)))
struct CLITests {
    @Test func buildPrintsAOneLineSummary() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\n---\n"])
        let result = try CLI.run(["build"], in: fixture.root)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let summary = result.stdout.trimmingCharacters(in: .newlines)
        #expect(summary.hasPrefix("built 2 pages (7 files), 0 warning(s), in "), "\(summary)")
        #expect(summary.contains("→ \(fixture.site.path), search index "), "\(summary)")
        #expect(try Regex(#", search index \d+ KB = \d+% of HTML$"#).firstMatch(in: summary) != nil, "\(summary)")
    }

    @Test func aBrokenPageFailsWithFileLineAndNoStackTrace() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\nkind: tallk-script\n---\n"])
        let result = try CLI.run(["build"], in: fixture.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("content/a.md:3:7: error: unknown kind `tallk-script`\n    hint: use one of: talk-script,"))
        #expect(result.stderr.contains("build failed: 1 error(s), 0 warning(s);"))
        #expect(!fixture.exists("index.html"))
    }

    @Test func checkWritesNothing() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\n---\n"])
        let result = try CLI.run(["check", "--root", fixture.root.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("checked 2 pages: no errors, 0 warning(s)"))
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
    }

    @Test func newScaffoldsAPlaybookThatBuilds() throws {
        let fixture = try TestProject(["content/talk-scripts/a.md": "---\ntitle: 甲\nid: talk-script-1\nkind: talk-script\nweight: 10\n---\n"])
        let result = try CLI.run(["new", "talk-script", "新员工入职第一周谈话"], in: fixture.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "created content/talk-scripts/新员工入职第一周谈话.md\n")
        let text = try String(contentsOf: fixture.root.appending(path: "content/talk-scripts/新员工入职第一周谈话.md"), encoding: .utf8)
        #expect(text.contains("id: talk-script-2\n"))
        #expect(text.contains("weight: 20\n"))
        #expect(text.contains("## 谈话步骤"))
        let again = try CLI.run(["new", "talk-script", "新员工入职第一周谈话"], in: fixture.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        let build = try CLI.run(["build"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(fixture.exists("talk-scripts/新员工入职第一周谈话/index.html"))
    }

    @Test func newTakesSlugAndIDAndRejectsUnknownKinds() throws {
        let fixture = try TestProject([:])
        let result = try CLI.run(["new", "care-measure", "职业关怀", "--slug", "career", "--id", "care-career"], in: fixture.root)
        #expect(result.stdout == "created content/care/career.md\n")
        let text = try String(contentsOf: fixture.root.appending(path: "content/care/career.md"), encoding: .utf8)
        #expect(text.contains("id: care-career\n") && text.contains("cost: 低"))
        let bad = try CLI.run(["new", "memo", "x"], in: fixture.root)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown kind `memo`"))
    }
}
