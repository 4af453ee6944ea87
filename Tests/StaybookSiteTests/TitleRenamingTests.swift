import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct TitleRenamingTests {
    static let map = """
        ---
        title: 名称对照
        id: titles-2026
        kind: title-map
        titles:
          - {type: 岗位, old: 话务员, new: 客户服务专员, reason: 话务员听起来只接电话}
          - {type: 部门, old: 人事部, new: 人力资源部}
        ---
        以前叫话务员。

        """

    static let guide = """
        ---
        title: 话务员入职指南
        summary: 人事部写给新人
        ---
        第一段提到话务员。

        这里是 `话务员` 代码。

        ```
        话务员 在代码块里
        ```

        人事部负责，客户服务专员不变。
        第二行又有话务员和话务员。

        """

    static let history = """
        ---
        title: 名称的由来
        allow_old_titles: true
        ---
        话务员改名的经过。

        """

    func fixture(apply: Bool) throws -> TestProject {
        try TestProject([
            "content/site.yml": "title: 测试手册\n" + (apply ? "apply_titles: true\n" : ""),
            "content/titles/map.md": Self.map,
            "content/basics/guide.md": Self.guide,
            "content/basics/history.md": Self.history,
        ])
    }

    /// `html` without its `<pre>…</pre>` and `<code>…</code>` parts.
    static func withoutCode(_ html: String) -> String {
        var text = html
        for (open, close) in [("<pre", "</pre>"), ("<code", "</code>")] {
            while let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        return text
    }

    static func oldTitleWarnings(_ report: BuildReport) -> [Diagnostic] {
        report.diagnostics.filter { $0.message.hasPrefix("old title") }
    }

    @Test func everyOldTitleInTheTextIsAWarningAtItsLine() throws {
        let project = try fixture(apply: false)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let warnings = Self.oldTitleWarnings(report).filter { $0.line != nil }
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.file == "content/basics/guide.md" })
        // The title (line 2), the summary (line 3), the text of lines 5, 13 and twice 14; never the code on lines 7 and 10.
        #expect(warnings.map(\.line) == [2, 3, 5, 13, 14, 14])
        #expect(warnings.map(\.message) == [
            "old title `话务员`: the title map renames it `客户服务专员`",
            "old title `人事部`: the title map renames it `人力资源部`",
            "old title `话务员`: the title map renames it `客户服务专员`",
            "old title `人事部`: the title map renames it `人力资源部`",
            "old title `话务员`: the title map renames it `客户服务专员`",
            "old title `话务员`: the title map renames it `客户服务专员`",
        ])
        // Without apply_titles nothing changes.
        let html = try project.read("basics/guide/index.html")
        #expect(html.contains("<h1>话务员入职指南</h1>"))
        #expect(html.contains("第一段提到话务员。"))
    }

    @Test func anOldTitleInTheSummaryIsReportedWithItsLine() throws {
        let project = try fixture(apply: false)
        let report = project.build()
        let summary = Self.oldTitleWarnings(report).filter { $0.message.contains("`人事部`") && $0.line != 13 }
        try #require(summary.count == 1, "\(report.diagnostics)")
        #expect(summary[0].file == "content/basics/guide.md")
        // `summary:` is on line 3.
        #expect(summary[0].line == 3)
    }

    @Test func theTitleMapAndPagesThatAllowOldTitlesAreLeftAlone() throws {
        for apply in [false, true] {
            let project = try fixture(apply: apply)
            let report = project.build()
            #expect(report.succeeded)
            #expect(!report.diagnostics.contains { $0.file == "content/titles/map.md" || $0.file == "content/basics/history.md" }, "\(report.diagnostics)")
            let map = try project.read("titles/map/index.html")
            #expect(map.contains("<td class=\"old-title\">话务员</td><td class=\"new-title\">客户服务专员</td><td>话务员听起来只接电话</td>"))
            #expect(map.contains("以前叫话务员。"))
            #expect(try project.read("basics/history/index.html").contains("话务员改名的经过。"))
        }
    }

    @Test func applyTitlesReplacesTextAndTitlesButNotCode() throws {
        let project = try fixture(apply: true)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        // Still reported, so the sources get fixed.
        #expect(Self.oldTitleWarnings(report).filter { $0.line != nil }.map(\.line) == [2, 3, 5, 13, 14, 14])
        let html = try project.read("basics/guide/index.html")
        #expect(html.contains("<h1>客户服务专员入职指南</h1>"))
        #expect(html.contains("<title>客户服务专员入职指南"))
        #expect(html.contains("人力资源部写给新人"))
        #expect(html.contains("第一段提到客户服务专员。"))
        // A new title is not renamed again.
        #expect(html.contains("人力资源部负责，客户服务专员不变。"))
        #expect(html.contains("第二行又有客户服务专员和客户服务专员。"))
        // Code keeps the old title.
        #expect(html.contains("<code>话务员</code>"))
        #expect(html.contains("话务员 在代码块里\n</code></pre>"))
        let text = Self.withoutCode(html)
        #expect(!text.contains("话务员"))
        #expect(!text.contains("人事部"))
        // Other pages list the new title.
        #expect(try project.read("basics/history/index.html").contains(">客户服务专员入职指南</a>"))
        #expect(try project.read("basics/index.html").contains(">客户服务专员入职指南</a>"))
    }

    @Test func inlineTextOfPlaybooksIsRenamedToo() throws {
        let project = try TestProject([
            "content/site.yml": "title: 测试手册\napply_titles: true\n",
            "content/titles/map.md": Self.map,
            "content/rules/dd.md": """
                ---
                title: 接待要点
                id: dd-reception
                kind: dos-and-donts
                groups:
                  - name: 称呼
                    dos: [称呼自己为话务员以外的名称]
                    donts: [说 `话务员` 以外的字段]
                ---

                """,
        ])
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("rules/dd/index.html")
        #expect(html.contains("称呼自己为客户服务专员以外的名称"))
        #expect(html.contains("<code>话务员</code>"))
        let warnings = Self.oldTitleWarnings(report)
        // The group starts on line 6.
        #expect(warnings.map(\.location) == ["content/rules/dd.md:6"])
    }
}
