import Foundation
import StaybookModel
import StaybookSite
import Testing

/// The one-on-one plan built into a site: the public counts, the private lists, forms and JSON, and
/// the privacy switch proven by searching every output file for every agent id.
@Suite struct OneOnOnePlanSiteTests {
    static func script(_ title: String, id: String, step: String) -> String {
        """
        ---
        title: \(title)
        id: \(id)
        kind: talk-script
        ---
        ## 什么时候用

        - 情形

        ## 谈话前准备

        - [ ] 准备

        ## 谈话步骤

        ### 第一步：\(step)

        > 「\(step)的示范说法。」

        ## 禁忌

        - 禁忌

        ## 谈后跟进

        - 跟进

        """
    }

    static func weeks(_ values: [(String, Double)]) -> String {
        values.map { #"{"week": "\#($0.0)", "quality": \#($0.1), "sales": 10, "efficiency": 40, "break_minutes": 60}"# }.joined(separator: ", ")
    }

    static let october = [("2026-W40", 0.95), ("2026-W41", 0.93), ("2026-W42", 0.91), ("2026-W43", 0.89)]
    static let steady = [("2026-W40", 0.9), ("2026-W41", 0.9), ("2026-W42", 0.9), ("2026-W43", 0.9)]

    /// Six agents in two teams: AGQ7001 (quality falls), AGN7002 (new hire, no talk), AGM7003 (mood),
    /// AGR7004 (routine: last talk 6 May), AGS7005 (steady, talked recently: not due), AGL7006
    /// (quality falls, but the talk log has a talk after it: not due).
    static let snapshot = """
        {
          "period": "2026-10",
          "teams": [
            {"id": "hz-1", "name": "杭州一组", "area": "华东片区", "headcount_start": 4, "headcount_end": 5,
             "hires": [{"id": "AGN7002", "hired": "2026-10-19"}], "leavers": [],
             "agents": [
               {"id": "AGQ7001", "hired": "2024-03-04", "last_one_on_one": "2026-09-01", "weeks": [\(weeks(october))]},
               {"id": "AGN7002", "hired": "2026-10-19"},
               {"id": "AGM7003", "hired": "2024-03-04", "last_one_on_one": "2026-09-20", "flags": ["mood"], "weeks": [\(weeks(steady))]},
               {"id": "AGS7005", "hired": "2024-03-04", "last_one_on_one": "2026-10-02", "weeks": [\(weeks(steady))]},
               {"id": "AGL7006", "hired": "2024-03-04", "last_one_on_one": "2026-09-02", "weeks": [\(weeks(october))]}
             ]},
            {"id": "sh-1", "name": "上海一组", "area": "华东片区", "headcount_start": 1, "headcount_end": 1, "hires": [], "leavers": [],
             "agents": [
               {"id": "AGR7004", "hired": "2023-05-08", "last_one_on_one": "2026-05-06"}
             ]}
          ]
        }

        """

    static let agents = ["AGQ7001", "AGN7002", "AGM7003", "AGR7004", "AGS7005", "AGL7006"]

    static func files(showAgents: Bool) -> [String: String] {
        [
            "content/site.yml": """
                title: 测试手册
                target_churn: 0.08
                one_on_one:
                  playbooks:
                    new_hire: [talk-new]
                    mood: [talk-mood]
                    routine: [talk-routine]
                    early_warning: [talk-warning]
                privacy:
                  show_agents: \(showAgents)

                """,
            "content/talk-scripts/_index.md": "---\ntitle: 谈话话术\n---\n",
            "content/talk-scripts/new.md": script("新员工第一周", id: "talk-new", step: "问候"),
            "content/talk-scripts/mood.md": script("情绪变化", id: "talk-mood", step: "倾听"),
            "content/talk-scripts/routine.md": script("例行谈话", id: "talk-routine", step: "回顾"),
            "content/talk-scripts/warning.md": script("异动预警三级谈话", id: "talk-warning", step: "班组长先谈"),
            "content/data/snapshots/2026-10.json": snapshot,
            "content/data/talks/log.csv": "工号,日期,类型,谈话人\nAGL7006,2026/10/20,异动预警,班组长\n",
        ]
    }

    /// Every file of the output whose bytes name an agent, in any letter case.
    static func filesNamingAgents(_ project: TestProject) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        for path in project.outputFiles() {
            let text = String(decoding: try Data(contentsOf: project.site.appending(path: path)), as: UTF8.self).lowercased()
            let named = agents.filter { text.contains($0.lowercased()) }
            if !named.isEmpty { found[path] = named }
        }
        return found
    }

    @Test func withoutShowAgentsTheSiteHoldsCountsOnlyAndNoAgentID() throws {
        let project = try TestProject(Self.files(showAgents: false))
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(try Self.filesNamingAgents(project).isEmpty)
        #expect(!project.outputFiles().contains { $0.hasPrefix("private/") })

        let plan = try project.read("one-on-one/plan/index.html")
        // hz-1: 5 agents, 3 due (quality, new hire, mood), 2 overdue (the quality fall on 26 October,
        // the new hire on 26 October); sh-1: 1 agent, 1 due (routine, 6 November).
        #expect(plan.contains("<strong>4</strong> 人需要一对一沟通，其中 <strong class=\"overdue\">2</strong> 人已逾期"))
        let rows = plan.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
        #expect(rows.contains { $0.contains("杭州一组</a></th><td class=\"align-right\">5</td><td class=\"align-right\">3</td><td class=\"align-right\"><strong class=\"overdue\">2</strong></td><td class=\"align-right\">1</td><td class=\"align-right\">1</td><td class=\"align-right\">0</td><td class=\"align-right\">1</td>") })
        #expect(plan.contains("不为一个人开例外"), "the three levels are on the page")
        #expect(plan.contains("../../talk-scripts/warning/index.html"), "the three-level talk links its script")
        #expect(plan.contains("show_agents: true"), "the page says how to get the lists")

        let dashboard = try project.read("dashboards/teams/hz-1/index.html")
        #expect(dashboard.contains("本班组有 <strong>3</strong> 人需要一对一沟通，其中 <strong class=\"overdue\">2 人已逾期</strong>"))
        #expect(!dashboard.contains("本班组沟通名单"))
        let home = try project.read("index.html")
        #expect(home.contains("one-on-one/plan/index.html"), "the sidebar links the plan")
    }

    @Test func withShowAgentsTheListsFormsAndJSONAreUnderPrivateOnly() throws {
        let project = try TestProject(Self.files(showAgents: true))
        let report = project.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let named = try Self.filesNamingAgents(project)
        #expect(!named.isEmpty)
        // Not even the output manifest (which lists every file's path) names an agent.
        for path in named.keys { #expect(path.hasPrefix("private/"), "\(path) names \(named[path]!)") }
        for path in project.outputFiles() where path.hasPrefix("assets/search/") {
            #expect(!(try project.read(path)).contains("AGQ"), "\(path)")
        }

        let json = try JSONSerialization.jsonObject(with: Data(try project.read("private/api/one-on-ones.json").utf8)) as? [[String: Any]]
        let entries = try #require(json)
        // Most urgent first: the same deadline puts the early warning before the new hire.
        #expect(entries.map { $0["agent"] as? String } == ["AGQ7001", "AGN7002", "AGM7003", "AGR7004"])
        #expect(entries.map { $0["due"] as? String } == ["2026-10-26", "2026-10-26", "2026-11-03", "2026-11-06"])
        #expect(entries.map { $0["reasons"] as? [String] } == [["quality_drop"], ["new_hire"], ["mood"], ["routine"]])
        #expect(entries.map { $0["playbooks"] as? [String] } == [["talk-warning"], ["talk-new"], ["talk-mood"], ["talk-routine"]])
        #expect(entries.map { $0["team"] as? String } == ["hz-1", "hz-1", "hz-1", "sh-1"])

        let list = try project.read("private/one-on-one/teams/hz-1/index.html")
        #expect(list.contains("质量 93.0% → 91.0% → 89.0%（2026-W41 至 2026-W43）"))
        #expect(list.contains("已逾期 5 天"))
        for agent in ["AGQ7001", "AGN7002", "AGM7003"] { #expect(list.contains(">\(agent)</th>")) }
        #expect(!list.contains("AGS7005") && !list.contains("AGL7006"))
        #expect(list.contains("../../forms/hz-1-3/index.html"), "AGQ7001 is the third of hz-1's due agents by id")

        let form = try project.read("private/one-on-one/forms/hz-1-3/index.html")
        #expect(form.contains("一对一谈话表 · AGQ7001"))
        #expect(form.contains("<th scope=\"row\">2026-W43</th><td class=\"align-right\">89.0%</td>"))
        #expect(form.contains("第一步：班组长先谈") && form.contains("班组长先谈的示范说法"), "the script's key question")
        #expect(form.contains("三级谈话（24 小时内）"))
        #expect(form.contains("<svg"), "a small chart of the weeks")
        let moodForm = try project.read("private/one-on-one/forms/hz-1-1/index.html")
        #expect(!moodForm.contains("三级谈话（24 小时内）"), "only warnings need the three levels")

        let plan = try project.read("one-on-one/plan/index.html")
        #expect(plan.contains("../../private/one-on-one/teams/hz-1/index.html"))
        let dashboard = try project.read("dashboards/teams/hz-1/index.html")
        #expect(dashboard.contains("../../../private/one-on-one/teams/hz-1/index.html"))
    }

    @Test func anUnknownScriptIDIsAnErrorAtItsLine() throws {
        var files = Self.files(showAgents: false)
        files["content/site.yml"] = files["content/site.yml"]!.replacingOccurrences(of: "mood: [talk-mood]", with: "mood: [talk-moody]")
        let project = try TestProject(files)
        let report = project.build()
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains {
            $0.location == "content/site.yml:6" && $0.message == "one_on_one.playbooks.mood: no page has the id `talk-moody`" && $0.hint == "did you mean `talk-mood`?"
        }, "\(report.diagnostics)")
    }

    @Test func aTalkForAnAgentNoSnapshotKnowsIsAWarning() throws {
        var files = Self.files(showAgents: false)
        files["content/data/talks/log.csv"]! += "AGX9999,2026-10-21,例行,班组长\n"
        let project = try TestProject(files)
        let report = project.build()
        #expect(report.succeeded)
        #expect(report.diagnostics.map(\.description).contains {
            $0.hasPrefix("content/data/talks/log.csv:3:1: warning: agent: no snapshot knows the agent \"AGX9999\"")
        }, "\(report.diagnostics)")
    }

    @Test func asOfIsAnInputOfTheBuild() throws {
        let project = try TestProject(Self.files(showAgents: true))
        #expect(project.build().succeeded)
        // The same files planned for another day are another site: the build does not skip.
        let later = Pipeline.build(Project(root: project.root, asOf: Day("2026-11-20")))
        #expect(later.succeeded && !later.upToDate)
        let plan = try project.read("one-on-one/plan/index.html")
        #expect(plan.contains("截至 2026年11月20日"))
        let again = Pipeline.build(Project(root: project.root, asOf: Day("2026-11-20")))
        #expect(again.upToDate)
    }

    @Test func aBadRowOfTheTalkLogFailsTheBuildAndKeepsTheSite() throws {
        let project = try TestProject(Self.files(showAgents: true))
        #expect(project.build().succeeded)
        let before = try OutputState(project.site)
        try project.write("content/data/talks/log.csv", "工号,日期,类型,谈话人\nAGL7006,2026/13/20,异动预警,班组长\n")
        let report = project.build()
        #expect(!report.succeeded)
        #expect(report.diagnostics.first?.location == "content/data/talks/log.csv:2:2")
        #expect(try OutputState(project.site) == before)
    }
}

/// The example handbook's data is built so that every reason of the plan shows.
@Suite struct ExamplePlanTests {
    @Test func everyReasonAppearsAndAgentIDsStayUnderPrivate() throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "staybook-example-plan-\(UUID().uuidString)/site")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let report = Pipeline.build(Project(root: TestProject.repository), output: output)
        #expect(report.succeeded, "\(report.diagnostics)")
        let data = try Data(contentsOf: output.appending(path: "private/api/one-on-ones.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let reasons = Set(entries.flatMap { $0["reasons"] as? [String] ?? [] })
        let all: Set<String> = [
            "new_hire", "top_performer", "performance_swing", "mood", "intent_to_leave", "routine", "income_drop", "quality_drop", "sales_drop",
            "efficiency_drop", "break_overuse", "voice_emotion", "taboo_words",
        ]
        #expect(reasons == all, "missing: \(all.subtracting(reasons))")
        // A swing up and a swing down, which read different scripts.
        let swings = Set(entries.filter { ($0["reasons"] as? [String])?.contains("performance_swing") == true }.flatMap { $0["playbooks"] as? [String] ?? [] })
        #expect(swings.isSuperset(of: ["talk-performance-rise", "talk-performance-drop"]))
        // At least two teams.
        #expect(Set(entries.compactMap { $0["team"] as? String }).count >= 2)

        // Every agent id of the snapshots: none outside private/.
        var ids: Set<String> = []
        for name in ["2026-08", "2026-09", "2026-10"] {
            let snapshot = try String(contentsOf: TestProject.repository.appending(path: "content/data/snapshots/\(name).json"), encoding: .utf8)
            for line in snapshot.components(separatedBy: "{\"id\": \"").dropFirst() { ids.insert(String(line.prefix { $0 != "\"" })) }
        }
        let agentIDs = ids.filter { $0.hasPrefix("E") }
        #expect(agentIDs.count > 80)
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        var outside = 0
        while let path = enumerator?.nextObject() as? String {
            guard !path.hasPrefix("private"), let bytes = FileManager.default.contents(atPath: output.appending(path: path).path) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            for id in agentIDs where text.contains(id) {
                outside += 1
                Issue.record("\(path) names \(id)")
            }
        }
        #expect(outside == 0)
    }
}
