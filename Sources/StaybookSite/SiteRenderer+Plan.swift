import Foundation
import StaybookCharts
import StaybookContent
import StaybookMetrics
import StaybookModel
import StaybookRender

/// The one-on-one plan: who to talk to this week. The public page holds counts per team and reason
/// only; the agent lists, the talk forms and `api/one-on-ones.json` are written under `private/`,
/// and only when `privacy: {show_agents: true}`, so an intranet server can protect that one folder.
extension SiteRenderer {
    static let planPath = SitePath("one-on-one/plan/index.html")
    static let privateFolder = "private"
    static let planJSONPath = SitePath("private/api/one-on-ones.json")

    static func planTeamPath(_ team: String) -> SitePath {
        SitePath.page(folder: [privateFolder, "one-on-one", "teams", Slug.make(team).isEmpty ? "team" : Slug.make(team)])
    }

    /// One form per agent, numbered within the team in agent-id order (`forms/hz-1-3/`): a path never
    /// holds an agent id, so neither do the output manifest or a server's access log.
    static func talkFormPaths(_ plan: OneOnOnePlan) -> [String: SitePath] {
        var paths: [String: SitePath] = [:]
        for team in plan.teams {
            let slug = Slug.make(team.id).isEmpty ? "team" : Slug.make(team.id)
            for (number, agent) in Set(plan.entries(team: team.id).map(\.agent)).sorted().enumerated() where paths[agent] == nil {
                paths[agent] = SitePath.page(folder: [privateFolder, "one-on-one", "forms", "\(slug)-\(number + 1)"])
            }
        }
        return paths
    }

    var showAgents: Bool { site.config.privacy.showAgents }

    func playbookLinks(_ ids: [String], from output: SitePath) -> [[String: String]] {
        ids.compactMap { id in
            guard let index = site.pagesByID[id] else { return nil }
            return ["title": site.pages[index].title, "url": output.relativeURL(to: site.pages[index].output), "id": id]
        }
    }

    /// Groups of reasons as the summary's columns: one column per way of talking.
    static let reasonGroups: [(key: String, label: String, reasons: [PlanReason])] = [
        ("warning", "异动预警", PlanReason.allCases.filter(\.isEarlyWarning)),
        ("mood", "情绪与去意", [.mood, .intentToLeave]),
        ("swing", "绩效波动", [.performanceSwing]),
        ("new-hire", "新员工", [.newHire]),
        ("top", "骨干", [.topPerformer]),
        ("routine", "例行", [.routine]),
    ]

    /// The deadline rule of each reason, as the plan applies it (site.yml may change the numbers).
    func deadlineRule(_ reason: PlanReason) -> String {
        let settings = site.config.oneOnOne
        switch reason {
        case _ where reason.isEarlyWarning: return "预警输出后 24 小时内"
        case .mood, .intentToLeave: return "班组长报告后 \(settings.moodWorkingDays) 个工作日内"
        case .performanceSwing: return "月均质量或营销环比变动 \(Self.share(settings.swing)) 及以上，发现后 \(settings.swingDays) 天内"
        case .newHire: return "入职后 \(settings.newHireDays) 天内"
        case .topPerformer: return "班组内按月均质量（其次营销）排前 \(Self.share(settings.topShare))，距上次谈话满 \(settings.topPerformerDays) 天"
        case .routine: return "距上次谈话（或入职）满 \(settings.routineMonths) 个月"
        default: return ""
        }
    }

    /// 0.2 → `20%`, 0.125 → `12.5%`.
    static func share(_ fraction: Double) -> String { Format.number(fraction * 100) + "%" }

    func playbookIDs(for reason: PlanReason) -> [String] {
        let playbooks = site.config.oneOnOne.playbooks
        func ids(_ topic: PlanTopic) -> [String] { (playbooks[topic] ?? []).map(\.value) }
        switch reason {
        case _ where reason.isEarlyWarning: return ids(.earlyWarning)
        case .mood: return ids(.mood)
        case .intentToLeave: return ids(.intentToLeave)
        case .performanceSwing: return ids(.performanceDown) + ids(.performanceUp).filter { !ids(.performanceDown).contains($0) }
        case .newHire: return ids(.newHire)
        case .topPerformer: return ids(.topPerformer)
        default: return ids(.routine)
        }
    }

    /// The three levels of the early-warning talk, each with its role and what it is for.
    func threeLevels(from output: SitePath) -> [String: Any] {
        [
            "levels": [
                ["role": "班组长", "focus": "关系与情绪：从这周真实发生的事谈起，承认它带来的影响，给出下一步的建议"],
                ["role": "主管", "focus": "与班组长之间的摩擦、班组调整：找出摩擦的原因，在权限内调整班组"],
                ["role": "项目经理", "focus": "岗位调整、休息审批、激励：激励按规定面向所有符合条件的人，不为一个人开例外"],
            ],
            "scripts": playbookLinks(playbookIDs(for: .incomeDrop), from: output),
        ]
    }

    // MARK: - Public: the center page

    func renderPlan() -> (OutputFile?, [Diagnostic]) {
        guard let plan else { return (nil, []) }
        let output = Self.planPath
        var context = views.frame(output: output, title: "本周沟通计划", bodyClass: "kind-plan", section: nil, breadcrumbs: [site.root])
        context["hasPager"] = false
        context["today"] = plan.today.description
        context["horizonEnd"] = plan.horizonEnd.description
        context["period"] = plan.period.description
        context["oneOnOneURL"] = output.relativeURL(to: Self.oneOnOnePath)
        context["hasOneOnOne"] = hasOneOnOne
        context["showAgents"] = showAgents
        context["groups"] = Self.reasonGroups.map { ["label": $0.label] }
        let teamPages = dashboard.map(DashboardRenderer.teamPages) ?? [:]
        var total = (due: 0, overdue: 0)
        var groupTotals = Array(repeating: 0, count: Self.reasonGroups.count)
        context["teams"] = plan.teams.map { team -> [String: Any] in
            let entries = plan.entries(team: team.id)
            let overdue = entries.count { plan.isOverdue($0.due) }
            total.due += entries.count
            total.overdue += overdue
            let counts = Self.reasonGroups.enumerated().map { number, group -> [String: Any] in
                let count = entries.count { entry in entry.reasons.contains { group.reasons.contains($0) } }
                groupTotals[number] += count
                return ["count": count, "isZero": count == 0]
            }
            var row: [String: Any] = [
                "name": team.name, "agents": team.agents, "due": entries.count, "overdue": overdue, "hasOverdue": overdue > 0, "counts": counts,
                "hasDashboard": teamPages[team.id] != nil, "dashboardURL": teamPages[team.id].map { output.relativeURL(to: $0) } ?? "",
            ]
            if showAgents { row["listURL"] = output.relativeURL(to: Self.planTeamPath(team.id)) }
            return row
        }
        context["totalDue"] = total.due
        context["totalOverdue"] = total.overdue
        context["totalAgents"] = plan.teams.reduce(0) { $0 + $1.agents }
        context["groupTotals"] = groupTotals.map { ["count": $0] }
        context["reasons"] = PlanReason.allCases.map { reason -> [String: Any] in
            let count = plan.entries.count { $0.reasons.contains(reason) }
            let scripts = playbookLinks(playbookIDs(for: reason), from: output)
            return [
                "label": reason.label, "code": reason.rawValue, "rule": deadlineRule(reason), "count": count,
                "scripts": scripts, "hasScripts": !scripts.isEmpty, "isWarning": reason.isEarlyWarning,
            ]
        }
        context["threeLevels"] = threeLevels(from: output)
        if showAgents { context["jsonURL"] = output.relativeURL(to: Self.planJSONPath) }
        return finish(output, template: "plan", context: context, diagnostics: [])
    }

    // MARK: - Private: a team's talk list

    func renderPlanTeam(_ teamIndex: Int) -> (OutputFile?, [Diagnostic]) {
        guard let plan, showAgents else { return (nil, []) }
        let team = plan.teams[teamIndex]
        let output = Self.planTeamPath(team.id)
        var context = views.frame(output: output, title: "本周沟通名单 · \(team.name)", bodyClass: "kind-plan-team", section: nil)
        context["breadcrumbs"] = [
            ["title": "首页", "url": output.relativeURL(to: site.root.output)],
            ["title": "本周沟通计划", "url": output.relativeURL(to: Self.planPath)],
        ]
        context["hasBreadcrumbs"] = true
        context["hasPager"] = false
        context["teamName"] = team.name
        context["today"] = plan.today.description
        context["horizonEnd"] = plan.horizonEnd.description
        let forms = talkForms
        let entries = plan.entries(team: team.id)
        context["count"] = entries.count
        context["entries"] = entries.map { entry -> [String: Any] in
            var values = entryValues(entry, plan: plan, from: output)
            values["formURL"] = output.relativeURL(to: forms[entry.agent]!)
            return values
        }
        context["hasEntries"] = !entries.isEmpty
        context["threeLevels"] = threeLevels(from: output)
        return finish(output, template: "plan-team", context: context, diagnostics: [])
    }

    /// What the list and the form show of one agent.
    func entryValues(_ entry: PlanEntry, plan: OneOnOnePlan, from output: SitePath) -> [String: Any] {
        let overdueDays = entry.due.days(to: plan.today)
        return [
            "agent": entry.agent,
            "due": entry.due.description,
            "isOverdue": overdueDays > 0,
            "overdueDays": overdueDays,
            "hired": entry.hired.description,
            "lastTalk": entry.lastTalk?.description ?? "无记录",
            "reasons": entry.items.map { item -> [String: Any] in
                [
                    "label": item.reason.label + (item.up.map { $0 ? "（上升）" : "（下滑）" } ?? ""),
                    "code": item.reason.rawValue, "due": item.due.description, "isOverdue": plan.isOverdue(item.due),
                    "evidence": item.evidence.map { Self.describe($0) }.filter { !$0.isEmpty }.map { ["text": $0] },
                    "isWarning": item.reason.isEarlyWarning,
                ]
            },
            "scripts": playbookLinks(entry.playbooks, from: output),
            "hasWarning": entry.items.contains { $0.reason.isEarlyWarning },
        ]
    }

    /// `质量 93.0% → 91.0% → 89.0%（2026-W40 至 2026-W42）`.
    static func describe(_ evidence: Evidence) -> String {
        func run(_ label: String, _ format: (Double) -> String, unit: String = "") -> String {
            let values = evidence.points.map { format($0.value) + unit }.joined(separator: " → ")
            guard let first = evidence.points.first, let last = evidence.points.last else { return "" }
            return "\(label) \(values)（\(first.label) 至 \(last.label)）"
        }
        switch evidence.measure {
        case .income: return run("收入", Format.number)
        case .quality: return run("质量", Format.percent)
        case .sales: return run("营销", Format.number)
        case .efficiency: return run("效能", Format.number)
        case .breakMinutes: return run("小休", Format.number, unit: " 分钟")
        case .teamBreakMinutes: return run("班组小休均值", Format.number, unit: " 分钟")
        case .monthlyQuality: return run("月均质量", Format.percent)
        case .monthlySales: return run("月均营销", Format.number)
        case .flag: return evidence.note.map { "报告日期 \($0)" } ?? "本月报告"
        }
    }

    // MARK: - Private: the talk form

    /// One A4 page to take into the talk: why, the recent figures, the script's key questions,
    /// room for notes and agreed actions, and the follow-up date.
    func renderTalkForm(_ entryIndex: Int) -> (OutputFile?, [Diagnostic]) {
        guard let plan, showAgents else { return (nil, []) }
        let entry = plan.entries[entryIndex]
        let output = talkForms[entry.agent]!
        let teamName = plan.teams.first { $0.id == entry.team }?.name ?? entry.team
        var context = printFrame(
            output: output, title: "一对一谈话表 · \(entry.agent)", back: Self.planTeamPath(entry.team), backLabel: "本周沟通名单",
            bodyClass: "kind-talk-form")
        var values = entryValues(entry, plan: plan, from: output)
        values["teamName"] = teamName
        values["today"] = plan.today.description
        let weeks = entry.recentWeeks
        values["weeks"] = weeks.map { week -> [String: String] in
            [
                "week": week.week.description, "quality": week.quality.map(Format.percent) ?? "—", "sales": week.sales.map(Format.number) ?? "—",
                "efficiency": week.efficiency.map(Format.number) ?? "—", "breakMinutes": week.breakMinutes.map(Format.number) ?? "—",
            ]
        }
        values["hasWeeks"] = !weeks.isEmpty
        if weeks.contains(where: { $0.quality != nil }) {
            values["chart"] = Charts.line(
                ChartText(title: "\(entry.agent) 近 \(weeks.count) 周质量", description: "每周质量得分，与上方表格同一数据", words: strings.chartWords),
                categories: weeks.map { String($0.week.description.suffix(3)) }, series: [Series(name: "质量", values: weeks.map(\.quality))],
                format: .percent(decimals: 0), width: 360, height: 150)
            values["hasChart"] = true
        }
        values["income"] = entry.recentIncome.map { ["period": $0.period.description, "income": Format.number($0.income)] }
        values["hasIncome"] = !entry.recentIncome.isEmpty
        // The key questions of the first talk script to read.
        if let index = entry.playbooks.lazy.compactMap({ site.pagesByID[$0] }).first(where: { site.pages[$0].kind == .talkScript }) {
            values["scriptTitle"] = site.pages[index].title
            values["steps"] = scriptSteps(index, from: output)
            values["hasSteps"] = true
        }
        values["followUp"] = plan.today.adding(days: 14).description
        context["entry"] = values
        context["threeLevels"] = threeLevels(from: output)
        return finish(output, template: "talk-form", context: context, diagnostics: [])
    }

    /// A talk script's steps with their first sample line, as the prep card shows them.
    func scriptSteps(_ index: Int, from output: SitePath) -> [[String: Any]] {
        let page = site.pages[index]
        var hooks = hooks(for: page)
        hooks.wantsOutline = true
        hooks.blocks = [:]
        let outline = markdown.render(page.body, file: page.displayPath, firstLine: page.bodyLine, hooks: hooks) { destination, _ in
            links.resolve(destination, from: page.source, publishedAt: output)
        }.outline
        return (outline.first { $0.title == TalkScriptLayout.steps }?.subsections ?? []).map { step in
            ["title": step.title, "quote": step.quotesHTML.first ?? "", "hasQuote": !step.quotesHTML.isEmpty]
        }
    }

    // MARK: - Private: the JSON

    /// `{"agent", "team", "reasons", "due", "playbooks"}` per agent, most urgent first, keys sorted.
    func planJSON() -> OutputFile? {
        guard let plan, showAgents else { return nil }
        let list = JSONValue.list(
            plan.entries.map { entry in
                .sortedObject([
                    "agent": .string(entry.agent), "team": .string(entry.team),
                    "reasons": .list(entry.reasons.map { .string($0.rawValue) }), "due": .string(entry.due.description),
                    "playbooks": .list(entry.playbooks.map { .string($0) }),
                ])
            })
        var bytes = list.utf8()
        bytes.append(UInt8(ascii: "\n"))
        return OutputFile(path: Self.planJSONPath, contents: .bytes(bytes))
    }
}
