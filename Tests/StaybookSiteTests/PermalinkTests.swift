import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Permanent module links, the catalogue, modules.json, and links to headings checked at build time.
@Suite struct PermalinkTests {
    static let files = [
        "content/site.yml": "title: 测试手册\nbase_path: /handbook/\n",
        "content/talk/exit.md": """
            ---
            title: 离职面谈
            id: talk-exit
            kind: talk-script
            stage: 离职
            roles: [项目经理, 片区主管]
            ---

            ## 什么时候用

            ## 禁忌

            见[准备](../care/prep.md#第一步开场)与[本页禁忌](#禁忌)。
            """,
        "content/care/prep.md": "---\ntitle: 准备\nid: care-prep\nkind: care-measure\n---\n\n## 第一步：开场\n\n模块链接：[离职面谈](/m/talk-exit/#禁忌)。\n",
    ]

    @Test func everyModuleHasAPermanentLinkThatLeadsToItsPage() throws {
        let project = try TestProject(Self.files)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let redirect = try project.read("m/talk-exit/index.html")
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../talk/exit/index.html\">"))
        #expect(redirect.contains("<a href=\"../../talk/exit/index.html\">离职面谈</a>"))
        // The script that carries a #heading over is the theme's own file.
        #expect(redirect.contains("<script src=\"../../assets/staybook.js\" defer></script>"))
        #expect(project.exists("m/care-prep/index.html"))
        // The page shows its permanent link under base_path.
        let page = try project.read("talk/exit/index.html")
        #expect(page.contains("data-permalink=\"/handbook/m/talk-exit/\""))
    }

    @Test func modulesJSONListsEveryModuleForCourseTools() throws {
        let project = try TestProject(Self.files)
        #expect(project.build().succeeded)
        let data = try Data(contentsOf: project.site.appending(path: "api/modules.json"))
        let modules = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(modules.map { $0["id"] as? String } == ["care-prep", "talk-exit"])
        let exit = try #require(modules.last)
        #expect(exit["title"] as? String == "离职面谈")
        #expect(exit["kind"] as? String == "talk-script")
        #expect(exit["stage"] as? String == "离职")
        #expect(exit["roles"] as? [String] == ["项目经理", "片区主管"])
        #expect(exit["url"] as? String == "/handbook/talk/exit/")
        #expect(exit["permalink"] as? String == "/handbook/m/talk-exit/")
        #expect(modules.first?["stage"] is NSNull)
        #expect(Set(modules.flatMap { $0.keys }) == ["id", "title", "kind", "stage", "roles", "url", "permalink", "courses"])
        #expect((exit["courses"] as? [Any])?.isEmpty == true, "no course uses it")
    }

    @Test func theCatalogueListsModulesWithCopyButtons() throws {
        let project = try TestProject(Self.files)
        #expect(project.build().succeeded)
        let html = try project.read("m/index.html")
        #expect(html.contains("共 2 个模块"))
        #expect(html.contains("<a href=\"../talk/exit/index.html\">离职面谈</a><br><code class=\"module-id\">talk-exit</code>"))
        #expect(html.contains("<code class=\"permalink\">/handbook/m/talk-exit/</code> <button type=\"button\" class=\"copy-link\" data-copy=\"/handbook/m/talk-exit/\" hidden>复制链接</button>"))
        #expect(html.contains("<td>项目经理、片区主管</td>"))
        // Linked from the sidebar of every page.
        #expect(try project.read("talk/exit/index.html").contains("<a href=\"../../m/index.html\">模块目录</a>"))
    }

    @Test func linksToHeadingsAndModulesResolve() throws {
        let project = try TestProject(Self.files)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let exit = try project.read("talk/exit/index.html")
        #expect(exit.contains("<a href=\"../../care/prep/index.html#%E7%AC%AC%E4%B8%80%E6%AD%A5%E5%BC%80%E5%9C%BA\">准备</a>"))
        // cmark-gfm percent-encodes a destination as written; browsers decode it before matching the id.
        #expect(exit.contains("<a href=\"#%E7%A6%81%E5%BF%8C\">本页禁忌</a>"))
        // A module link goes straight to the page, not through the redirect.
        let prep = try project.read("care/prep/index.html")
        #expect(prep.contains("<a href=\"../../talk/exit/index.html#%E7%A6%81%E5%BF%8C\">离职面谈</a>"))
    }

    @Test func aLinkToAMissingHeadingIsAnErrorAtItsLine() throws {
        var files = Self.files
        files["content/care/prep.md"] = "---\ntitle: 准备\nid: care-prep\n---\n\n## 第一步：开场\n\n见[离职](../talk/exit.md#第二步)。\n\n[自己](#第一步)\n"
        let project = try TestProject(files)
        let report = project.build()
        #expect(!report.succeeded)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [8, 10])
        #expect(errors.allSatisfy { $0.file == "content/care/prep.md" })
        #expect(errors[0].message == "the link `../talk/exit.md#第二步` names the heading `#第二步`, which talk/exit/index.html does not have")
        #expect(errors[1].hint == "did you mean `#第一步开场`?")
        #expect(!project.exists("care/prep/index.html"))
    }

    @Test func brokenLinksCanBeDemotedToWarnings() throws {
        var files = Self.files
        files["content/site.yml"] = "title: 测试手册\nbroken_links: warning\n"
        files["content/care/prep.md"] = "---\ntitle: 准备\n---\n\n[无](../talk/exit.md#没有)\n"
        let project = try TestProject(files)
        let report = project.build()
        #expect(report.succeeded)
        // exit.md's link to prep.md's heading, which this prep.md lacks, and prep.md's own.
        let broken = report.diagnostics.filter { $0.message.hasPrefix("the link") }
        #expect(broken.map(\.severity) == [.warning, .warning])
        #expect(broken.map { "\($0.file ?? ""):\($0.line ?? 0)" } == ["content/care/prep.md:5", "content/talk/exit.md:13"])
    }

    @Test func aModuleLinkToAnUnknownIDIsAnError() throws {
        var files = Self.files
        files["content/care/prep.md"] = "---\ntitle: 准备\nid: care-prep\n---\n\n[旧模块](/m/talk-gone/)\n"
        let project = try TestProject(files)
        let report = project.build()
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.message == "the link `/m/talk-gone/` names the module id `talk-gone`, which no page has")
        #expect(error.line == 6)
    }
}
