import Foundation
import StaybookModel
import StaybookSite
import Testing

@Suite struct TalkScriptLayoutTests {
    static let fullScript = """
        ---
        title: 新人第一周谈话
        id: talk-new-hire
        kind: talk-script
        stage: 入职期
        trigger: 入职第 3 天
        goal: 了解适应情况
        lead: 班组长
        cadence: 入职第 3 天、第 7 天各一次
        duration: 20 分钟
        ---
        ## 什么时候用

        新人入职第一周。

        ## 谈话前准备

        - 查看排班表
        - 准备一杯热水

        ## 谈话步骤

        ### 开场

        先问候，再说明**目的**。

        > 这周感觉怎么样？

        > 第二句只在话术页上

        ### 倾听

        让对方先说。

        > 有什么不顺手的地方吗？

        ## 禁忌

        - 不要当众批评

        ## 谈后跟进

        - 三天内回访

        """

    static let partialScript = """
        ---
        title: 调岗谈话
        id: talk-transfer
        kind: talk-script
        ---
        ## 什么时候用

        调岗前一周。

        ## 谈话步骤

        ### 说明原因

        讲清楚为什么调。

        """

    func fixture() throws -> TestProject {
        try TestProject([
            "content/talk-scripts/_index.md": "---\ntitle: 谈话话术\n---\n",
            "content/talk-scripts/new-hire.md": Self.fullScript,
            "content/talk-scripts/transfer.md": Self.partialScript,
        ])
    }

    @Test func theFiveSectionsBecomeBoxes() throws {
        let project = try fixture()
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try project.read("talk-scripts/new-hire/index.html")
        for classes in [
            "script-part script-when", "script-part script-prep", "script-part script-steps",
            "script-part script-taboos callout callout-warn", "script-part script-followup",
        ] {
            #expect(html.components(separatedBy: "<section class=\"\(classes)\">").count == 2, "\(classes)")
        }
        // A box holds its heading and everything up to the next level-2 heading.
        let taboos = try #require(excerpt(of: html, from: "<section class=\"script-part script-taboos", to: "</section>"))
        #expect(taboos.contains("<h2 id=\"禁忌\">"))
        #expect(taboos.contains("<li>不要当众批评</li>"))
        #expect(!taboos.contains("三天内回访"))
        let steps = try #require(excerpt(of: html, from: "<section class=\"script-part script-steps", to: "</section>"))
        #expect(steps.contains("这周感觉怎么样？") && steps.contains("第二句只在话术页上") && steps.contains("有什么不顺手的地方吗？"))
        // The page shows the facts and links its card beside it.
        #expect(html.contains("<a class=\"action-link\" href=\"card.html\">打印谈话卡（一页 A4）</a>"))
        #expect(html.contains("<dt>主谈人</dt><dd>班组长</dd>"))
    }

    @Test func aMissingSectionIsOneWarningAtTheBodysFirstLine() throws {
        let project = try fixture()
        let report = project.build()
        #expect(report.succeeded)
        let warnings = report.diagnostics.warnings.filter { $0.message.hasPrefix("the talk script") }
        try #require(warnings.count == 1, "\(report.diagnostics)")
        #expect(warnings[0].message == "the talk script lacks the sections `## 谈话前准备`, `## 禁忌`, `## 谈后跟进`")
        // The front matter ends on line 5: the body starts on line 6.
        #expect(warnings[0].location == "content/talk-scripts/transfer.md:6")
        #expect(warnings[0].severity == .warning)
        // The complete script gets no such warning, and the partial one still has its boxes.
        #expect(!report.diagnostics.contains { $0.file == "content/talk-scripts/new-hire.md" })
        let html = try project.read("talk-scripts/transfer/index.html")
        #expect(html.contains("<section class=\"script-part script-when\">"))
        #expect(!html.contains("script-taboos"))
    }

    @Test func thePrepCardCondensesTheScript() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let card = try project.read("talk-scripts/new-hire/card.html")
        for (label, value) in [
            ("适用情形", "入职第 3 天"), ("谈话目标", "了解适应情况"), ("主谈人", "班组长"), ("频次", "入职第 3 天、第 7 天各一次"), ("时长", "20 分钟"),
        ] {
            #expect(card.contains("<dt>\(label)</dt><dd>\(value)</dd>"), "\(label)")
        }
        let prep = try #require(excerpt(of: card, from: "<section class=\"prep-card-part prep-card-prep\"", to: "</section>"))
        #expect(prep.contains("<li>查看排班表</li><li>准备一杯热水</li>"))
        let steps = try #require(excerpt(of: card, from: "<section class=\"prep-card-part prep-card-steps\"", to: "</section>"))
        #expect(steps.contains("<li><strong>开场</strong><span class=\"step-lead\">先问候，再说明<strong>目的</strong>。</span><q>这周感觉怎么样？</q></li>"))
        #expect(steps.contains("<li><strong>倾听</strong><span class=\"step-lead\">让对方先说。</span><q>有什么不顺手的地方吗？</q></li>"))
        // Only the first sample line of a step goes on the card.
        #expect(!card.contains("第二句只在话术页上"))
        let taboos = try #require(excerpt(of: card, from: "<section class=\"prep-card-part prep-card-taboos\"", to: "</section>"))
        #expect(taboos.contains("<li>不要当众批评</li>"))
        let followUp = try #require(excerpt(of: card, from: "<section class=\"prep-card-part prep-card-followup\"", to: "</section>"))
        #expect(followUp.contains("<li>三天内回访</li>"))
        // It leads back to the full script beside it.
        #expect(references(in: card).contains("index.html"))
        #expect(card.contains("<h1>新人第一周谈话</h1>"))
    }

    @Test func aCardLeavesOutWhatTheScriptLacks() throws {
        let project = try fixture()
        #expect(project.build().succeeded)
        let card = try project.read("talk-scripts/transfer/card.html")
        #expect(card.contains("<li><strong>说明原因</strong><span class=\"step-lead\">讲清楚为什么调。</span></li>"))
        for part in ["prep-card-facts", "prep-card-prep", "prep-card-taboos", "prep-card-followup", "<q>"] {
            #expect(!card.contains(part), "\(part)")
        }
    }

    @Test func onlyTalkScriptsGetCardsAndBoxes() throws {
        let project = try TestProject([
            "content/basics/page.md": "---\ntitle: 普通文章\n---\n## 禁忌\n\n- 不是话术\n"
        ])
        let report = project.build()
        #expect(report.succeeded)
        #expect(!project.exists("basics/page/card.html"))
        #expect(!(try project.read("basics/page/index.html")).contains("script-part"))
        #expect(!report.diagnostics.contains { $0.message.hasPrefix("the talk script") })
    }
}
