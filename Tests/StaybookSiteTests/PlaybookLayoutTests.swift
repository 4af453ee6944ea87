import Foundation
import StaybookModel
import StaybookSite
import Testing

/// The layouts of do's and don'ts and of the title map, built from real playbooks.
@Suite struct PlaybookLayoutTests {
    @Test func dosAndDontsStandSideBySidePerGroup() throws {
        let project = try TestProject([
            "content/dd/talk.md": """
                ---
                title: 谈话要点
                kind: dos-and-donts
                groups:
                  - name: 时间与地点
                    dos: ["控制在**半小时**内", "见[准备](prep.md)"]
                    donts: ["在领导办公室谈"]
                  - name: 记录
                    dos: ["带笔记本"]
                    donts: []
                ---

                开场说明。
                """,
            "content/dd/prep.md": "---\ntitle: 准备\n---\n",
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("dd/talk/index.html")
        // Each group: its heading, then the two columns in one grid, do's first.
        let groups = html.components(separatedBy: "<section class=\"dd-group\"").dropFirst()
        #expect(groups.count == 2)
        let first = try #require(groups.first)
        #expect(first.contains("<h2 id=\"dd-时间与地点\">时间与地点</h2>"))
        let grid = try #require(first.range(of: "<div class=\"dd-grid\">"))
        let dos = try #require(first.range(of: "dd-col dd-do"))
        let donts = try #require(first.range(of: "dd-col dd-dont"))
        #expect(grid.upperBound <= dos.lowerBound && dos.upperBound <= donts.lowerBound)
        // Items are inline Markdown: emphasis kept, a link to a .md file resolved from the page.
        #expect(first.contains("<li>控制在<strong>半小时</strong>内</li>"))
        #expect(first.contains("<li>见<a href=\"../prep/index.html\">准备</a></li>"))
        #expect(first.contains("<li>在领导办公室谈</li>"))
        // An empty column says so instead of leaving an empty list.
        #expect(groups.last?.contains("<div class=\"dd-col dd-dont\"><h3>不要做</h3><p>（无）</p></div>") == true)
    }

    @Test func aBrokenLinkInADoIsAnErrorAtTheGroupsLine() throws {
        let project = try TestProject([
            "content/dd/talk.md": "---\ntitle: 谈话要点\nkind: dos-and-donts\ngroups:\n  - name: 甲\n    dos: [\"见[无](nope.md)\"]\n    donts: []\n---\n"
        ])
        let report = project.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.file == "content/dd/talk.md")
        #expect(error.line == 5)
        #expect(error.message.contains("`nope.md`"))
    }

    @Test func theTitleMapIsAGlossaryOfOldAndNewTitlesWithReasons() throws {
        let project = try TestProject([
            "content/titles/map.md": """
                ---
                title: 名称对照
                id: titles-map
                kind: title-map
                titles:
                  - type: 部门
                    old: 客服部
                    new: 客户体验中心
                    reason: 对客户的**整体体验**负责。
                  - type: 岗位
                    old: 话务员
                    new: 客户体验顾问
                ---

                推行步骤见下。
                """
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("titles/map/index.html")
        let rows = html.components(separatedBy: "<tr><td>").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
        #expect(rows == [
            "部门</td><td class=\"old-title\">客服部</td><td class=\"new-title\">客户体验中心</td><td>对客户的<strong>整体体验</strong>负责。</td>",
            "岗位</td><td class=\"old-title\">话务员</td><td class=\"new-title\">客户体验顾问</td><td></td>",
        ])
        // The glossary names the old titles on purpose: no warning for its own page.
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }
}
