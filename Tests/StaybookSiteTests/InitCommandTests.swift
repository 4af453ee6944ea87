import Foundation
import StaybookBuiltIn
import Testing

/// `staybook init` and `staybook theme eject` as a user runs them: messages and exit statuses.
@Suite struct InitCommandTests {
    @Test func initThenBuildWorksAtOnce() throws {
        let folder = try TemporaryFolder()
        let created = try CLI.run(["init", "hb"], in: folder.url)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created hb/content/site.yml\n"))
        #expect(created.stdout.contains("Next steps:\n  cd hb\n  staybook build"))

        let hb = folder.url.appending(path: "hb")
        let built = try CLI.run(["build"], in: hb)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.isEmpty)
        #expect(built.stdout.hasPrefix("built ") && built.stdout.contains(", 0 warning(s), "), "\(built.stdout)")

        let again = try CLI.run(["init", "hb"], in: folder.url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: hb is not empty"), "\(again.stderr)")
        #expect(again.stderr.contains("hint: ") && again.stderr.contains("--force"))

        try Data("title: 我的手册\n".utf8).write(to: hb.appending(path: "content/site.yml"))
        let forced = try CLI.run(["init", "--force"], in: hb)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("skipped content/site.yml (it exists)\n"))
        #expect(try Data(contentsOf: hb.appending(path: "content/site.yml")) == Data("title: 我的手册\n".utf8))
    }

    @Test func themeEjectWritesThenRefuses() throws {
        let folder = try TemporaryFolder()
        let ejected = try CLI.run(["theme", "eject"], in: folder.url)
        #expect(ejected.status == 0, "\(ejected.stderr)")
        #expect(ejected.stdout.contains("wrote themes/default/templates/base.mustache\n"))
        #expect(ejected.stdout.contains("wrote the built-in theme (\(BuiltInTheme.files.count) files) to themes/default\n"))

        let again = try CLI.run(["theme", "eject"], in: folder.url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: refusing to overwrite \(BuiltInTheme.files.count) existing file(s): themes/default/assets/"), "\(again.stderr)")
        #expect(again.stderr.contains("--force"))
        #expect(try CLI.run(["theme", "eject", "--force"], in: folder.url).status == 0)

        let elsewhere = try CLI.run(["theme", "eject", "copy"], in: folder.url)
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stdout.contains("wrote copy/assets/style.css\n"))
        #expect(try CLI.run(["theme", "eject", "--colour"], in: folder.url).status == 64)
    }
}
