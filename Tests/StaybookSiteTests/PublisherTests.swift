import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct PublisherTests {
    @Test func aFailedBuildLeavesThePreviousSiteExactlyAsItWas() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\n---\n正文\n"])
        #expect(fixture.build().succeeded)
        let before = fixture.outputFiles()
        let page = try fixture.read("a/index.html")
        try fixture.write("content/b.md", "---\ntitle: [坏]\n---\n")
        let report = fixture.build()
        #expect(!report.succeeded)
        #expect(report.diagnostics.errors.first?.location == "content/b.md:2:8")
        #expect(fixture.outputFiles() == before)
        #expect(try fixture.read("a/index.html") == page)
    }

    @Test func filesWithoutASourceDisappear() throws {
        let fixture = try TestProject(["content/a.md": "# 甲\n", "content/b.md": "# 乙\n"])
        #expect(fixture.build().succeeded)
        #expect(fixture.exists("b/index.html"))
        try FileManager.default.removeItem(at: fixture.root.appending(path: "content/b.md"))
        #expect(fixture.build().succeeded)
        #expect(!fixture.exists("b/index.html"))
        #expect(fixture.exists("a/index.html"))
        // No staging folders are left beside the output; the replaced output and the engine's state
        // are kept for the next build.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.hasPrefix(".site") }
        #expect(siblings.sorted() == [".site.inputs", ".site.lock", ".site.previous", ".site.search", ".site.state"])
    }

    @Test func refusesToPublishOverSourcesOrTheRoot() throws {
        let fixture = try TestProject(["content/a.md": "# 甲\n"])
        for output in ["content", "themes", ".", "content/site", "/"] {
            let report = Pipeline.build(fixture.project, output: fixture.root.appending(path: output))
            #expect(!report.succeeded, "published to \(output)")
            #expect(report.diagnostics.first?.message.hasPrefix("refusing to publish") == true)
        }
        #expect(FileManager.default.fileExists(atPath: fixture.root.appending(path: "content/a.md").path))
    }

    @Test func refusesToReplaceAFolderStaybookDidNotWrite() throws {
        let fixture = try TestProject(["content/a.md": "# 甲\n", "documents/report.docx": "important"])
        let report = Pipeline.build(fixture.project, output: fixture.root.appending(path: "documents"))
        #expect(report.diagnostics.first?.message.contains("holds files Staybook did not write") == true)
        #expect(FileManager.default.fileExists(atPath: fixture.root.appending(path: "documents/report.docx").path))
    }

    @Test func aSecondBuildWaitsItsTurnWithAClearMessage() throws {
        let fixture = try TestProject(["content/a.md": "# 甲\n"])
        let lock = open(fixture.root.appending(path: ".site.lock").path, O_CREAT | O_RDWR, 0o644)
        #expect(flock(lock, LOCK_EX) == 0)
        defer { close(lock) }
        // flock locks belong to the open file description: a second open in this process conflicts too.
        let report = fixture.build()
        #expect(report.diagnostics.first?.message.contains("another staybook build is publishing") == true)
        #expect(!fixture.exists("index.html"))
    }
}
