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
    /// Each group's name is the theme's `plan_group.<key>`.
    static let reasonGroups: [(key: String, reasons: [PlanReason])] = [
        ("warning", PlanReason.allCases.filter(\.isEarlyWarning)),
        ("mood", [.mood, .intentToLeave]),
        ("swing", [.performanceSwing]),
        ("new-hire", [.newHire]),
        ("top", [.topPerformer]),
        ("routine", [.routine]),
    ]

    /// The deadline rule of each reason, as the plan applies it (site.yml may change the numbers).
    func deadlineRule(_ reason: PlanReason) -> String {
        let settings = site.config.oneOnOne
        switch reason {
        case _ where reason.isEarlyWarning: return strings["plan_rule.warning"]
        case .mood, .intentToLeave: return strings.text("plan_rule.mood", ["days": "\(settings.moodWorkingDays)"])
        case .performanceSwing:
            return strings.text("plan_rule.swing", ["share": Self.share(settings.swing), "days": "\(settings.swingDays)"])
        case .newHire: return strings.text("plan_rule.new_hire", ["days": "\(settings.newHireDays)"])
        case .topPerformer:
            return strings.text("plan_rule.top", ["share": Self.share(settings.topShare), "days": "\(settings.topPerformerDays)"])
        case .routine: return strings.text("plan_rule.routine", ["months": "\(settings.routineMonths)"])
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
                ["role": strings["plan_level.team_leader"], "focus": strings["plan_level.team_leader_focus"]],
                ["role": strings["plan_level.supervisor"], "focus": strings["plan_level.supervisor_focus"]],
                ["role": strings["plan_level.manager"], "focus": strings["plan_level.manager_focus"]],
            ],
            "scripts": playbookLinks(playbookIDs(for: .incomeDrop), from: output),
        ]
    }

    // MARK: - Public: the center page

    func renderPlan() -> (OutputFile?, [Diagnostic]) {
        guard let plan else { return (nil, []) }
        let output = Self.planPath
        var context = views.frame(output: output, title: strings["nav.plan"], bodyClass: "kind-plan", section: nil, breadcrumbs: [site.root])
        context["hasPager"] = false
        context["today"] = strings.day(plan.today)
        context["horizonEnd"] = strings.day(plan.horizonEnd)
        context["period"] = strings.month(plan.period)
        context["oneOnOneURL"] = output.relativeURL(to: Self.oneOnOnePath)
        context["hasOneOnOne"] = hasOneOnOne
        context["showAgents"] = showAgents
        context["groups"] = Self.reasonGroups.map { ["label": strings["plan_group.\($0.key)"]] }
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
                "label": strings.planReason(reason), "code": reason.rawValue, "rule": deadlineRule(reason), "count": count,
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
        var context = views.frame(output: output, title: strings.text("plan.team_title", ["team": team.name]), bodyClass: "kind-plan-team", section: nil)
        context["breadcrumbs"] = [
            ["title": strings["nav.home"], "url": output.relativeURL(to: site.root.output)],
            ["title": strings["nav.plan"], "url": output.relativeURL(to: Self.planPath)],
        ]
        context["hasBreadcrumbs"] = true
        context["hasPager"] = false
        context["teamName"] = team.name
        context["today"] = strings.day(plan.today)
        context["horizonEnd"] = strings.day(plan.horizonEnd)
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
            "due": strings.day(entry.due),
            "isOverdue": overdueDays > 0,
            "overdueDays": overdueDays,
            "hired": strings.day(entry.hired),
            "lastTalk": entry.lastTalk.map(strings.day) ?? strings["plan.no_record"],
            "reasons": entry.items.map { item -> [String: Any] in
                [
                    "label": strings.planReason(item.reason) + (item.up.map { strings[$0 ? "plan.up" : "plan.down"] } ?? ""),
                    "code": item.reason.rawValue, "due": strings.day(item.due), "isOverdue": plan.isOverdue(item.due),
                    "evidence": item.evidence.map { Self.describe($0, strings: strings) }.filter { !$0.isEmpty }.map { ["text": $0] },
                    "isWarning": item.reason.isEarlyWarning,
                ]
            },
            "scripts": playbookLinks(entry.playbooks, from: output),
            "hasWarning": entry.items.contains { $0.reason.isEarlyWarning },
        ]
    }

    /// `质量 93.0% → 91.0% → 89.0%（2026-W40 至 2026-W42）`.
    static func describe(_ evidence: Evidence, strings: ThemeStrings) -> String {
        func run(_ label: String, _ format: (Double) -> String, minutes: Bool = false) -> String {
            let values = evidence.points.map { minutes ? strings.text("plan_evidence.minutes", ["value": format($0.value)]) : format($0.value) }.joined(separator: " → ")
            guard let first = evidence.points.first, let last = evidence.points.last else { return "" }
            return strings.text("plan_evidence.run", ["measure": strings["plan_evidence.\(label)"], "values": values, "first": first.label, "last": last.label])
        }
        switch evidence.measure {
        case .income: return run("income", Format.number)
        case .quality: return run("quality", Format.percent)
        case .sales: return run("sales", Format.number)
        case .efficiency: return run("efficiency", Format.number)
        case .breakMinutes: return run("breaks", Format.number, minutes: true)
        case .teamBreakMinutes: return run("team_breaks", Format.number, minutes: true)
        case .monthlyQuality: return run("monthly_quality", Format.percent)
        case .monthlySales: return run("monthly_sales", Format.number)
        case .flag: return evidence.note.map { strings.text("plan_evidence.reported_on", ["date": $0]) } ?? strings["plan_evidence.reported"]
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
            output: output, title: strings.text("plan.form_title", ["agent": entry.agent]), back: Self.planTeamPath(entry.team),
            backLabel: strings["print.back_plan_team"],
            bodyClass: "kind-talk-form")
        var values = entryValues(entry, plan: plan, from: output)
        values["teamName"] = teamName
        values["today"] = strings.day(plan.today)
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
                ChartText(
                    title: strings.text("plan.quality_chart_title", ["agent": entry.agent, "weeks": "\(weeks.count)"]),
                    description: strings["plan.quality_chart_description"], words: strings.chartWords),
                categories: weeks.map { String($0.week.description.suffix(3)) }, series: [Series(name: strings["plan.quality"], values: weeks.map(\.quality))],
                format: .percent(decimals: 0), width: 300, height: 125)
            values["hasChart"] = true
        }
        values["income"] = entry.recentIncome.map { ["period": strings.month($0.period), "income": Format.number($0.income)] }
        values["hasIncome"] = !entry.recentIncome.isEmpty
        // The key questions of the first talk script to read.
        if let index = entry.playbooks.lazy.compactMap({ site.pagesByID[$0] }).first(where: { site.pages[$0].kind == .talkScript }) {
            values["scriptTitle"] = site.pages[index].title
            values["steps"] = scriptSteps(index, from: output)
            values["hasSteps"] = true
        }
        values["followUp"] = strings.day(plan.today.adding(days: 14))
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
