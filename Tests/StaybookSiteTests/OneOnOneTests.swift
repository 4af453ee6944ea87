import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct OneOnOneTests {
    static func script(_ title: String, id: String, stage: String?, weight: Int?, facts: [String: String] = [:], summary: String? = nil) -> String {
        var lines = ["---", "title: \(title)", "id: \(id)", "kind: talk-script"]
        if let stage { lines.append("stage: \(stage)") }
        if let weight { lines.append("weight: \(weight)") }
        if let summary { lines.append("summary: \(summary)") }
        for key in ["trigger", "lead", "cadence", "duration"] { if let value = facts[key] { lines.append("\(key): \(value)") } }
        lines += ["---"] + sections.flatMap { ["## \($0)", "", "- 内容", ""] }
        return lines.joined(separator: "\n")
    }

    /// The five sections of a complete talk script.
    static let sections = ["什么时候用", "谈话前准备", "谈话步骤", "禁忌", "谈后跟进"]

    static let files: [String: String] = [
        "content/site.yml": "title: 测试手册\nstages: [入职期, 成长期, 离职]\n",
        "content/talk-scripts/_index.md": "---\ntitle: 谈话话术\n---\n",
        // Stage 离职 first in the files, but last in the life cycle.
        "content/talk-scripts/exit.md": script(
            "离职面谈", id: "talk-exit", stage: "离职", weight: 1,
            facts: ["trigger": "提出离职当天", "lead": "片区主管", "cadence": "一次", "duration": "30 分钟"]),
        "content/talk-scripts/week.md": script(
            "第一周谈话", id: "talk-week", stage: "入职期", weight: 2,
            facts: ["trigger": "入职第 7 天", "lead": "班组长", "cadence": "入职第 7 天", "duration": "20 分钟"]),
        "content/talk-scripts/day.md": script(
            "第三天谈话", id: "talk-day", stage: "入职期", weight: 1,
            facts: ["trigger": "入职第 3 天", "lead": "带教师傅", "cadence": "入职第 3 天", "duration": "15 分钟"]),
        "content/talk-scripts/growth.md": script("成长谈话", id: "talk-growth", stage: "成长期", weight: 9, summary: "转正后每季度"),
        "content/talk-scripts/loose.md": script("随时谈话", id: "talk-loose", stage: nil, weight: nil, facts: ["lead": "任何人"]),
        "content/basics/_index.md": "---\ntitle: 基础\n---\n",
        "content/basics/intro.md": "---\ntitle: 入门\n---\n谈话前先看 [一对一谈话前](../one-on-one/)。\n",
    ]

    /// The table rows of the page.
    static func rows(_ html: String) throws -> [String] {
        let body = try #require(excerpt(of: html, from: "<tbody>", to: "</tbody>"))
        // One line per row: the template's indentation is not the point.
        return body.components(separatedBy: "<tr>").dropFirst().map { row in
            row.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        }
    }

    @Test func listsEveryTalkScriptByStageThenWeight() throws {
        let project = try TestProject(Self.files)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("one-on-one/index.html")
        let rows = try Self.rows(html)
        let order = ["第三天谈话", "第一周谈话", "成长谈话", "离职面谈", "随时谈话"]
        try #require(rows.count == order.count)
        for (row, title) in zip(rows, order) {
            #expect(row.contains(">\(title)</a>"), "\(title)")
        }
    }

    @Test func eachRowHasTheFactsAndLinksToTheScriptAndItsCard() throws {
        let project = try TestProject(Self.files)
        #expect(project.build().succeeded)
        let rows = try Self.rows(try project.read("one-on-one/index.html"))
        try #require(rows.count == 5)
        #expect(rows[0].contains("<td>入职第 3 天<br><span class=\"term term-stage\">入职期</span></td>"))
        #expect(rows[0].contains("<td>入职第 3 天</td><td>带教师傅</td><td>15 分钟</td>"))
        #expect(rows[0].contains(
            "<th scope=\"row\"><a href=\"../talk-scripts/day/index.html\">第三天谈话</a><br><a class=\"card-link\" href=\"../talk-scripts/day/card.html\">谈话卡</a></th>"))
        #expect(rows[3].contains("<td>提出离职当天<br><span class=\"term term-stage\">离职</span></td>"))
        #expect(rows[3].contains("<td>片区主管</td>") && rows[3].contains("<td>30 分钟</td>"))
        // Without a trigger the summary says when; without anything, a dash.
        #expect(rows[2].contains("<td>转正后每季度<br><span class=\"term term-stage\">成长期</span></td>"))
        #expect(rows[4].contains("</td><td>—</td><td>任何人</td><td>—</td><th scope=\"row\">"))
        #expect(rows[4].hasPrefix("<td>—</td><td>—</td><td>任何人</td>"))
        #expect(!rows[4].contains("<span class=\"term term-stage\"></span>"))
        // Every linked file exists.
        for row in rows {
            for url in references(in: row) {
                #expect(project.exists("one-on-one/" + url), "\(url)")
            }
        }
        // Without playbook rules there is no 数据提示 column.
        #expect(!(try project.read("one-on-one/index.html")).contains("数据提示"))
    }

    @Test func markdownLinksToThePageAndSectionsPointToIt() throws {
        let project = try TestProject(Self.files)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(try project.read("basics/intro/index.html").contains("<a href=\"../../one-on-one/index.html\">一对一谈话前</a>"))
        #expect(try project.read("talk-scripts/index.html").contains("<a href=\"../one-on-one/index.html\">一对一谈话前：所有谈话情形、频次和谈话卡一览</a>"))
        #expect(try project.read("index.html").contains("href=\"one-on-one/index.html\""))
        // A section without talk scripts does not point to it.
        #expect(!(try project.read("basics/index.html")).contains("一对一谈话前："))
    }

    @Test func withoutTalkScriptsThereIsNoPageAndALinkToItIsBroken() throws {
        var files = Self.files.filter { !$0.key.hasPrefix("content/talk-scripts/") }
        files["content/basics/intro.md"] = "---\ntitle: 入门\n---\n谈话前先看 [一对一谈话前](../one-on-one/)。\n"
        let project = try TestProject(files)
        let report = project.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.location == "content/basics/intro.md:4")
        #expect(error.message.contains("../one-on-one/"))
        #expect(!project.exists("one-on-one/index.html"))
    }

    @Test func aContentPageAtTheSamePathWins() throws {
        var files = Self.files
        files["content/one-on-one/_index.md"] = "---\ntitle: 自己写的一对一\n---\n手写的说明。\n"
        let project = try TestProject(files)
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("one-on-one/index.html")
        #expect(html.contains("手写的说明。"))
        #expect(!html.contains("class=\"one-on-one\""))
    }
}
