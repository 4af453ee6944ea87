import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct AssemblerTests {
    @Test func ordersPagesByWeightThenTitleAndPlacesThemInFolders() throws {
        let fixture = try TestProject([
            "content/talk-scripts/_index.md": "---\ntitle: 一对一谈话\nweight: 20\n---\n",
            "content/talk-scripts/b.md": "---\ntitle: 乙\nweight: 20\n---\n",
            "content/talk-scripts/a.md": "---\ntitle: 甲\nweight: 10\n---\n",
            "content/talk-scripts/c.md": "---\ntitle: 丙\n---\n",
            "content/talk-scripts/d.md": "---\ntitle: 丁\nweight: 20\n---\n",
            "content/care/_index.md": "---\ntitle: 关怀\nweight: 10\n---\n",
        ])
        let (site, report) = fixture.load()
        #expect(report.diagnostics.isEmpty)
        let map = try #require(site?.map)
        let section = try #require(map.sections["talk-scripts"])
        #expect(section.pages.map { map.pages[$0].title } == ["甲", "丁", "乙", "丙"])
        #expect(map.root.children == ["care", "talk-scripts"])
        #expect(map.pages.first { $0.title == "甲" }?.output == SitePath("talk-scripts/a/index.html"))
        #expect(section.output == SitePath("talk-scripts/index.html"))
    }

    @Test func aPageWithoutFrontMatterTakesItsTitleFromItsHeadingOrFileName() throws {
        let fixture = try TestProject([
            "content/notes/带标题.md": "\n# 现有手册的一页\n\n正文\n",
            "content/notes/无标题.md": "只有正文\n",
        ])
        let (site, report) = fixture.load()
        #expect(report.diagnostics.isEmpty)
        let titles = Set(site?.map.pages.map(\.title) ?? [])
        #expect(titles == ["现有手册的一页", "无标题"])
        let withHeading = try #require(site?.map.pages.first { $0.title == "现有手册的一页" })
        #expect(!withHeading.body.contains("# 现有手册的一页"))
        #expect(withHeading.output == SitePath("notes/带标题/index.html"))
    }

    @Test func duplicateIDsAreAnErrorNamingBothFiles() throws {
        let fixture = try TestProject([
            "content/a.md": "---\ntitle: 甲\nid: same\n---\n",
            "content/b.md": "---\ntitle: 乙\n\nid: same\n---\n",
        ])
        let (site, report) = fixture.load()
        #expect(site == nil)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.location == "content/b.md:4")
        #expect(error.message == "the id `same` is already used by content/a.md:3")
    }

    @Test func twoFilesWithTheSameURLAreAnError() throws {
        let fixture = try TestProject(["content/Care Plan.md": "# 甲\n", "content/care-plan.md": "# 乙\n"])
        let (_, report) = fixture.load()
        #expect(report.diagnostics.errors.first?.message.contains("would both be published as care-plan/index.html") == true)
    }

    @Test func reservedTopLevelNamesAreRefused() throws {
        let fixture = try TestProject(["content/assets/x.md": "# 甲\n"])
        let (_, report) = fixture.load()
        #expect(report.diagnostics.errors.first?.message == "the folder name `assets` is reserved for pages Staybook generates")
    }

    @Test func playbooksWithoutAnIDAreWarnedAbout() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\nkind: talk-script\n---\n"])
        let (_, report) = fixture.load()
        #expect(report.diagnostics.warnings.first?.message == "this talk-script has no `id`, so trainers cannot link to it permanently")
    }

    @Test func stagesFollowTheConfiguredOrderAndTagsTheirFrequency() throws {
        let fixture = try TestProject([
            "content/a.md": "---\ntitle: 甲\nstage: 离职\ntags: [稀有, 常见]\n---\n",
            "content/b.md": "---\ntitle: 乙\nstage: 入职期\ntags: [常见]\n---\n",
        ])
        let (site, _) = fixture.load()
        let map = try #require(site?.map)
        #expect(map.taxonomies.map(\.key) == ["stages", "roles", "tags"])
        #expect(map.taxonomies[0].terms.map(\.name) == ["入职期", "离职"])
        #expect(map.taxonomies[2].terms.map(\.name) == ["常见", "稀有"])
        #expect(map.taxonomies[0].terms[0].output == SitePath("stages/入职期/index.html"))
    }

    @Test func aSymlinkOutOfTheContentFolderIsRefused() throws {
        let fixture = try TestProject(["content/a.md": "# 甲\n"])
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root.appending(path: "content/passwd").path, withDestinationPath: "/etc/passwd")
        let (_, report) = fixture.load()
        #expect(report.diagnostics.errors.first?.message == "the symlink points outside the content folder (to /etc/passwd)")
        #expect(report.diagnostics.errors.first?.file == "content/passwd")
    }

    @Test func aSymlinkLoopIsReported() throws {
        let fixture = try TestProject(["content/sub/a.md": "# 甲\n"])
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root.appending(path: "content/sub/loop").path, withDestinationPath: "..")
        let (_, report) = fixture.load()
        #expect(report.diagnostics.errors.contains { $0.message.contains("symlink loop") && $0.file == "content/sub/loop" })
    }
}
