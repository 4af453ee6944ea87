import Foundation
import StaybookContent
import StaybookModel
import StaybookSite
import Testing

@Suite struct LinkTests {
    let fixture: TestProject

    init() throws {
        fixture = try TestProject([
            "content/_index.md": "# 首页\n",
            "content/care/_index.md": "---\ntitle: 关怀\n---\n",
            "content/care/career.md": "---\ntitle: 职业关怀\n---\n## 怎么做\n",
            "content/care/chart.png": "png",
            "content/talk-scripts/new-hire.md": "---\ntitle: 新人\n---\n",
        ])
    }

    func resolve(_ destination: String, from source: String = "talk-scripts/new-hire.md") throws -> LinkResolution {
        let (site, _) = fixture.load()
        let map = try #require(site?.map)
        let page = try #require(map.pages.first { $0.source == source })
        return LinkResolver(site: map).resolve(destination, from: page.source, publishedAt: page.output)
    }

    @Test func markdownPathsBecomeRelativePageURLs() throws {
        #expect(try resolve("../care/career.md") == .rewrite("../../care/career/index.html"))
        #expect(try resolve("/care/career.md") == .rewrite("../../care/career/index.html"))
        #expect(try resolve("../care/career.md#怎么做") == .rewrite("../../care/career/index.html#%E6%80%8E%E4%B9%88%E5%81%9A"))
        #expect(try resolve("career.md", from: "care/career.md") == .rewrite("index.html"))
    }

    @Test func foldersSectionIndexesAndPagePathsResolve() throws {
        #expect(try resolve("../care/") == .rewrite("../../care/index.html"))
        #expect(try resolve("../care/_index.md") == .rewrite("../../care/index.html"))
        #expect(try resolve("../care/career/") == .rewrite("../../care/career/index.html"))
        #expect(try resolve("../_index.md") == .rewrite("../../index.html"))
    }

    @Test func filesBesideThePageAreLinkedWhereTheyArePublished() throws {
        #expect(try resolve("chart.png", from: "care/career.md") == .rewrite("../chart.png"))
    }

    @Test func externalAndInPageLinksAreLeftAlone() throws {
        #expect(try resolve("https://intranet.example/x") == .keep)
        #expect(try resolve("mailto:hr@example.com") == .keep)
        #expect(try resolve("#谈话步骤") == .keep)
    }

    @Test func missingTargetsAndEscapesAreBroken() throws {
        guard case .broken(let message, _) = try resolve("../care/missing.md") else {
            Issue.record("a link to a missing page resolved")
            return
        }
        #expect(message == "the link `../care/missing.md` points to content/care/missing.md, which does not exist")
        guard case .broken(let escape, _) = try resolve("../../../etc/passwd") else {
            Issue.record("a link out of the content folder resolved")
            return
        }
        #expect(escape.contains("points outside the content folder"))
    }

    @Test func aBrokenLinkFailsTheBuildWithFileAndLine() throws {
        try fixture.write("content/care/career.md", "---\ntitle: 职业关怀\n---\n\n正文\n\n见[不存在的页](nope.md)。\n")
        let report = fixture.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.location == "content/care/career.md:7")
        #expect(!fixture.exists("index.html"))
    }

    @Test func theBrokenLinksSettingDemotesThemToWarnings() throws {
        try fixture.write("content/site.yml", "title: 测试手册\nbroken_links: warning\n")
        try fixture.write("content/care/career.md", "---\ntitle: 职业关怀\n---\n[x](nope.md)\n")
        let report = fixture.build()
        #expect(report.succeeded)
        #expect(report.diagnostics.warnings.count == 1)
    }
}

@Suite struct AliasTests {
    @Test func anAliasKeepsAnOldPathAliveWithARedirectPage() throws {
        let fixture = try TestProject([
            "content/care/career.md": "---\ntitle: 职业关怀\naliases: [old/career-care, /legacy/page/index.html]\n---\n"
        ])
        #expect(fixture.build().succeeded)
        let html = try fixture.read("old/career-care/index.html")
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../care/career/index.html\">"))
        #expect(html.contains("<a href=\"../../care/career/index.html\">职业关怀</a>"))
        #expect(fixture.exists("legacy/page/index.html"))
    }

    @Test func anAliasThatIsARealPageIsAnError() throws {
        let fixture = try TestProject([
            "content/a.md": "---\ntitle: 甲\n---\n",
            "content/b.md": "---\ntitle: 乙\naliases:\n  - a\n---\n",
        ])
        let report = fixture.build()
        #expect(report.diagnostics.errors.first?.message == "the alias `a` is the path of content/a.md")
        #expect(report.diagnostics.errors.first?.location == "content/b.md:4")
    }

    @Test func anAliasThatClimbsOutIsAnError() throws {
        let fixture = try TestProject(["content/a.md": "---\ntitle: 甲\naliases: [../x]\n---\n"])
        #expect(fixture.build().diagnostics.errors.first?.message == "the alias `../x` is not a path of the site")
    }
}

@Suite struct InlineLinkTests {
    @Test func aBrokenLinkInADoOrDontPointsAtItsGroup() throws {
        let fixture = try TestProject([
            "content/dd.md": "---\ntitle: 要点\nkind: dos-and-donts\ngroups:\n  - name: 准备\n    dos: [\"看[数据](nope.md)\"]\n---\n"
        ])
        let report = fixture.build()
        #expect(report.diagnostics.errors.first?.location == "content/dd.md:5")
    }

    @Test func linksInQuizOptionsAreResolved() throws {
        let fixture = try TestProject([
            "content/a.md": "# 甲\n",
            "content/quiz.md": "---\ntitle: 竞赛\nkind: contest\nquestions:\n  - q: 见[甲](a.md)\n    options: [对, 错]\n    answer: A\n---\n",
        ])
        #expect(fixture.build().succeeded)
        #expect(try fixture.read("quiz/index.html").contains("<p class=\"quiz-stem\">见<a href=\"../a/index.html\">甲</a></p>"))
    }
}
