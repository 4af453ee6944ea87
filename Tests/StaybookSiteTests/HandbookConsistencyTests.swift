import Foundation
import StaybookModel
import StaybookSite
import Testing

/// Contradictions that are data: a talk script's `duration` against `talk_duration` of site.yml,
/// and exit reasons or tenure bands written in a page against the snapshot format's.
@Suite struct HandbookConsistencyTests {
    static let config = """
        title: 测试手册
        talk_duration:
          min: 30
          max: 60
          tag: 一对一

        """

    static func script(_ duration: String, tags: String = "[一对一]") -> String {
        "---\ntitle: 谈话\nid: talk-x\nkind: talk-script\ntags: \(tags)\nduration: \(duration)\n---\n## 什么时候用\n\n## 谈话前准备\n\n## 谈话步骤\n\n## 禁忌\n\n## 谈后跟进\n"
    }

    static func warnings(_ report: BuildReport, containing text: String) -> [Diagnostic] {
        report.diagnostics.filter { $0.message.contains(text) }
    }

    @Test func aTalkScriptLongerOrShorterThanTheRangeIsAWarningAtItsDurationLine() throws {
        let project = try TestProject(["content/site.yml": Self.config, "content/talk-scripts/a.md": Self.script("20–30 分钟")])
        let report = project.build()
        #expect(report.succeeded)
        let warning = try #require(report.diagnostics.first)
        #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        #expect(warning.severity == .warning)
        #expect(warning.file == "content/talk-scripts/a.md")
        #expect(warning.line == 6)
        #expect(warning.message == "`duration: 20–30 分钟`: 20 minutes is outside the 30–60 minutes every talk lasts (talk_duration in content/site.yml:2)")
        #expect(warning.hint?.contains("30–60 分钟") == true)
    }

    @Test func durationsWithinTheRangeInHoursOrPerLevelPass() throws {
        for duration in ["30–60 分钟", "每级 30–45 分钟，三级分开谈", "1 小时", "４５分钟"] {
            let project = try TestProject(["content/site.yml": Self.config, "content/talk-scripts/a.md": Self.script(duration)])
            let report = project.build()
            #expect(report.diagnostics.isEmpty, "\(duration): \(report.diagnostics)")
        }
    }

    @Test func aDurationWithoutMinutesCannotBeCheckedAndSaysSo() throws {
        let project = try TestProject(["content/site.yml": Self.config, "content/talk-scripts/a.md": Self.script("半小时到一小时")])
        let warning = try #require(project.build().diagnostics.first)
        #expect(warning.line == 6)
        #expect(warning.message.contains("states no minutes"))
        #expect(warning.hint == "write it with digits, e.g. `30–60 分钟`")
    }

    @Test func scriptsWithoutTheTagAndSitesWithoutTheSettingAreNotChecked() throws {
        let briefing = try TestProject(["content/site.yml": Self.config, "content/talk-scripts/a.md": Self.script("15–20 分钟", tags: "[入职宣讲]")])
        #expect(briefing.build().diagnostics.isEmpty)
        let unset = try TestProject(["content/talk-scripts/a.md": Self.script("15–20 分钟")])
        #expect(unset.build().diagnostics.isEmpty)
    }

    @Test func minutesAreReadFromDigitsBeforeTheirUnit() {
        #expect(TalkDurationRange.minutes(in: "30–45 分钟") == [30, 45])
        #expect(TalkDurationRange.minutes(in: "欢迎组会 15–20 分钟，入组面谈 30 分钟") == [15, 20, 30])
        #expect(TalkDurationRange.minutes(in: "1–2 小时") == [60, 120])
        #expect(TalkDurationRange.minutes(in: "第 3 步后 40 分钟") == [40])
        #expect(TalkDurationRange.minutes(in: "半小时") == [])
    }

    @Test func anExitReasonListThatIsNotTheSnapshotFormatsIsAWarningForEachUnknownLabel() throws {
        let page = "---\ntitle: 例行谈话\n---\n\n谈完当天归档，按离职原因分类：「技能、情绪、排班、薪酬、发展」。\n"
        let project = try TestProject(["content/basics/a.md": page])
        let report = project.build()
        #expect(report.succeeded)
        let warnings = Self.warnings(report, containing: "is not an exit reason")
        #expect(warnings.map(\.message).sorted() == ["技能", "情绪", "排班", "发展"].sorted().map { "`\($0)` is not an exit reason of the snapshot format" })
        #expect(warnings.allSatisfy { $0.file == "content/basics/a.md" && $0.line == 5 })
        #expect(warnings.first?.hint == "list exit reasons as the snapshots and the dashboards count them: 薪酬、排班与工时、工作压力、发展空间、管理与团队、个人与家庭、异地、其他")
    }

    @Test func theSnapshotFormatsReasonsAndOtherListsPass() throws {
        let page = """
            ---
            title: 原因
            summary: 离职原因分为薪酬、排班与工时、工作压力等八类。
            ---

            谈到的问题按八类原因标注：薪酬、排班与工时、工作压力、发展空间、管理与团队、个人与家庭、异地、其他。

            记下原因属于哪一类，以及约定的事、谁负责、什么时候办完。

            `按原因分类：技能、情绪、发展` 写在代码里的不算。

            ```
            离职原因分类：技能、情绪、发展
            ```
            """
        let project = try TestProject(["content/basics/a.md": page])
        #expect(project.build().diagnostics.isEmpty)
    }

    @Test func aTenureBandThatIsNotTheChartsIsAWarning() throws {
        let page = "---\ntitle: 流失\n---\n\n- **按司龄分层**：分成未满 3 个月、3–12 个月、1–2 年、2 年以上四档。\n- 按司龄分档：30 天内、31–90 天、91–180 天、181–365 天、1 年以上。\n- 司龄两年以上的老员工不是分档。\n"
        let project = try TestProject(["content/basics/a.md": page])
        let warnings = Self.warnings(project.build(), containing: "tenure band")
        #expect(warnings.map(\.message).sorted() == ["未满 3 个月", "3–12 个月", "1–2 年", "2 年以上"].sorted().map { "`\($0)` is not a tenure band of the tenure-at-exit chart" })
        #expect(warnings.allSatisfy { $0.line == 5 })
        #expect(warnings.first?.hint == "use the bands the dashboards count leavers by, written with digits: 30 天内、31–90 天、91–180 天、181–365 天、1 年以上")
    }

    @Test func reasonsInDosQuestionsAndSummariesAreCheckedAtTheirLine() throws {
        let page = "---\ntitle: 跟进\nkind: dos-and-donts\nid: dd-x\ngroups:\n  - name: 归档\n    dos:\n      - 按离职原因归类：技能、情绪、薪酬。\n---\n正文。\n"
        let project = try TestProject(["content/dos-and-donts/a.md": page])
        let warnings = Self.warnings(project.build(), containing: "is not an exit reason")
        #expect(warnings.map(\.line) == [6, 6])
    }

    @Test func aLinkToAFormThatDoesNotExistIsAnError() throws {
        let page = "---\ntitle: 离职面谈\n---\n\n谈后填写[离职原因分类表](../forms/exit-reasons.md)。\n"
        let project = try TestProject(["content/talk-scripts/exit.md": page])
        let report = project.build()
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.file == "content/talk-scripts/exit.md")
        #expect(error.line == 5)
        #expect(error.message.contains("content/forms/exit-reasons.md, which does not exist"))
    }
}
