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
        // Both pipes at once: a child that fills one while the other is read would wait forever
        // (a sanitizer's report on standard error is easily more than a pipe holds).
        let stderrData = LockedData()
        let reader = Thread { stderrData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !stderrData.isSet { usleep(1000) }
        let stderr = stderrData.data
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

/// Data one thread sets and another reads.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var held: Data?

    func set(_ data: Data) { lock.withLock { held = data } }
    var isSet: Bool { lock.withLock { held != nil } }
    var data: Data { lock.withLock { held ?? Data() } }
}

extension CLI {
    /// Starts `staybook` as a shell started from a terminal would: SIGINT and SIGTERM at their
    /// default action and unblocked (a test runner may ignore them, and children inherit that),
    /// output discarded. Returns the process id.
    static func spawnAsFromATerminal(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        return pid
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
        #expect(summary.hasPrefix("built 2 pages (10 files), 0 warning(s), in "), "\(summary)")
        #expect(summary.contains("→ \(fixture.site.path), search index "), "\(summary)")
        #expect(try Regex(#", search index \d+ KB = \d+% of HTML$"#).firstMatch(in: summary) != nil, "\(summary)")
    }

    /// Ctrl-C (SIGINT), a stop request (SIGTERM) or a crash (SIGKILL) while the pages are being
    /// written: the site stays as it was, and the next build cleans up and publishes.
    @Test(arguments: [SIGINT, SIGTERM, SIGKILL])
    func anInterruptedBuildLeavesThePreviousSite(_ signal: Int32) throws {
        let fixture = try TestProject(["content/site.yml": "title: 测试手册\nnav_limit: 10\n"])
        for index in 0..<3_000 {
            try fixture.write("content/p/\(index).md", "# 页面 \(index)\n\n正文。\n")
        }
        #expect(try CLI.run(["build"], in: fixture.root).status == 0)
        let before = try OutputState(fixture.site)
        try fixture.write("content/p/0.md", "# 改过的页面\n")

        let pid = try CLI.spawnAsFromATerminal(["build", "--root", fixture.root.path])
        let staging = fixture.root.appending(path: ".site.staging-\(pid)")
        let deadline = Date().addingTimeInterval(60)
        var status: Int32 = 0
        var ended = false
        while !FileManager.default.fileExists(atPath: staging.appending(path: "p").path), Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { ended = true; break }
            usleep(2_000)
        }
        try #require(!ended, "the build ended before it could be interrupted")
        kill(pid, signal)
        waitpid(pid, &status, 0)
        #expect(status & 0x7F == signal, "ended by signal \(status & 0x7F), status \(status >> 8)")
        #expect(try OutputState(fixture.site) == before, "site/ changed")

        let next = try CLI.run(["build"], in: fixture.root)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try fixture.read("p/0/index.html").contains("<h1>改过的页面</h1>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aBrokenPageFailsWithFileLineAndNoStackTrace() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\nkind: tallk-script\n---\n"])
        let result = try CLI.run(["build"], in: fixture.root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("content/a.md:3:7: error: unknown kind `tallk-script`\n    hint: use one of: talk-script,"))
        #expect(result.stderr.contains("build failed: 1 error(s), 0 warning(s);"))
        #expect(!fixture.exists("index.html"))
    }

    @Test func asOfTakesARealDayAndRejectsAnythingElse() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\n---\n"])
        let bad = try CLI.run(["build", "--as-of", "2026-02-30"], in: fixture.root)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--as-of 2026-02-30 is not a real date; write it as YYYY-MM-DD"))
        #expect(!fixture.exists("index.html"))
        let good = try CLI.run(["check", "--as-of", "2026-11-05"], in: fixture.root)
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func importRosterPrintsASummaryAndFailsWithRowAndColumn() throws {
        let fixture = try TestProject(["content/site.yml": "title: 测试手册\ntarget_churn: 0.08\n"])
        try fixture.write("roster.csv", "工号,班组,班组名称,片区,入组日期\nE1,hz-1,杭州一组,华东片区,2026-09-01\nE2,hz-1,杭州一组,华东片区,2026-10-05\n")
        let check = try CLI.run(["import", "roster", "roster.csv", "--check"], in: fixture.root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("would import the roster: 2 month(s) (2026-09 … 2026-10): 2 new, 0 changed, 0 unchanged; nothing written (--check)"))
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appending(path: "content/data/snapshots").path))
        let good = try CLI.run(["import", "roster", "roster.csv"], in: fixture.root)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("imported the roster: 2 month(s) (2026-09 … 2026-10): 2 new, 0 changed, 0 unchanged → content/data/snapshots"))
        let build = try CLI.run(["build"], in: fixture.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try fixture.read("dashboards/teams/hz-1/index.html").contains("杭州一组"))

        try fixture.write("roster.csv", "工号,班组,班组名称,片区,入组日期\nE1,hz-1,杭州一组,华东片区,2026-09-31\n")
        let bad = try CLI.run(["import", "roster", "roster.csv"], in: fixture.root)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("roster.csv:2:5: error: 入组日期: \"2026-09-31\" is not a real date\n    hint: "))
        #expect(bad.stderr.contains("import failed: 1 error(s); content/data/snapshots is unchanged"))
        let usage = try CLI.run(["import", "roster", "roster.csv", "--from", "2026-13"], in: fixture.root)
        #expect(usage.status == 64)
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
